package org.mmspec.spec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.load.Specs;
import org.mmspec.spec.semantics.StepInfo;

/**
 * {@link SpecSystem#nextStepNotLocal} ({@link StepStarts}): a step is ruled out beforehand exactly where the
 * code says every run of it is marked shared or none ends normally — and never where the step, once taken,
 * is local. Each example is checked both ways: the expected answer, and that a "ruled out" step is indeed
 * not local when taken.
 */
class StepStartsTest {

    private static final String GLOBALS = """
            int<0..3> g;
            bool m;
            spinlock_t l;
            """;

    private static SpecSystem system(String text) {
        return Specs.load(text).scenarios().get(0).spec();
    }

    /** Whether the first step of a one-thread scenario running {@code body} is ruled out beforehand. */
    private static boolean ruledOut(String body) {
        SpecSystem ts = system(GLOBALS + """
                int<0..3> pure(int<0..3> v) { return v; }
                void helper(int<0..3> v) {
                h:  g = v;
                }
                void t(int<0..3> n, int<0..3> y) {
                a:  %s
                b:  g = 1;
                }
                scenario s { thread T = t(1, 0); }
                """.formatted(body));
        return soundly(ts, ts.initialState());
    }

    /** {@code ts.nextStepNotLocal} for thread 0 from {@code s}, after checking it against the step taken. */
    private static boolean soundly(SpecSystem ts, SpecState s) {
        boolean out = ts.nextStepNotLocal(s, 0);
        StepInfo info = new StepInfo();
        List<SpecState> next = ts.successors(s, 0, info);
        assertFalse(out && info.local() && !next.isEmpty(), "ruled out, but the step is local");
        return out;
    }

    @Test
    void aStepThatReachesSharedStateOnEveryPathIsRuledOut() {
        assertTrue(ruledOut("y = g;"));
        assertTrue(ruledOut("lock(l); unlock(l);"));
        assertTrue(ruledOut("await n == 1; y = g;"));
        assertTrue(ruledOut("if (n == 1) { y = g; } else { g = 1; }"));
        assertTrue(ruledOut("y = pure(n); g = y;"));
    }

    @Test
    void anEitherIsRuledOutWhenOneAlternativeMarksWhateverTheOthersDo() {
        assertTrue(ruledOut("either { await n == 0; y = 1; } or { g = 1; }"));
        assertTrue(ruledOut("either { y = 1; } or { await m; }"));
        // an alternative that may block before it reaches shared state does not mark for sure
        assertFalse(ruledOut("either { y = 1; } or { await n == 1; g = 1; }"));
    }

    @Test
    void aStepThatMayRunOnLocalsAloneIsNotRuledOut() {
        assertFalse(ruledOut("y = n + 1;"));
        assertFalse(ruledOut("either { y = 1; } or { y = 2; }"));
        assertFalse(ruledOut("with (v in 0..2) { y = v; }"));
        assertFalse(ruledOut("if (n == 1) { y = 1; } else { y = g; }"));
        assertFalse(ruledOut("y = pure(n);"));
    }

    @Test
    void callsAndReturnsAreFollowed() {
        assertFalse(ruledOut("helper(n);"));                // the call ends at the callee's first label: local
        SpecSystem ts = system("""
                int<0..3> g;
                void t(int<0..3> y) {
                a:  y = 1;
                b:  y = 2;
                }
                scenario s { thread T = t(0); }
                """);
        SpecState s1 = ts.successors(ts.initialState(), 0, new StepInfo()).get(0);
        assertFalse(soundly(ts, ts.initialState()));
        assertTrue(soundly(ts, s1), "the last step returns from the entry procedure: it ends the thread");
    }

    /** Whether some step from some reachable state of {@code ts} reports itself local. */
    private static boolean someStepLocal(SpecSystem ts) {
        java.util.Set<SpecState> seen = new java.util.HashSet<>(List.of(ts.initialState()));
        java.util.ArrayDeque<SpecState> queue = new java.util.ArrayDeque<>(seen);
        StepInfo info = new StepInfo();
        while (!queue.isEmpty()) {
            SpecState s = queue.poll();
            for (int t = 0; t < ts.threadCount(); t++) {
                List<SpecState> next = ts.successors(s, t, info);
                if (info.local() && !next.isEmpty()) {
                    return true;
                }
                next.stream().filter(seen::add).forEach(queue::add);
            }
        }
        return false;
    }

    /** {@link StepStarts#noneLocal} of {@code ts}'s code, as built with {@code flaw}. */
    private static boolean noneLocal(SpecSystem ts, StepStarts.Flaw flaw) {
        Machine m = new Machine(ts.ir());
        return new StepStarts(ts.ir().procs(), m.locality, ts.ir().layout(), flaw).noneLocal();
    }

    /**
     * "No step is local" asks only the points a thread stands at between steps (labels, and where it starts):
     * a point in mid-step whose runs may end unmarked (here {@code y = 2}, after the shared write) does not
     * keep the reduction's bookkeeping on. Asking only labels would miss a local first step before a thread's
     * first label, which the check of the answer against the steps taken catches.
     */
    @Test
    void noStepIsLocalWhereEveryPointAThreadStandsAtIsCovered() {
        SpecSystem midStep = system("""
                int<0..3> g;
                void t(int<0..3> y) {
                a:  g = 1;
                    y = 2;
                b:  g = y;
                }
                scenario s { thread T = t(0); thread U = t(0); }
                """);
        assertTrue(noneLocal(midStep, StepStarts.Flaw.NONE));
        assertFalse(midStep.mayTakeLocalSteps(), "every step from a label writes the global");
        assertFalse(someStepLocal(midStep));
        SpecSystem localStart = system("""
                int<0..3> g;
                void t(int<0..3> y) {
                    y = 1;
                a:  g = y;
                }
                scenario s { thread T = t(0); thread U = t(0); }
                """);
        assertTrue(someStepLocal(localStart), "the first step writes only the local");
        assertTrue(localStart.mayTakeLocalSteps());
        assertFalse(noneLocal(localStart, StepStarts.Flaw.NONE));
        assertTrue(noneLocal(localStart, StepStarts.Flaw.LABELS_ONLY), "asking labels alone misses the first step");
    }

    @Test
    void aFinishedThreadIsRuledOut() {
        SpecSystem ts = system("""
                int<0..3> g;
                void t() {
                a:  g = 1;
                }
                scenario s { thread T = t(); }
                """);
        SpecState end = ts.successors(ts.initialState(), 0).get(0);
        assertEquals(List.of(), ts.successors(end, 0));
        assertTrue(soundly(ts, end));
    }
}
