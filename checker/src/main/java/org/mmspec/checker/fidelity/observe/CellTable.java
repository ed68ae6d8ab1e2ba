package org.mmspec.checker.fidelity.observe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mmspec.checker.fidelity.scenario.FileSpec;
import org.mmspec.checker.fidelity.scenario.ObservationPlan;
import org.mmspec.checker.fidelity.scenario.Op;
import org.mmspec.checker.fidelity.scenario.Scenario;
import org.mmspec.checker.fidelity.scenario.Step;

/**
 * Observations as a flat, ordered table of text cells, with frames labelled: the form in which kernel
 * and model are compared, goldens are written, and differences are shown. The order is canonical (step
 * order; at an {@code observe}, plan order; file contents last), so the same observations always give
 * the same table and the same labels.
 */
public final class CellTable {

    /** The value of every field of a page the plan names but the observations lack. */
    public static final String ABSENT = "(absent)";

    private final Map<Cell.Key, String> cells;

    private CellTable(Map<Cell.Key, String> cells) {
        this.cells = Collections.unmodifiableMap(cells);
    }

    /** A table of the given cells, in the given order (later duplicates win). */
    public static CellTable of(List<Cell> cells) {
        Map<Cell.Key, String> m = new LinkedHashMap<>();
        cells.forEach(c -> m.put(c.key(), c.value()));
        return new CellTable(m);
    }

    /** Lays out {@code observations} of {@code scenario} in canonical order and labels frames. */
    public static CellTable of(Scenario scenario, Observations observations) {
        Map<Integer, OpOutcome> outcomes = new HashMap<>();
        observations.outcomes().forEach(o -> outcomes.put(o.step(), o.outcome()));
        Map<String, PageState> pages = new LinkedHashMap<>();
        observations.pages().forEach(p -> pages.put(pageKey(p.step(), p.process(), p.place()), p));
        Map<Integer, FrameSample> samples = new HashMap<>();
        observations.frameSamples().forEach(f -> samples.put(f.step(), f));
        ObservationPlan plan = scenario.observationPlan();

        List<Cell> out = new ArrayList<>();
        FrameLabels labels = new FrameLabels();
        for (Step step : scenario.steps()) {
            if (step.op() instanceof Op.Observe) {
                addPlannedPages(plan.after(step.number()), pages, labels, out);
            } else {
                OpOutcome o = outcomes.get(step.number());
                out.add(new Cell(new Site(step.number(), step.process(), "-"), RunField.OUTCOME,
                        o == null ? ABSENT : o.text()));
                FrameSample sample = samples.get(step.number());
                if (sample != null) {
                    labels.retainOnly(sample.frames());
                }
            }
        }
        for (PageState extra : pages.values()) { // pages the plan does not name
            addPage(extra, labels, out);
        }
        addFiles(scenario, observations, out);
        return of(out);
    }

    private static void addPlannedPages(ObservationPlan.Point observation, Map<String, PageState> pages,
            FrameLabels labels, List<Cell> out) {
        for (ObservationPlan.ProcessRegion pr : observation.regions()) {
            for (int i = 0; i < pr.region().pages(); i++) {
                String place = pr.region().name() + "[" + i + "]";
                PageState p = pages.remove(pageKey(observation.step(), pr.process(), place));
                Site site = new Site(observation.step(), pr.process(), place);
                if (p == null) {
                    allFields(site, ABSENT, out);
                } else {
                    addPage(p, labels, out);
                }
            }
        }
    }

    private static void addPage(PageState p, FrameLabels labels, List<Cell> out) {
        Site site = new Site(p.step(), p.process(), p.place());
        out.add(new Cell(site, PageField.VMA, p.vma().toString()));
        out.add(new Cell(site, PageField.PRESENT, yesNo(p.present())));
        out.add(new Cell(site, PageField.SWAPPED, yesNo(p.swapped())));
        out.add(new Cell(site, PageField.EXCLUSIVE, yesNo(p.exclusive())));
        out.add(new Cell(site, PageField.FILE, yesNo(p.file())));
        out.add(new Cell(site, PageField.FRAME, labels.label(p)));
        out.add(new Cell(site, PageField.MAPCOUNT, p.present() ? Integer.toString(p.mapcount()) : "-"));
        for (PageFlag f : PageFlag.values()) {
            out.add(new Cell(site, f, p.present() ? yesNo(p.has(f)) : "-"));
        }
    }

    private static void allFields(Site site, String value, List<Cell> out) {
        for (PageField f : PageField.values()) {
            out.add(new Cell(site, f, value));
        }
        for (PageFlag f : PageFlag.values()) {
            out.add(new Cell(site, f, value));
        }
    }

    private static void addFiles(Scenario scenario, Observations observations, List<Cell> out) {
        Map<String, Integer> bytes = new HashMap<>();
        observations.fileContents().forEach(b -> bytes.put(b.file() + "[" + b.page() + "]", b.value()));
        for (FileSpec file : scenario.files()) {
            for (int i = 0; i < file.pages(); i++) {
                Integer b = bytes.get(file.name() + "[" + i + "]");
                out.add(new Cell(new Site(Site.END, "-", file.name() + "[" + i + "]"), RunField.CONTENT,
                        b == null ? ABSENT : byteText(b)));
            }
        }
    }

    /** A byte as table text: the letter itself for {@code A-Z a-z}, else {@code 0x..}. */
    public static String byteText(int b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' ? Character.toString(b) : String.format("0x%02x", b);
    }

    private static String pageKey(int step, String process, String place) {
        return step + " " + process + " " + place;
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    /** The value at {@code site} / {@code field}, if the table has it. */
    public Optional<String> get(Site site, Field field) {
        return Optional.ofNullable(cells.get(new Cell.Key(site, field)));
    }

    /** All cells in order. */
    public List<Cell> cells() {
        List<Cell> out = new ArrayList<>(cells.size());
        cells.forEach((k, v) -> out.add(new Cell(k.site(), k.field(), v)));
        return out;
    }

    /** The keys in order. */
    public List<Cell.Key> keys() {
        return List.copyOf(cells.keySet());
    }

    /** Number of cells. */
    public int size() {
        return cells.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CellTable t && cells().equals(t.cells());
    }

    @Override
    public int hashCode() {
        return cells().hashCode();
    }
}
