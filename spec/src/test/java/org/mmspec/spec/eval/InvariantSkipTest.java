package org.mmspec.spec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.load.SpecScenario;
import org.mmspec.spec.load.Specs;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.StateVectors;
import org.mmspec.spec.semantics.Witness;

/**
 * Checks skipped because a view's last load wrote none of an invariant's slots ({@link SpecInvariant.Skip})
 * against checks made in full: a breadth-first search that, as the checker's queues do, loads head after head
 * into one view and judges it there (invariants in order, the first failure ends the state's judgement and it
 * is not expanded) gives the same verdicts and witnesses on every scenario of {@code spec/mm} and of the bench
 * model, and skips checks. Each broken skip misses a violation the sound one finds.
 */
class InvariantSkipTest {

    private static final int CAP = 3_000;

    /** A spec whose violation ({@code x} reaches 2) is reached by a step that writes {@code x} and the pc only. */
    private static final String COUNTER = "int x;\nint y;\ninvariant x_small: x < 2;\n"
            + "void t() {\na:  x = x + 1;\nb:  y = 1;\nc:  x = x + 1;\n}\nscenario s { thread T = t(); }\n";

    /** The verdicts of a view-based breadth-first search of {@code x} judged by {@code invariants}, per state. */
    private static List<List<Witness>> search(SpecSystem x, List<SpecInvariant> invariants, int cap) {
        StateVectors<SpecState> vectors = x.vectors();
        SpecState view = vectors.newView();
        Set<SpecState> seen = new HashSet<>(List.of(x.initialState()));
        ArrayDeque<int[]> queue = new ArrayDeque<>(List.of(x.initialState().slots()));
        List<List<Witness>> out = new ArrayList<>();
        while (!queue.isEmpty()) {
            vectors.load(view, queue.poll(), false, 0);
            List<Witness> verdicts = new ArrayList<>();
            for (SpecInvariant i : invariants) {
                Witness w = i.check(view);
                verdicts.add(w);
                if (w != null) {
                    break;
                }
            }
            out.add(verdicts);
            if (!verdicts.isEmpty() && verdicts.get(verdicts.size() - 1) != null) {
                continue;
            }
            for (int t = 0; t < x.threadCount(); t++) {
                for (SpecState n : x.successors(view, t)) {
                    if (seen.size() < cap && seen.add(n)) {
                        queue.add(n.slots());
                    }
                }
            }
        }
        return out;
    }

    private static List<SpecInvariant> invariants(SpecSystem x, SpecInvariant.Skip how) {
        List<SpecInvariant> out = new ArrayList<>();
        for (Invariant<SpecState> i : x.invariants()) {
            out.add(((SpecInvariant) i).withSkip(how));
        }
        return out;
    }

    private static boolean violated(List<List<Witness>> verdicts) {
        return verdicts.stream().anyMatch(v -> !v.isEmpty() && v.get(v.size() - 1) != null);
    }

    @Test
    void skippedChecksGiveTheVerdictsAndWitnessesOfFullChecks() throws IOException {
        long skipped = 0;
        int violating = 0;
        for (SpecScenario s : CompiledEvaluationTest.scenarios()) {
            SpecSystem x = s.spec();
            List<SpecInvariant> sound = invariants(x, SpecInvariant.Skip.SOUND);
            List<List<Witness>> full = search(x, invariants(x, SpecInvariant.Skip.OFF), CAP);
            assertEquals(full, search(x, sound, CAP), s.name());
            skipped += sound.stream().mapToLong(SpecInvariant::skipped).sum();
            violating += violated(full) ? 1 : 0;
        }
        System.err.println("skipped " + skipped + " violating " + violating);
        assertTrue(skipped > 10_000, "checks skipped: " + skipped);
        assertTrue(violating >= 5, "scenarios with a violation: " + violating);
    }

    @Test
    void aMaskWithoutTheLowestChangeMissesAViolation() {
        SpecSystem x = Specs.load(COUNTER).scenarios().get(0).spec();
        assertTrue(violated(search(x, invariants(x, SpecInvariant.Skip.SOUND), CAP)));
        assertTrue(violated(search(x, invariants(x, SpecInvariant.Skip.OFF), CAP)));
        assertTrue(!violated(search(x, invariants(x, SpecInvariant.Skip.DROP_FIRST_CHANGE), CAP)),
                "x is the lowest slot the violating step changes");
    }

    @Test
    void aLoadThatWasNotCheckedIsNotSkippedOver() {
        SpecSystem x = Specs.load(COUNTER).scenarios().get(0).spec();
        int xs = x.ir().layout().globalOffset("x");
        int ys = x.ir().layout().globalOffset("y");
        int[] good = x.initialState().slots();
        int[] bad = good.clone();
        bad[xs] = 2;
        int[] badToo = bad.clone();
        badToo[ys] = 1;                          // differs from bad only where the invariant does not read
        for (SpecInvariant.Skip how : List.of(SpecInvariant.Skip.SOUND, SpecInvariant.Skip.ANY_VERSION)) {
            SpecInvariant i = invariants(x, how).get(0);
            SpecState view = x.vectors().newView();
            x.vectors().load(view, good, false, 0);
            assertNull(i.check(view));
            x.vectors().load(view, bad, false, 0);    // loaded, not checked (a search may pass a head by)
            x.vectors().load(view, badToo, false, 0);
            Witness w = i.check(view);
            if (how == SpecInvariant.Skip.SOUND) {
                assertNotNull(w, "x = 2 breaks x_small");
                x.vectors().load(view, good, false, 0);
                assertNull(i.check(view), "after a failure, in full");
                x.vectors().load(view, good, false, 0);
                assertNull(i.check(view));
                assertEquals(1, i.skipped(), "an unchanged view one load on");
            } else {
                assertNull(w, "the broken skip passes x = 2");
            }
        }
    }
}
