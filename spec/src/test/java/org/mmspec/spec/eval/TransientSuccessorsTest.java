package org.mmspec.spec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.load.SpecScenario;
import org.mmspec.spec.load.Specs;

/**
 * {@link SpecSystem#transientSuccessors} (successors written into reused buffers) against the allocating
 * {@link SpecSystem#successors}, state by state: on the states of every scenario of {@code spec/mm} and of the
 * bench model (breadth-first, up to {@value #CAP} per scenario; plain and with thread symmetry), every
 * thread's successors are the same states in the same order with the same fingerprints (the incremental one
 * and the one computed whole). A system that steps a reused buffer from what the last run left in it, instead
 * of from the parent, is caught by the same comparison, and so is one whose reused evaluation context keeps the
 * frame base, budgets and flags of the last run. Every successor hashed from the slots its step wrote
 * ({@link WriteLog}) is checked against the whole-state comparison on the way.
 */
class TransientSuccessorsTest {

    private static final int CAP = 600;

    /** Differences between the two paths on the first {@code cap} states of {@code system}. */
    static List<String> differences(String name, SpecSystem system, SpecSystem allocating, int cap) {
        return differences(name, system, allocating, cap, false);
    }

    /**
     * As {@link #differences}, with every thread's transient successors from a state taken before any is
     * compared (as a search that holds them all does: {@link SpecSystem#transientPerThread}).
     */
    static List<String> togetherDifferences(String name, SpecSystem system, SpecSystem allocating, int cap) {
        return differences(name, system, allocating, cap, true);
    }

    /**
     * Differences between the two paths on the first {@code cap} states of {@code system}, breadth-first; each
     * thread's transient successors taken just before they are compared, or, {@code together}, every thread's
     * from a state before any is compared.
     */
    private static List<String> differences(String name, SpecSystem system, SpecSystem allocating, int cap,
            boolean together) {
        List<String> diffs = new ArrayList<>();
        Set<SpecState> seen = new HashSet<>(List.of(allocating.initialState()));
        ArrayDeque<SpecState> queue = new ArrayDeque<>(seen);
        int threads = system.threadCount();
        while (!queue.isEmpty() && diffs.isEmpty()) {
            SpecState st = queue.poll();
            List<List<SpecState>> taken = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<SpecState> stable = allocating.successors(st, t);
                String where = name + " thread " + t + " in " + st;
                try {
                    while (taken.size() <= (together ? threads - 1 : t)) {
                        taken.add(new ArrayList<>(system.transientSuccessors(st, taken.size())));
                    }
                } catch (RuntimeException e) {          // a broken buffer may hold no state the machine can run
                    diffs.add(where + ": " + e);
                    return diffs;
                }
                compare(diffs, where, system, stable, taken.get(t));
                for (SpecState n : stable) {
                    if (seen.size() < cap && allocating.fault(n) == null && seen.add(n)) {
                        queue.add(n);
                    }
                }
            }
        }
        return diffs;
    }

    private static void compare(List<String> diffs, String where, SpecSystem system, List<SpecState> stable,
            List<SpecState> fresh) {
        if (stable.size() != fresh.size()) {
            diffs.add(where + ": " + stable.size() + " successors against " + fresh.size());
            return;
        }
        for (int i = 0; i < stable.size(); i++) {
            SpecState a = stable.get(i);
            SpecState b = fresh.get(i);
            if (!Arrays.equals(a.raw(), b.raw()) || a.fingerprint() != b.fingerprint()
                    || b.fingerprint() != SpecState.fingerprint(b.raw())
                    || system.fingerprint(a) != system.fingerprint(b)) {
                diffs.add(where + ": successor " + i + " " + a + " (" + a.fingerprint() + ") against " + b
                        + " (" + b.fingerprint() + ")");
            }
        }
    }

    @Test
    void everySpecScenarioHasTheSameSuccessorsTransient() throws IOException {
        List<SpecScenario> all = CompiledEvaluationTest.scenarios();
        assertTrue(all.size() >= 50, "scenarios: " + all.size());
        int symmetric = 0;
        for (SpecScenario s : all) {
            SpecSystem system = s.spec().withCheckedWriteLog();
            assertEquals(List.of(), differences(s.name(), system, system, CAP), s.name());
            SpecSystem sym = system.withSymmetry(true);
            if (sym.symmetric()) {
                symmetric++;
                assertEquals(List.of(), differences(s.name() + " (symmetry)", sym, sym, CAP), s.name());
            }
        }
        assertTrue(symmetric > 0, "no scenario has thread symmetry");
    }

    /**
     * Each thread's successors stay valid while the other threads step ({@link SpecSystem#transientPerThread}):
     * taken together they are the allocating path's in every scenario; with every thread's written into one
     * thread's buffers ({@link TransientSuccessors.Reuse#SHARED_POOLS}) the comparison fails in every scenario
     * with two threads that move.
     */
    @Test
    void eachThreadsSuccessorsStayValidWhileOtherThreadsStep() throws IOException {
        int caught = 0;
        int many = 0;
        for (SpecScenario s : CompiledEvaluationTest.scenarios()) {
            SpecSystem system = s.spec();
            assertTrue(system.transientPerThread());
            assertEquals(List.of(), togetherDifferences(s.name(), system, system, CAP), s.name());
            SpecSystem broken = system.withBrokenReuse(TransientSuccessors.Reuse.SHARED_POOLS);
            assertEquals(List.of(), differences(s.name(), broken, system, 200), "one thread at a time, " + s.name());
            many += system.threadCount() > 1 ? 1 : 0;
            caught += togetherDifferences(s.name(), broken, system, 200).isEmpty() ? 0 : 1;
        }
        assertTrue(many >= 40, "scenarios with two threads or more: " + many);
        assertEquals(many, caught, "scenarios where the shared buffers show");
    }

    @Test
    void aReusedBufferNotResetToTheParentIsCaught() throws IOException {
        int caught = 0;
        List<SpecScenario> all = CompiledEvaluationTest.scenarios();
        for (SpecScenario s : all) {
            SpecSystem system = s.spec();
            caught += differences(s.name(), system.withBrokenReuse(TransientSuccessors.Reuse.UNRESET_BUFFERS), system, 200).isEmpty() ? 0 : 1;
        }
        assertEquals(all.size(), caught, "scenarios where the unreset buffer shows");
    }

    /**
     * The write log ({@link WriteLog}): a step whose first write is not logged hashes its successor wrong, which
     * the comparison with the allocating path catches in every scenario; under the cross-check of the log with
     * the whole-state comparison ({@link SpecSystem#withCheckedWriteLog}, on in the test above) it throws.
     */
    @Test
    void aWriteMissingFromTheLogIsCaught() throws IOException {
        int caught = 0;
        int thrown = 0;
        List<SpecScenario> all = CompiledEvaluationTest.scenarios();
        for (SpecScenario s : all) {
            SpecSystem system = s.spec();
            caught += differences(s.name(), system.withBrokenReuse(TransientSuccessors.Reuse.DROPPED_WRITE), system,
                    200).isEmpty() ? 0 : 1;
            List<String> checked = differences(s.name(),
                    system.withBrokenReuse(TransientSuccessors.Reuse.DROPPED_WRITE_CHECKED), system, 200);
            thrown += checked.size() == 1 && checked.get(0).contains("IllegalStateException: write log") ? 1 : 0;
        }
        assertEquals(all.size(), caught, "scenarios where the dropped write shows");
        assertEquals(all.size(), thrown, "scenarios where the cross-check throws");
    }

    @Test
    void aReusedContextNotResetIsCaught() throws IOException {
        int caught = 0;
        List<SpecScenario> all = CompiledEvaluationTest.scenarios();
        for (SpecScenario s : all) {
            SpecSystem system = s.spec();
            SpecSystem broken = system.withBrokenReuse(TransientSuccessors.Reuse.UNRESET_CONTEXT);
            caught += differences(s.name(), broken, system, 200).isEmpty() ? 0 : 1;
        }
        assertEquals(all.size(), caught, "scenarios where the unreset context shows");
    }

    /**
     * Inline functions called among another's arguments and from its body each run in a frame of their own,
     * reused from step to step; frames handed out without that discipline (every run the same frame) are caught.
     */
    @Test
    void inlineFramesReusedOutOfOrderAreCaught() throws IOException {
        String text = "int x;\nint g(int a) {\n    int b = a + 1;\n    return b;\n}\n"
                + "int f(int a, int b) {\n    int c = g(b);\n    return a * 100 + b * 10 + c;\n}\n"
                + "void t() {\na:  x = f(1, g(5));\nb:  x = f(x, 2);\n}\nscenario s { thread T = t(); }\n";
        SpecSystem system = Specs.load(text).scenarios().get(0).spec();
        assertEquals(List.of(), differences("stacked", system, system, 50));
        SpecSystem broken = system.withBrokenReuse(TransientSuccessors.Reuse.UNSTACKED_FRAMES);
        assertEquals(1, differences("unstacked", broken, system, 50).size());
        int caught = 0;
        for (SpecScenario s : CompiledEvaluationTest.scenarios()) {
            SpecSystem b = s.spec().withBrokenReuse(TransientSuccessors.Reuse.UNSTACKED_FRAMES);
            caught += differences(s.name(), b, s.spec(), 200).isEmpty() ? 0 : 1;
        }
        assertTrue(caught >= 10, "spec scenarios where unstacked frames show: " + caught);
    }

    @Test
    void budgetsAndWideChoicesGiveTheAllocatingPathsStates() {
        List<String> inputs = new ArrayList<>(CompiledEvaluationTest.BUDGETS);
        // a wide step, and one with more distinct successors than the buffers hold (the allocating path's list)
        inputs.add("int x;\nvoid t() {\na:  with (v in 0..40) { x = v; }\n}\n"
                + "scenario s { thread T = t(); thread U = t(); }\n");
        inputs.add("int x;\nvoid t() {\na:  with (v in 0..300) { x = v; }\n}\n"
                + "scenario s { thread T = t(); thread U = t(); }\n");
        for (String text : inputs) {
            SpecSystem system = Specs.load(text).scenarios().get(0).spec();
            List<String> diffs = new ArrayList<>();
            SpecState initial = system.initialState();
            List<SpecState> stable = system.successors(initial, 0);
            compare(diffs, text, system, stable, system.transientSuccessors(initial, 0));
            assertEquals(List.of(), diffs);
        }
        SpecSystem wide = Specs.load(inputs.get(inputs.size() - 2)).scenarios().get(0).spec();
        List<SpecState> kept = wide.transientSuccessors(wide.initialState(), 0);
        assertEquals(41, kept.size());
        assertSame(kept, wide.transientSuccessors(wide.initialState(), 0), "41 successors are kept in buffers");
        SpecSystem wider = Specs.load(inputs.get(inputs.size() - 1)).scenarios().get(0).spec();
        assertEquals(301, wider.transientSuccessors(wider.initialState(), 0).size());
        SpecSystem narrow = Specs.load("int x;\nvoid t() {\na:  either { x = 1; } or { x = 2; }\n}\n"
                + "scenario s { thread T = t(); }\n").scenarios().get(0).spec();
        List<SpecState> first = narrow.transientSuccessors(narrow.initialState(), 0);
        assertSame(first, narrow.transientSuccessors(narrow.initialState(), 0), "the list is reused");
    }
}
