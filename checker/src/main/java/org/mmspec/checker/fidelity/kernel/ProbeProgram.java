package org.mmspec.checker.fidelity.kernel;

import java.util.List;
import java.util.Locale;

import org.mmspec.checker.fidelity.scenario.Backing;
import org.mmspec.checker.fidelity.scenario.FileSpec;
import org.mmspec.checker.fidelity.scenario.ObservationPlan;
import org.mmspec.checker.fidelity.scenario.Op;
import org.mmspec.checker.fidelity.scenario.PageRange;
import org.mmspec.checker.fidelity.scenario.Prot;
import org.mmspec.checker.fidelity.scenario.Region;
import org.mmspec.checker.fidelity.scenario.Scenario;
import org.mmspec.checker.fidelity.scenario.Sharing;
import org.mmspec.checker.fidelity.scenario.Step;

/**
 * A scenario compiled into the probe's line-oriented instruction list (the format is documented at the
 * top of {@code mmspec-probe.c}). Processes, regions and files become indices: process slot {@code i} is
 * {@code scenario.processes().get(i)}, region {@code i} is {@code scenario.regions().get(i)}, file
 * {@code i} is {@code scenario.files().get(i)}.
 *
 * @param scenario the scenario
 * @param text the instruction list
 */
public record ProbeProgram(Scenario scenario, String text) {

    /** The first line of every program. */
    public static final String HEADER = "mmspec-probe-program 1";

    /** The record that makes the probe emulate {@code mm_forbids_zeropage()} (see {@link #compile(Scenario, boolean)}). */
    static final String FORBID_ZEROPAGE = "Z";

    /** A program that runs nothing: the probe only reports host facts. */
    public static String factsOnly() {
        return factsOnly(false);
    }

    /** A program that runs nothing, as on a host with {@code mm_forbids_zeropage()} if {@code forbidZeropage}. */
    public static String factsOnly(boolean forbidZeropage) {
        return HEADER + "\n" + (forbidZeropage ? FORBID_ZEROPAGE + "\n" : "") + "end\n";
    }

    /** Compiles a scenario. */
    public static ProbeProgram compile(Scenario scenario) {
        return compile(scenario, false);
    }

    /**
     * Compiles a scenario; with {@code forbidZeropage} the probe stands in for a kernel with
     * {@code mm_forbids_zeropage()}: it reports {@code zero_page_on_read_fault no}, and each read of private
     * anonymous memory becomes a {@code Z} step, which faults a page without a PTE in as a fresh zeroed page
     * (the write-fault path) before reading it, as {@code do_anonymous_page()} does on such a kernel.
     */
    public static ProbeProgram compile(Scenario scenario, boolean forbidZeropage) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        if (forbidZeropage) {
            out.append(FORBID_ZEROPAGE).append('\n');
        }
        for (FileSpec f : scenario.files()) {
            out.append("F ").append(f.index()).append(' ').append(f.pages());
            for (int i = 0; i < f.pages(); i++) {
                out.append(' ').append(f.fill(i));
            }
            out.append('\n');
        }
        for (Region r : scenario.regions()) {
            out.append("G ").append(r.index()).append(' ').append(Long.toHexString(r.base())).append('\n');
        }
        ObservationPlan plan = scenario.observationPlan();
        for (Step step : scenario.steps()) {
            ObservationPlan.Point after = plan.after(step.number());
            out.append("S ").append(step.number()).append(' ');
            if (step.op() instanceof Op.Observe) {
                out.append(triples("O", scenario, after)).append('\n');
            } else {
                out.append(operation(scenario, step, forbidZeropage)).append('\n');
                out.append("S ").append(step.number()).append(' ').append(triples("L", scenario, after)).append('\n');
            }
        }
        out.append("end\n");
        return new ProbeProgram(scenario, out.toString());
    }

    private static String operation(Scenario s, Step step, boolean forbidZeropage) {
        int proc = s.processes().indexOf(step.process());
        return switch (step.op()) {
            case Op.Mmap m -> mmap(proc, m.region(), s);
            case Op.Touch t -> t.write()
                    ? join("W", proc, region(s, t.region()), t.page(), t.value())
                    : join(forbidZeropage && privateAnon(s, t.region()) ? "Z" : "R", proc, region(s, t.region()),
                            t.page());
            case Op.Fork f -> join("K", proc, s.processes().indexOf(f.child()));
            case Op.Munmap u -> range("U", proc, region(s, u.region()), u.range());
            case Op.Mprotect p -> range("X", proc, region(s, p.region()), p.range()) + " " + protBits(p.prot());
            case Op.Madvise a -> range("A", proc, region(s, a.region()), a.range()) + " " + a.advice().ordinal();
            case Op.FileWrite w -> join("T", proc, s.file(w.file()).orElseThrow().index(), w.page(), w.value());
            case Op.Exit e -> join("E", proc);
            case Op.Observe o -> throw new IllegalStateException("observe is compiled separately");
        };
    }

    private static String mmap(int proc, Region r, Scenario s) {
        int file = -1;
        int offset = 0;
        if (r.backing() instanceof Backing.File f) {
            file = s.file(f.file()).orElseThrow().index();
            offset = f.offsetPages();
        }
        return join("M", proc, r.index(), r.pages(), file, offset, r.sharing() == Sharing.SHARED ? 1 : 0,
                protBits(r.prot()));
    }

    /** {@code O} (observe) or {@code L} (sample frames) over every (process, region) of a plan point. */
    private static String triples(String kind, Scenario s, ObservationPlan.Point point) {
        StringBuilder b = new StringBuilder(kind).append(' ').append(point.regions().size());
        for (ObservationPlan.ProcessRegion pr : point.regions()) {
            b.append(' ').append(s.processes().indexOf(pr.process())).append(' ').append(pr.region().index())
                    .append(' ').append(pr.region().pages());
        }
        return b.toString();
    }

    private static boolean privateAnon(Scenario s, String name) {
        Region r = s.region(name).orElseThrow();
        return r.backing() instanceof Backing.Anon && r.sharing() == Sharing.PRIVATE;
    }

    private static int region(Scenario s, String name) {
        return s.region(name).orElseThrow().index();
    }

    private static String range(String kind, int proc, int region, PageRange r) {
        return join(kind, proc, region, r.first(), r.count());
    }

    private static int protBits(Prot p) {
        return (p.read() ? 1 : 0) | (p.write() ? 2 : 0);
    }

    private static String join(String kind, int... operands) {
        StringBuilder b = new StringBuilder(kind);
        for (int v : operands) {
            b.append(' ').append(String.format(Locale.ROOT, "%d", v));
        }
        return b.toString();
    }
}
