package org.mmspec.spec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.load.SpecScenario;
import org.mmspec.spec.load.Specs;
import org.mmspec.spec.semantics.Invariant;

/**
 * {@link SpecInvariant#unchangedFrom}: a transient successor whose step wrote none of an invariant's slots has
 * the invariant's verdict and witness of its parent, on every transient successor of the first states of every
 * scenario of {@code spec/mm} and of the bench model; it says so often; it never says so of a parent the
 * successor was not stepped from, or that changed since. Each broken answer ({@link SpecInvariant.Skip}) is caught.
 */
class InvariantSkipTest {

    private static final int CAP = 1_500;

    /** A spec whose violation ({@code x} reaches 2) is reached by a step that writes {@code x} and the pc only. */
    static final String COUNTER = "int x;\nint y;\ninvariant x_small: x < 2;\n"
            + "void t() {\na:  x = x + 1;\nb:  y = 1;\nc:  x = x + 1;\n}\nvoid u() {\nd:  y = 2;\n}\n"
            + "scenario s { thread T = t(); thread U = u(); }\n";

    private static List<SpecInvariant> invariants(SpecSystem x, SpecInvariant.Skip how) {
        List<SpecInvariant> out = new ArrayList<>();
        for (Invariant<SpecState> i : x.invariants()) {
            out.add(((SpecInvariant) i).withSkip(how));
        }
        return out;
    }

    /**
     * Over the first {@code cap} states of {@code x} (breadth-first): the successors {@code how}'s invariants call
     * unchanged from their parent whose verdict differs from the parent's, and (in {@code said[0]}) how many
     * times they said unchanged.
     */
    private static int wrongAnswers(SpecSystem x, SpecInvariant.Skip how, long[] said, int cap) {
        List<SpecInvariant> invariants = invariants(x, how);
        Set<SpecState> seen = new HashSet<>(List.of(x.initialState()));
        ArrayDeque<SpecState> queue = new ArrayDeque<>(seen);
        int wrong = 0;
        while (!queue.isEmpty()) {
            SpecState s = queue.poll();
            for (int t = 0; t < x.threadCount(); t++) {
                for (SpecState n : x.transientSuccessors(s, t)) {
                    for (SpecInvariant i : invariants) {
                        if (i.unchangedFrom(s, n) && !Objects.equals(i.check(s), i.check(n))) {
                            wrong++;
                        }
                    }
                    SpecState copy = new SpecState(n.slots());
                    if (seen.size() < cap && seen.add(copy)) {
                        queue.add(copy);
                    }
                }
            }
        }
        said[0] += invariants.stream().mapToLong(SpecInvariant::unchangedCount).sum();
        return wrong;
    }

    @Test
    void anUnchangedSuccessorHasItsParentsVerdictAndWitness() throws IOException {
        long[] said = new long[1];
        for (SpecScenario s : CompiledEvaluationTest.scenarios()) {
            assertEquals(0, wrongAnswers(s.spec(), SpecInvariant.Skip.SOUND, said, CAP), s.name());
        }
        assertTrue(said[0] > 100_000, "successors found unchanged: " + said[0]);
        long[] none = new long[1];
        SpecSystem bench = CompiledEvaluationTest.scenarios().get(0).spec();
        assertEquals(0, wrongAnswers(bench, SpecInvariant.Skip.OFF, none, CAP));
        assertEquals(0, none[0], "off: never unchanged");
    }

    @Test
    void aMaskWithoutTheLowestChangeIsCaught() {
        SpecSystem x = Specs.load(COUNTER).scenarios().get(0).spec();
        long[] said = new long[1];
        assertEquals(0, wrongAnswers(x, SpecInvariant.Skip.SOUND, said, CAP));
        assertTrue(wrongAnswers(x, SpecInvariant.Skip.DROP_FIRST_CHANGE, said, CAP) > 0,
                "x is the lowest slot the violating step changes");
    }

    @Test
    void onlyTheParentAsItWasWhenStepped() {
        SpecSystem x = Specs.load(COUNTER).scenarios().get(0).spec();
        SpecState start = x.initialState();
        int[] broken = start.slots();
        broken[x.ir().layout().globalOffset("x")] = 2;                     // breaks x_small
        SpecState other = new SpecState(broken);
        SpecState atB = new SpecState(x.transientSuccessors(start, 0).get(0).slots());
        for (SpecInvariant.Skip how : List.of(SpecInvariant.Skip.SOUND, SpecInvariant.Skip.ANY_PARENT)) {
            boolean broke = how == SpecInvariant.Skip.ANY_PARENT;
            SpecInvariant i = invariants(x, how).get(0);
            assertNotNull(i.check(other));
            SpecState first = x.transientSuccessors(start, 0).get(0);     // x = x + 1
            assertFalse(i.unchangedFrom(start, first), "x changed");
            SpecState second = x.transientSuccessors(atB, 0).get(0);      // y = 1 (the buffer first was)
            assertTrue(i.unchangedFrom(atB, second));
            assertNull(i.check(second));
            assertEquals(broke, i.unchangedFrom(other, second), how + ": not its parent");
            SpecState view = x.vectors().newView();
            x.vectors().load(view, atB.slots(), false, 0);
            SpecState third = x.transientSuccessors(view, 0).get(0);
            assertTrue(i.unchangedFrom(view, third));
            x.vectors().load(view, broken, false, 0);                    // the parent is another state now
            assertEquals(broke, i.unchangedFrom(view, third), how + ": the parent changed since");
        }
    }
}
