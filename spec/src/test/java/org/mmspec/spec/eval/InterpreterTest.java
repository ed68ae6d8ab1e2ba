package org.mmspec.spec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.load.SpecScenario;
import org.mmspec.spec.load.Specs;
import org.mmspec.spec.semantics.BlockReason;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;
import org.mmspec.spec.semantics.Witness;

/** The interpreter's semantics, through the public TransitionSystem of loaded specs. */
class InterpreterTest {

    private static SpecSystem system(String text) {
        return Specs.load(text).scenarios().get(0).spec();
    }

    private static String value(SpecSystem ts, SpecState s, String name) {
        for (String line : ts.describe(s)) {
            if (line.startsWith(name + " = ")) {
                return line.substring(name.length() + 3);
            }
        }
        throw new AssertionError(name + " not in " + ts.describe(s));
    }

    @Test
    void aStepRunsFromOneLabelToTheNext() {
        SpecSystem ts = system("""
                int<0..3> x;
                void t() {
                a:  x = 1;
                    x = 2;
                b:  x = 3;
                }
                scenario s { thread T = t(); }
                """);
        SpecState s0 = ts.initialState();
        assertEquals(ThreadPhase.NOT_STARTED, ts.phase(s0, 0));
        SpecState s1 = ts.step(s0, 0);
        assertEquals("2", value(ts, s1, "x"));
        assertEquals(ThreadPhase.RUNNING, ts.phase(s1, 0));
        assertEquals("t:a", ts.label(s0, 0, s1).step());
        SpecState s2 = ts.step(s1, 0);
        assertEquals("3", value(ts, s2, "x"));
        assertEquals(ThreadPhase.FINISHED, ts.phase(s2, 0));
        assertNull(ts.step(s2, 0));
        assertEquals(List.of(new Change("x", "2", "3")), ts.diff(s1, s2));
    }

    @Test
    void awaitBlocksUntilAnotherThreadMakesItTrue() {
        SpecSystem ts = system("""
                bool flag;
                void waiter() { w: await flag; }
                void setter() { s: flag = true; }
                scenario s { thread W = waiter(); thread S = setter(); }
                """);
        SpecState s0 = ts.initialState();
        assertTrue(ts.successors(s0, 0).isEmpty());
        BlockReason why = ts.blockReason(s0, 0);
        assertNotNull(why);
        assertTrue(why.describe().contains("flag"), why.describe());
        SpecState s1 = ts.step(s0, 1);
        assertNull(ts.blockReason(s1, 0));
        assertEquals(ThreadPhase.FINISHED, ts.phase(ts.step(s1, 0), 0));
    }

    @Test
    void aHeldLockBlocksOthersAndNamesItsHolder() {
        SpecSystem ts = system("""
                mutex m;
                void holder() { a: lock(m); b: unlock(m); }
                scenario s { thread A = holder(); thread B = holder(); }
                """);
        SpecState s1 = ts.step(ts.initialState(), 0);
        assertTrue(ts.successors(s1, 1).isEmpty());
        String why = ts.blockReason(s1, 1).describe();
        assertTrue(why.contains("m") && why.contains("held by A"), why);
        SpecState s2 = ts.step(s1, 0);
        assertEquals(1, ts.successors(s2, 1).size());
    }

    @Test
    void eitherAndWithYieldOneSuccessorPerChoice() {
        SpecSystem ts = system("""
                int<0..5> x;
                set<int<0..5>> s = {};
                void t() {
                a:  either { x = 1; } or { x = 2; } or { x = 3; }
                b:  with (v in s) { x = v; }
                }
                scenario sc { init { s = s + 4; s += 5; } thread T = t(); }
                """);
        SpecState s0 = ts.initialState();
        List<SpecState> first = ts.successors(s0, 0);
        assertEquals(3, first.size());
        assertEquals("either:2", ts.label(s0, 0, first.get(1)).detail());
        List<SpecState> second = ts.successors(first.get(0), 0);
        assertEquals(2, second.size());
        assertEquals("v=5", ts.label(first.get(0), 0, second.get(1)).detail());
    }

    @Test
    void withOverAnEmptySetBlocks() {
        SpecSystem ts = system("""
                set<bool> s;
                bool x;
                void t() { a: with (v in s) { x = v; } }
                scenario sc { thread T = t(); }
                """);
        assertTrue(ts.successors(ts.initialState(), 0).isEmpty());
        assertTrue(ts.blockReason(ts.initialState(), 0).describe().contains("nothing to choose"));
    }

    @Test
    void failedAssertionsAndRuntimeErrorsAreFaultsInTheState() {
        SpecSystem ts = system("""
                int<0..3> a[2];
                int<0..3> i = 2;
                void bad_index() { go: a[i] = 1; }
                scenario s { thread T = bad_index(); }
                """);
        SpecState s1 = ts.step(ts.initialState(), 0);
        Fault f = ts.fault(s1);
        assertEquals(Fault.Kind.MODEL_ERROR, f.kind());
        assertEquals(0, f.thread());
        assertTrue(f.message().contains("index 2 out of range 0..1"), f.message());
        assertTrue(ts.successors(s1, 0).isEmpty(), "a faulty state has no successors");
        SpecSystem asserting = system("""
                int<0..3> x = 1;
                void t() { go: assert x == 0; }
                scenario s { thread T = t(); }
                """);
        assertEquals(Fault.Kind.ASSERTION, asserting.fault(asserting.step(asserting.initialState(), 0)).kind());
    }

    @Test
    void finishingWithALockHeldIsAKernelBug() {
        SpecSystem ts = system("""
                spinlock_t l;
                void t() { go: lock(l); }
                scenario s { thread T = t(); }
                """);
        Fault f = ts.fault(ts.step(ts.initialState(), 0));
        assertEquals(Fault.Kind.KERNEL_BUG, f.kind());
        assertTrue(f.message().contains("holding l"), f.message());
    }

    @Test
    void statesReachedByDifferentPathsAreEqualAndFingerprintEqually() {
        SpecSystem ts = system("""
                int<0..3> x;
                int<0..3> y;
                void setx() { a: x = 1; }
                void sety() { a: y = 1; }
                scenario s { thread X = setx(); thread Y = sety(); }
                """);
        SpecState s0 = ts.initialState();
        SpecState xy = ts.step(ts.step(s0, 0), 1);
        SpecState yx = ts.step(ts.step(s0, 1), 0);
        assertEquals(xy, yx);
        assertEquals(ts.fingerprint(xy), ts.fingerprint(yx));
        assertNotEquals(ts.fingerprint(s0), ts.fingerprint(xy));
        assertEquals(ts.successors(s0, 0), ts.successors(s0, 0), "steps are deterministic");
    }

    @Test
    void aViolatedInvariantNamesTheFailingValues() {
        SpecScenario sc = Specs.scenario("""
                memory { pages = 3; mms = 1; vmas = 1; }
                int<0..3> refcount[pfn_t] = 1;
                void drop(pfn_t p) { a: refcount[p] = 0; }
                invariant all_used "every page is referenced": forall p in pfn_t: refcount[p] > 0;
                scenario s { thread T = drop(1); }
                """, "s");
        TransitionSystem<SpecState> ts = sc.system();
        assertNull(sc.invariants().get(0).check(ts.initialState()));
        Witness w = sc.invariants().get(0).check(ts.step(ts.initialState(), 0));
        assertNotNull(w);
        assertEquals(List.of("p = 1", "refcount[p] > 0: 0 > 0", "refcount[1] = 0"), w.objects());
        assertEquals("every page is referenced", sc.invariants().get(0).statement());
    }

    @Test
    void aStateWhereEveryThreadWaitsHasReasonsForAll() {
        SpecSystem ts = system("""
                mutex a;
                mutex b;
                void ab() { x: lock(a); y: lock(b); unlock(b); unlock(a); }
                void ba() { x: lock(b); y: lock(a); unlock(a); unlock(b); }
                scenario s { thread T1 = ab(); thread T2 = ba(); }
                """);
        SpecState s = ts.step(ts.step(ts.initialState(), 0), 1);
        assertTrue(ts.successors(s, 0).isEmpty() && ts.successors(s, 1).isEmpty());
        assertTrue(ts.blockReason(s, 0).describe().contains("held by T2"));
        assertTrue(ts.blockReason(s, 1).describe().contains("held by T1"));
    }

    @Test
    void callsPushFramesAndReturnValuesLandInTheCaller() {
        SpecSystem ts = system("""
                int<0..9> result;
                int twice(int v) { a: return v * 2; }
                void t() { int<0..9> r = twice(3); b: result = r + 1; }
                scenario s { thread T = t(); }
                """);
        SpecState s = ts.initialState();
        while (ts.phase(s, 0) != ThreadPhase.FINISHED) {
            s = ts.step(s, 0);
        }
        assertEquals("7", value(ts, s, "result"));
    }
}
