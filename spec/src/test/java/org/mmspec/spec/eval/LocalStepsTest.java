package org.mmspec.spec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.load.Specs;
import org.mmspec.spec.semantics.StepInfo;

/**
 * Which steps the interpreter reports as local (partial-order reduction explores a local step alone): only
 * steps that touch nothing but the thread's own frames. Each shared access below turns a local step into a
 * shared one.
 */
class LocalStepsTest {

    private static SpecSystem system(String text) {
        return Specs.load(text).scenarios().get(0).spec();
    }

    /** Whether the first step of thread 0 of a one-thread scenario running {@code body} is local. */
    private static boolean firstStepLocal(String globals, String body) {
        SpecSystem ts = system(globals + """
                int<0..3> pure(int<0..3> v) { return v; }
                int<0..3> peek() { return g; }
                void t(int<0..3> n, int<0..3> y) {
                a:  %s
                b:  g = 1;
                }
                scenario s { thread T = t(1, 0); }
                """.formatted(body));
        StepInfo info = new StepInfo();
        info.setLocal(true);
        List<SpecState> next = ts.successors(ts.initialState(), 0, info);
        assertFalse(next.isEmpty());
        return info.local();
    }

    private static final String GLOBALS = """
            int<0..3> g;
            int<0..3> arr[2];
            bool m;
            spinlock_t l;
            """;

    @Test
    void stepsOnLocalsOnlyAreLocal() {
        assertTrue(firstStepLocal(GLOBALS, "y = n + 1;"));
        assertTrue(firstStepLocal(GLOBALS, "either { y = 1; } or { y = 2; }"));
        assertTrue(firstStepLocal(GLOBALS, "with (v in 0..2) { y = v; }"));
        assertTrue(firstStepLocal(GLOBALS, "y = pure(n);"));
        assertTrue(firstStepLocal(GLOBALS, "assert n == 1, \"n\";"));
    }

    @Test
    void anySharedAccessMakesAStepShared() {
        assertFalse(firstStepLocal(GLOBALS, "y = g;"));
        assertFalse(firstStepLocal(GLOBALS, "g = 2;"));
        assertFalse(firstStepLocal(GLOBALS, "y = arr[n];"));
        assertFalse(firstStepLocal(GLOBALS, "arr[n] = 1;"));
        assertFalse(firstStepLocal(GLOBALS, "if (m) { y = 1; }"));
        assertFalse(firstStepLocal(GLOBALS, "y = peek();"));
        assertFalse(firstStepLocal(GLOBALS, "lock(l); unlock(l);"));
        assertFalse(firstStepLocal(GLOBALS, "with (v in 0..g) { y = v; }"));
    }

    @Test
    void aFaultingStepIsShared() {
        assertFalse(firstStepLocal(GLOBALS, "assert n == 0, \"n\";"));
    }

    @Test
    void endingTheThreadIsShared() {
        SpecSystem ts = system("""
                void t(int<0..3> y) {
                a:  y = 1;
                b:  y = 2;
                }
                scenario s { thread T = t(0); }
                """);
        StepInfo info = new StepInfo();
        SpecState s1 = ts.successors(ts.initialState(), 0, info).get(0);
        assertTrue(info.local());
        assertEquals(1, ts.successors(s1, 0, info).size());
        assertFalse(info.local(), "the last step ends the thread");
        assertTrue(ts.reportsLocalSteps());
    }

    /** The step that returns from {@code f} makes the caller's {@code g = f();} store: shared for a global g. */
    @Test
    void returningIntoAGlobalIsShared() {
        for (String dst : List.of("g", "y")) {
            SpecSystem ts = system("""
                    int<0..3> g;
                    int<0..3> f() {
                    a:  return 1;
                    }
                    void t(int<0..3> y) {
                    w:  y = 0;
                        %s = f();
                    x:  y = 2;
                    }
                    scenario s { thread T = t(0); }
                    """.formatted(dst));
            StepInfo info = new StepInfo();
            SpecState inF = ts.successors(ts.initialState(), 0, info).get(0);
            assertEquals(1, ts.successors(inF, 0, info).size());
            assertEquals(dst.equals("y"), info.local(), "return into " + dst);
        }
    }
}
