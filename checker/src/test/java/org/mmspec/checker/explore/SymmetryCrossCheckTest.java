package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.specs.ScenarioBounds;
import org.mmspec.checker.specs.SpecCheck;
import org.mmspec.checker.specs.SpecSuite;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.eval.SpecSystem;
import org.mmspec.spec.load.SpecScenario;

/**
 * The soundness cross-check of thread symmetry: on every spec scenario (spec/mm and this module's
 * {@code symmetry/lost_update.mmspec}; the bench model's {@code tiny} is cross-checked, reduction with symmetry
 * against none, by {@link ReductionCrossCheckTest}) the search with symmetry and the
 * one without (partial-order reduction on in both) agree on the verdict and the violation. Where the
 * scenario has no interchangeable threads, or symmetry is refused, the system is the same object with
 * symmetry asked for, so the searches are the same by construction; the others are run both ways.
 */
class SymmetryCrossCheckTest {

    private record Case(String file, SpecScenario scenario) {
    }

    private static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (Path dir : List.of(Path.of("..", "spec", "mm"), Path.of("..", "bench", "models"),
                Path.of("src", "test", "resources", "symmetry"))) {
            for (SpecSuite.File f : SpecSuite.of(dir).files()) {
                SpecSuite.Loaded l = assertInstanceOf(SpecSuite.Loaded.class, f);
                for (SpecScenario s : l.program().scenarios()) {
                    if (!dir.endsWith("models")) {     // tiny: ReductionCrossCheckTest, reduction (with symmetry) vs none
                        out.add(new Case(l.name(), s));
                    }
                }
            }
        }
        return out;
    }

    private static SearchOptions options(SpecScenario s) {
        return ScenarioBounds.apply(s.bounds(), SearchOptions.defaults()).withReduction(true);
    }

    @Test
    void everySpecScenarioGivesTheSameVerdictAndViolationWithAndWithoutSymmetry() throws IOException {
        int same = 0;
        int symmetric = 0;
        List<String> reduced = new ArrayList<>();
        for (Case c : cases()) {
            String what = c.file() + ":" + c.scenario().name();
            if (!c.scenario().spec().symmetry().active()) {
                assertSame(c.scenario().spec(), c.scenario().spec().withSymmetry(true), what);
                same++;
                continue;
            }
            SearchOptions o = options(c.scenario());
            CheckResult off = SpecCheck.run(c.file(), c.scenario(), o.withSymmetry(false), SearchListener.NONE).result();
            CheckResult on = SpecCheck.run(c.file(), c.scenario(), o, SearchListener.NONE).result();
            assertEquals(ReductionCrossCheckTest.outcome(off), ReductionCrossCheckTest.outcome(on), what);
            assertTrue(on.statistics().distinctStates() <= off.statistics().distinctStates()
                    || !(off instanceof CheckResult.Passed), what);
            if (on.statistics().distinctStates() < off.statistics().distinctStates()) {
                reduced.add(what + " " + off.statistics().distinctStates() + " -> " + on.statistics().distinctStates());
            }
            symmetric++;
        }
        assertTrue(same >= 20, "scenarios without symmetry: " + same);
        assertTrue(symmetric >= 5, "scenarios searched with symmetry: " + symmetric);
        assertTrue(reduced.size() >= 5, "scenarios symmetry reduced: " + reduced);
    }

    private static SpecScenario lostUpdate(String name) throws IOException {
        SpecSuite.Loaded l = assertInstanceOf(SpecSuite.Loaded.class,
                SpecSuite.of(Path.of("src", "test", "resources", "symmetry")).files().get(0));
        return l.program().scenarios().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * With no local steps, what reduction does here is symmetry alone: 3! fewer states where the three
     * threads stand at different points, the same verdict, and a BFS trace of the same length as the
     * unreduced search's (an orbit's level is the least distance of its states).
     */
    @Test
    void symmetryAloneKeepsTheShortestTraceLength() throws IOException {
        SpecScenario racy = lostUpdate("racy");
        SearchOptions o = options(racy);
        CheckResult none = SpecCheck.run("lost_update.mmspec", racy, o.withReduction(false), SearchListener.NONE).result();
        CheckResult por = SpecCheck.run("lost_update.mmspec", racy, o.withSymmetry(false), SearchListener.NONE).result();
        CheckResult sym = SpecCheck.run("lost_update.mmspec", racy, o, SearchListener.NONE).result();
        assertEquals(none.statistics().distinctStates(), por.statistics().distinctStates(), "no local steps");
        CheckResult.Violated full = assertInstanceOf(CheckResult.Violated.class, none);
        CheckResult.Violated reducedTrace = assertInstanceOf(CheckResult.Violated.class, sym);
        assertEquals(ReductionCrossCheckTest.outcome(none), ReductionCrossCheckTest.outcome(sym));
        assertEquals(full.trace().steps().size(), reducedTrace.trace().steps().size(), "shortest either way");
        assertTrue(sym.statistics().distinctStates() * 3 < none.statistics().distinctStates(),
                sym.statistics().distinctStates() + " vs " + none.statistics().distinctStates());

        SpecScenario locked = lostUpdate("locked");
        CheckResult lockedNone = SpecCheck.run("lost_update.mmspec", locked, o.withReduction(false),
                SearchListener.NONE).result();
        CheckResult lockedSym = SpecCheck.run("lost_update.mmspec", locked, o, SearchListener.NONE).result();
        assertInstanceOf(CheckResult.Passed.class, lockedSym);
        assertTrue(lockedSym.statistics().distinctStates() * 3 < lockedNone.statistics().distinctStates());
    }

    /**
     * Exactness: a BFS storing canonical fingerprints reaches exactly the orbits of the states the
     * unreduced BFS reaches (no orbit lost, none split), on a spec/mm scenario whose threads keep thread ids
     * in wait queues, lock owners, per-task arrays and locals, and on the toy.
     */
    @Test
    void theSymmetricSearchReachesExactlyTheOrbitsOfTheReachableStates() throws IOException {
        SpecSuite.Loaded killable = SpecSuite.of(Path.of("..", "spec", "mm")).files().stream()
                .filter(f -> f instanceof SpecSuite.Loaded l && l.name().equals("lock_page_killable.mmspec"))
                .map(SpecSuite.Loaded.class::cast).findFirst().orElseThrow();
        List<SpecScenario> scenarios = List.of(killable.program().scenarios().stream()
                .filter(s -> s.name().equals("lock_page_killable_wakeup_fixed")).findFirst().orElseThrow(),
                lostUpdate("racy"), lostUpdate("locked"));
        for (SpecScenario s : scenarios) {
            SpecSystem plain = s.spec();
            SpecSystem sym = plain.withSymmetry(true);
            assertTrue(sym.symmetric(), s.name());
            List<SpecState> concrete = bfs(plain, plain::fingerprint);
            Set<Long> orbits = new HashSet<>();
            concrete.forEach(x -> orbits.add(sym.fingerprint(x)));
            List<SpecState> reduced = bfs(plain, sym::fingerprint);
            assertEquals(orbits.size(), reduced.size(), s.name());
            assertTrue(reduced.size() < concrete.size(), s.name());
        }
    }

    /** Every state a BFS reaches (faulted states not expanded), storing states by {@code key}. */
    private static List<SpecState> bfs(SpecSystem ts, java.util.function.ToLongFunction<SpecState> key) {
        Set<Long> seen = new HashSet<>();
        List<SpecState> out = new ArrayList<>();
        java.util.ArrayDeque<SpecState> queue = new java.util.ArrayDeque<>();
        seen.add(key.applyAsLong(ts.initialState()));
        queue.add(ts.initialState());
        while (!queue.isEmpty()) {
            SpecState x = queue.poll();
            out.add(x);
            for (int t = 0; t < ts.threadCount() && ts.fault(x) == null; t++) {
                for (SpecState y : ts.successors(x, t)) {
                    if (seen.add(key.applyAsLong(y))) {
                        queue.add(y);
                    }
                }
            }
        }
        return out;
    }

    /** Under symmetry the parallel search gives the same counts and the same trace, byte for byte. */
    @Test
    void symmetricSearchesAreTheSameOnOneAndTwoWorkers() throws IOException {
        for (String name : List.of("racy", "locked")) {
            SpecScenario s = lostUpdate(name);
            SearchOptions o = options(s);
            assertTrue(s.spec().symmetry().active());
            CheckResult one = SpecCheck.run("lost_update.mmspec", s, o, SearchListener.NONE).result();
            for (int run = 0; run < 2; run++) {
                for (Partition p : Partition.values()) {
                    ParallelSearchTest.assertSame(one, SpecCheck.run("lost_update.mmspec", s,
                            o.withWorkers(2 + run).withPartition(p), SearchListener.NONE).result(),
                            name + " on " + (2 + run) + " workers, " + p);
                }
            }
        }
    }
}
