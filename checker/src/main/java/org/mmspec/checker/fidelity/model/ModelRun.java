package org.mmspec.checker.fidelity.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mmspec.checker.fidelity.observe.FileByte;
import org.mmspec.checker.fidelity.observe.FrameSample;
import org.mmspec.checker.fidelity.observe.Observations;
import org.mmspec.checker.fidelity.observe.OpOutcome;
import org.mmspec.checker.fidelity.observe.PageState;
import org.mmspec.checker.fidelity.observe.StepOutcome;
import org.mmspec.checker.fidelity.scenario.FileSpec;
import org.mmspec.checker.fidelity.scenario.ObservationPlan;
import org.mmspec.checker.fidelity.scenario.Op;
import org.mmspec.checker.fidelity.scenario.Region;
import org.mmspec.checker.fidelity.scenario.Scenario;
import org.mmspec.checker.fidelity.scenario.Step;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;

/**
 * One run of one scenario on a freshly booted reference implementation: creates the scenario's files,
 * performs every step in its process ({@link StepRunner}) and records what the model then shows, in the
 * terms of the kernel probe ({@link PageObserver}). Used once.
 */
final class ModelRun {

    private final Scenario scenario;
    private final ModelMachine machine;
    private final Kernel k;
    private final Map<String, Integer> files = new HashMap<>();
    private final StepRunner steps;
    private final PageObserver observer;

    ModelRun(Scenario scenario, ModelMachine machine) {
        this.scenario = scenario;
        this.machine = machine;
        this.k = Kernel.boot(machine.config());
        this.observer = new PageObserver(k);
        createFiles();
        this.steps = new StepRunner(k, machine, scenario, files);
    }

    /** Performs the scenario and returns everything it observed. */
    Observations run() {
        List<StepOutcome> outcomes = new ArrayList<>();
        List<PageState> pages = new ArrayList<>();
        List<FrameSample> samples = new ArrayList<>();
        ObservationPlan plan = scenario.observationPlan();
        for (Step step : scenario.steps()) {
            outcomes.add(new StepOutcome(step.number(), steps.perform(step)));
            ObservationPlan.Point point = plan.after(step.number());
            if (step.op() instanceof Op.Observe) {
                pages.addAll(observe(point));
            } else {
                samples.add(new FrameSample(step.number(), frames(point)));
            }
        }
        return new Observations(outcomes, pages, fileContents(), samples);
    }

    /**
     * Creates every scenario file as the probe does: {@code write()} one page at a time (the page-cache
     * pages are created, filled and dirtied by {@code generic_perform_write}), then {@code fsync()}, here
     * the write-back of each dirty page (contents to disk, {@code PG_dirty} cleared).
     */
    private void createFiles() {
        PageCache cache = k.pageCache();
        Pages p = k.pages();
        for (FileSpec f : scenario.files()) {
            int[] contents = new int[f.pages()];
            int id = cache.createFile(FileKind.REGULAR_RW, contents);
            files.put(f.name(), id);
            for (int i = 0; i < f.pages(); i++) {
                StepRunner.check(k.run(org.mmspec.ref.proc.FileWrite.class, id, i, f.fill(i)), "write " + f.name());
            }
            for (int i = 0; i < f.pages(); i++) {
                int page = cache.lookup(id, i);
                if (page >= 0 && p.testClearPageFlag(page, PageFlag.DIRTY)) {
                    cache.writeDisk(id, i, p.data(page));
                }
            }
        }
    }

    private List<PageState> observe(ObservationPlan.Point point) {
        List<PageState> out = new ArrayList<>();
        for (ObservationPlan.ProcessRegion pr : point.regions()) {
            Region r = pr.region();
            int mm = steps.mmOf(pr.process());
            for (int i = 0; i < r.pages(); i++) {
                out.add(observer.observe(point.step(), pr.process(), r.name(), i, mm, machine.address(r, i)));
            }
        }
        return out;
    }

    private Set<Long> frames(ObservationPlan.Point point) {
        Set<Long> out = new HashSet<>();
        for (ObservationPlan.ProcessRegion pr : point.regions()) {
            int mm = steps.mmOf(pr.process());
            for (int i = 0; i < pr.region().pages(); i++) {
                long frame = observer.mappedFrame(mm, machine.address(pr.region(), i));
                if (frame >= 0) {
                    out.add(frame);
                }
            }
        }
        return out;
    }

    /** What {@code pread()} of each file page returns: the page-cache page if cached, else the disk. */
    private List<FileByte> fileContents() {
        PageCache cache = k.pageCache();
        List<FileByte> out = new ArrayList<>();
        for (FileSpec f : scenario.files()) {
            int id = files.get(f.name());
            for (int i = 0; i < f.pages(); i++) {
                int page = cache.lookup(id, i);
                out.add(new FileByte(f.name(), i, page >= 0 ? k.pages().data(page) : cache.disk(id, i)));
            }
        }
        return out;
    }
}
