package org.mmspec.checker.fidelity.golden;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.mmspec.checker.fidelity.observe.Cell;
import org.mmspec.checker.fidelity.observe.CellTable;
import org.mmspec.checker.fidelity.observe.Field;
import org.mmspec.checker.fidelity.observe.HostFacts;
import org.mmspec.checker.fidelity.observe.PageField;
import org.mmspec.checker.fidelity.observe.PageFlag;
import org.mmspec.checker.fidelity.observe.RunField;
import org.mmspec.checker.fidelity.observe.Site;
import org.mmspec.checker.fidelity.scenario.Diagnostic;
import org.mmspec.checker.fidelity.scenario.Scenario;
import org.mmspec.checker.fidelity.scenario.Step;

/**
 * Writes and reads golden files.
 *
 * <pre>
 * # host: kernel_series=6.18 lru_drain=yes ...
 * step 2 p0 outcome=ok                       # write r1 0
 * step 3 p0 r1[0] vma=rw-p present=yes swapped=no exclusive=yes file=no frame=F1 mapcount=1 flags=anon,lru,mmap,swapbacked,uptodate
 * end - f1[0] content=A
 * </pre>
 *
 * {@code flags=} lists the set flags ({@code none} when none is set, {@code -} when the page is not
 * present). Other {@code #} comments are ignored when reading.
 */
public final class GoldenFormat {

    private static final String HOST = "# host:";

    private GoldenFormat() {
    }

    /** Renders a kernel run of {@code scenario} on a host with {@code facts}. */
    public static String render(Scenario scenario, HostFacts facts, CellTable table) {
        return render(scenario, facts, table, "");
    }

    /**
     * Renders a kernel run; {@code how}, when not empty, says how the run differed from the host's own
     * kernel (e.g. the probe emulating {@code mm_forbids_zeropage()}).
     */
    public static String render(Scenario scenario, HostFacts facts, CellTable table, String how) {
        StringBuilder out = new StringBuilder();
        out.append("# mmspec fidelity: what the live kernel did in scenario ").append(scenario.name()).append('\n');
        out.append("# regenerate: ./mvnw -B -pl checker -am test -Dtest=KernelScenariosTest")
                .append(" -Dsurefire.failIfNoSpecifiedTests=false -Dmmspec.fidelity.regenerate=true\n");
        out.append("# recorded on kernel ").append(facts.kernelRelease()).append(' ').append(facts.machine())
                .append(how.isEmpty() ? "" : ", " + how).append('\n');
        out.append(HOST);
        facts.deciding().forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
        out.append('\n');
        Map<Integer, Step> steps = new HashMap<>();
        scenario.steps().forEach(s -> steps.put(s.number(), s));
        Map<Site, List<Cell>> bySite = new LinkedHashMap<>();
        table.cells().forEach(c -> bySite.computeIfAbsent(c.site(), k -> new ArrayList<>()).add(c));
        bySite.forEach((site, cells) -> out.append(line(site, cells, steps)).append('\n'));
        return out.toString();
    }

    private static String line(Site site, List<Cell> cells, Map<Integer, Step> steps) {
        StringBuilder line = new StringBuilder(site.step() == Site.END ? "end" : "step " + site.step());
        line.append(' ').append(site.process());
        if (!site.place().equals("-")) {
            line.append(' ').append(site.place());
        }
        List<Cell> flags = new ArrayList<>();
        for (Cell c : cells) {
            if (c.field() instanceof PageFlag) {
                flags.add(c);
            } else {
                line.append(' ').append(c.field().label()).append('=').append(c.value());
            }
        }
        if (!flags.isEmpty()) {
            line.append(" flags=").append(flagsText(flags));
        }
        if (cells.stream().anyMatch(c -> c.field() == RunField.OUTCOME) && steps.containsKey(site.step())) {
            line.append("  # ").append(steps.get(site.step()).op());
        }
        return line.toString();
    }

    /** The set flags joined by commas; {@code none} if none; the common value if not yes/no. */
    private static String flagsText(List<Cell> flags) {
        String first = flags.get(0).value();
        if (!first.equals("yes") && !first.equals("no")) {
            return first;
        }
        List<String> set = flags.stream().filter(c -> c.value().equals("yes")).map(c -> c.field().label()).toList();
        return set.isEmpty() ? "none" : String.join(",", set);
    }

    /** Reads a golden file back. */
    public static GoldenParse parse(String text) {
        SortedMap<String, String> deciding = new TreeMap<>();
        List<Cell> cells = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith(HOST)) {
                for (String kv : line.substring(HOST.length()).trim().split(" +")) {
                    String[] p = kv.split("=", 2);
                    deciding.put(p[0], p.length == 2 ? p[1] : "");
                }
                continue;
            }
            int hash = line.indexOf('#');
            String code = (hash < 0 ? line : line.substring(0, hash)).trim();
            if (code.isEmpty()) {
                continue;
            }
            Optional<String> problem = parseLine(code.split(" +"), cells);
            if (problem.isPresent()) {
                return new GoldenParse.Malformed(new Diagnostic(i + 1, 1, problem.get()));
            }
        }
        return new GoldenParse.Read(new Golden(deciding, CellTable.of(cells)));
    }

    private static Optional<String> parseLine(String[] w, List<Cell> cells) {
        int at;
        int step;
        if (w[0].equals("end") && w.length >= 3) {
            step = Site.END;
            at = 1;
        } else if (w[0].equals("step") && w.length >= 4 && w[1].matches("[0-9]+")) {
            step = Integer.parseInt(w[1]);
            at = 2;
        } else {
            return Optional.of("expected 'step <n> <process> ...' or 'end - <place> ...'");
        }
        String process = w[at++];
        String place = w[at].contains("=") ? "-" : w[at++];
        Site site = new Site(step, process, place);
        for (int i = at; i < w.length; i++) {
            String[] kv = w[i].split("=", 2);
            if (kv.length != 2) {
                return Optional.of("expected field=value, found '" + w[i] + "'");
            }
            if (kv[0].equals("flags")) {
                addFlags(site, kv[1], cells);
                continue;
            }
            Optional<Field> field = field(kv[0]);
            if (field.isEmpty()) {
                return Optional.of("unknown field '" + kv[0] + "'");
            }
            cells.add(new Cell(site, field.get(), kv[1]));
        }
        return Optional.empty();
    }

    private static void addFlags(Site site, String value, List<Cell> cells) {
        List<String> set = List.of(value.split(","));
        boolean uniform = value.equals("-") || value.equals(CellTable.ABSENT);
        for (PageFlag f : PageFlag.values()) {
            cells.add(new Cell(site, f, uniform ? value : set.contains(f.label()) ? "yes" : "no"));
        }
    }

    private static Optional<Field> field(String label) {
        for (PageField f : PageField.values()) {
            if (f.label().equals(label)) {
                return Optional.of(f);
            }
        }
        for (RunField f : RunField.values()) {
            if (f.label().equals(label)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
