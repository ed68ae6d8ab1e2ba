package org.mmspec.spec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.ir.Layout;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;
import org.mmspec.spec.load.SpecScenario;
import org.mmspec.spec.load.Specs;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * Invariants that remember their passes ({@link InvariantMemo}) against invariants that evaluate every state:
 * on the states of every scenario of {@code spec/mm} and of the bench model (breadth-first, up to
 * {@value #CAP} per scenario) every invariant gives the same verdict and witness. A memo over too few slots
 * (none) gives a pass where there is a violation, and the same comparison catches it.
 */
class InvariantMemoTest {

    private static final int CAP = 600;

    /** The verdicts of {@code invariants} on the first states of {@code s}, one list per state. */
    private static List<List<Witness>> verdicts(SpecScenario s, List<SpecInvariant> invariants, int cap) {
        SpecSystem x = s.spec();
        List<List<Witness>> out = new ArrayList<>();
        Set<SpecState> seen = new HashSet<>(List.of(x.initialState()));
        ArrayDeque<SpecState> queue = new ArrayDeque<>(seen);
        while (!queue.isEmpty()) {
            SpecState st = queue.poll();
            out.add(invariants.stream().map(i -> i.check(st)).toList());
            for (int t = 0; t < x.threadCount(); t++) {
                for (SpecState n : x.successors(st, t)) {
                    if (seen.size() < cap && x.fault(n) == null && seen.add(n)) {
                        queue.add(n);
                    }
                }
            }
        }
        return out;
    }

    private static List<SpecInvariant> invariants(SpecScenario s, UnaryOperator<SpecInvariant> how) {
        List<SpecInvariant> out = new ArrayList<>();
        for (Invariant<SpecState> i : s.spec().invariants()) {
            out.add(how.apply((SpecInvariant) i));
        }
        return out;
    }

    /** True when some invariant fails in a state checked after one it held in (a memo over nothing errs there). */
    private static boolean failsAfterAPass(List<List<Witness>> verdicts) {
        int n = verdicts.isEmpty() ? 0 : verdicts.get(0).size();
        for (int k = 0; k < n; k++) {
            boolean passed = false;
            for (List<Witness> v : verdicts) {
                if (v.get(k) == null) {
                    passed = true;
                } else if (passed) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void rememberedPassesGiveEveryVerdictAndWitnessOfAFullEvaluation() throws IOException {
        int failing = 0;
        for (SpecScenario s : CompiledEvaluationTest.scenarios()) {
            List<List<Witness>> plain = verdicts(s, invariants(s, i -> i.withReads(null)), CAP);
            List<List<Witness>> remembered = verdicts(s, invariants(s, i -> i), CAP);
            assertEquals(plain, remembered, s.name());
            failing += failsAfterAPass(plain) ? 1 : 0;
        }
        assertTrue(failing >= 5, "scenarios whose sample has a violation after a pass: " + failing);
    }

    @Test
    void aMemoOverTooFewSlotsIsCaught() throws IOException {
        int expected = 0;
        int caught = 0;
        for (SpecScenario s : CompiledEvaluationTest.scenarios()) {
            List<List<Witness>> plain = verdicts(s, invariants(s, i -> i.withReads(null)), 200);
            List<List<Witness>> blind = verdicts(s, invariants(s, i -> i.withReads(new int[0])), 200);
            expected += failsAfterAPass(plain) ? 1 : 0;
            caught += Objects.equals(plain, blind) ? 0 : 1;
        }
        assertTrue(expected > 0);
        assertEquals(expected, caught, "scenarios where a memo over no slot shows");
    }

    @Test
    void theReadSetIsTheSlotsTheBodyCanRead() throws IOException {
        LoadResult r = SpecLoader.load(Path.of("..", "bench", "models", "swap_faults_vs_reclaim.mmspec"));
        SpecSystem sys = assertInstanceOf(LoadResult.Loaded.class, r).program().scenarios().get(0).spec();
        Layout layout = sys.ir().layout();
        int page = layout.globalOffset("page");
        int width = 10;                                   // page_t: refcount, mapcount, ... data
        SpecInvariant mapcount = (SpecInvariant) sys.invariants().stream()
                .filter(i -> i.id().equals("mapcount_le_refcount")).findFirst().orElseThrow();
        assertArrayEquals(new int[] {page, page + 1, page + width, page + width + 1}, mapcount.reads());
        SpecInvariant watermark = (SpecInvariant) sys.invariants().stream()
                .filter(i -> i.id().equals("watermark_consistency")).findFirst().orElseThrow();
        assertArrayEquals(new int[] {page + 2, page + width + 2, layout.globalOffset("nr_free")}, watermark.reads());
        // a function call is not followed: the whole global region
        SpecSystem call = Specs.load("int x;\nint y;\nint f() { return x; }\ninvariant i: f() == 0;\n"
                + "void t() {\na:  y = 1;\n}\nscenario s { thread T = t(); }\n").scenarios().get(0).spec();
        SpecInvariant viaCall = (SpecInvariant) call.invariants().get(0);
        int end = call.ir().layout().threadBase(0);
        assertEquals(end - Layout.HEADER, viaCall.reads().length);
        SpecState start = call.initialState();
        assertNull(viaCall.check(start));
        assertNull(viaCall.check(start), "remembered");
        assertNotNull(InvariantMemo.of(viaCall.reads()));
    }
}
