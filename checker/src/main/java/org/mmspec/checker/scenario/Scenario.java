package org.mmspec.checker.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.audit.AuditMode;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.system.KernelSystem;

/**
 * A scenario: an initial configuration (the machine's sizes and a setup of address spaces, mappings,
 * files and pages) plus the threads that race from there, plus what to check and what to expect.
 *
 * @param name the scenario's id, e.g. {@code gup-vs-madvise}
 * @param summary one line for {@code mmspec list}
 * @param config the machine
 * @param setup the initial configuration and threads
 * @param bug the historic bug this scenario reproduces when switched on, if any
 * @param whenBuggy what the checker must find with {@link #bug} on
 * @param invariants the catalog ids checked (empty: all of them)
 * @param search how the standard suite searches it (BFS, exhaustive, within the budget)
 * @param expected what the checker must find with every historic bug off (usually a pass)
 * @param cover code points ({@code "procedure:point"}) that a pass must have reached, or it is flagged
 * @param origin where the scenario was written: its file, or {@code "java"} for one built in code
 */
public record Scenario(String name, String summary, Config config, Setup setup, Optional<BugId> bug,
        Expectation whenBuggy, List<String> invariants, SearchOptions search, Expectation expected,
        List<String> cover, String origin) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(bug, "bug");
        Objects.requireNonNull(whenBuggy, "whenBuggy");
        invariants = List.copyOf(invariants);
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(expected, "expected");
        cover = List.copyOf(cover);
        Objects.requireNonNull(origin, "origin");
    }

    /** A scenario built in code that must pass with its bugs off and has no coverage demands. */
    public Scenario(String name, String summary, Config config, Setup setup, Optional<BugId> bug,
            Expectation whenBuggy, List<String> invariants, SearchOptions search) {
        this(name, summary, config, setup, bug, whenBuggy, invariants, search, Expectation.pass(), List.of(), "java");
    }

    /**
     * What this scenario must give with the given bugs switched on: {@link #whenBuggy} when its own bug
     * is on, else {@link #expected} (a pass, for every standard scenario).
     */
    public Expectation expectation(Set<BugId> bugs) {
        return bug.isPresent() && bugs.contains(bug.get()) ? whenBuggy : expected;
    }

    /**
     * The bug sets a full check of this scenario searches: every bug off and, for a scenario that
     * reproduces a historic bug, that bug on.
     */
    public List<Set<BugId>> checkedBugSets() {
        return bug.isPresent() ? List.of(Set.of(), Set.of(bug.get())) : List.of(Set.of());
    }

    /**
     * Builds the initial state and the transition system, with {@code bugs} switched on.
     *
     * @throws SetupFailure when the set-up cannot be built, with the scenario's name and the reason
     */
    public KernelSystem instantiate(Set<BugId> bugs) {
        return instantiate(bugs, AuditMode.OFF);
    }

    /**
     * Builds the initial state and the transition system, with {@code bugs} switched on and the atomicity
     * audit in {@code audit} mode.
     *
     * @throws SetupFailure when the set-up cannot be built, with the scenario's name and the reason
     */
    public KernelSystem instantiate(Set<BugId> bugs, AuditMode audit) {
        try {
            return build(bugs, audit);
        } catch (SetupFailure e) {
            throw e.inScenario(name);
        } catch (Oops e) {
            throw new SetupFailure("scenario " + name + ": set-up failed: the kernel hit " + e.message("a set-up call"));
        } catch (IllegalArgumentException e) {
            throw new SetupFailure("scenario " + name + ": set-up failed: " + e.getMessage());
        }
    }

    private KernelSystem build(Set<BugId> bugs, AuditMode audit) {
        Config c = config.withBugs(bugs);
        Kernel k = Kernel.boot(c);
        List<ThreadSpec> threads = setup.prepare(k);
        if (threads.size() != c.nrThreads()) {
            throw new SetupFailure("the set-up made " + threads.size() + " threads for " + c.nrThreads()
                    + " thread slots of the configuration");
        }
        List<String> names = new ArrayList<>();
        for (int t = 0; t < threads.size(); t++) {
            ThreadSpec spec = threads.get(t);
            k.spawn(t, spec.procedure(), spec.a0(), spec.a1(), spec.a2(), spec.a3());
            names.add(spec.name());
        }
        k.ghost().clearEvents();
        KernelState initial = k.state();
        return new KernelSystem(c, initial, names, audit);
    }
}
