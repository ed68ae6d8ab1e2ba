package org.mmspec.checker.frontier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.eval.SpecSystem;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;

/**
 * {@link StateQueue#headTransient}: a queue of a spec system's vectors decodes every head into one reused
 * state ({@link org.mmspec.spec.semantics.StateVectors#newView}) that is the state added — same slots, same
 * fingerprint — through blocks kept in memory, spilled to disk and the open block; a head taken with
 * {@link StateQueue#headState} is a state of its own that the next head leaves alone. A queue that loads its
 * view with a stale fingerprint sum (the words right, the fingerprint not) is caught by the same comparison.
 */
class HeadViewTest {

    private static final int STATES = 20_000;

    /** The first {@value #STATES} states of {@code system} (the bench model's {@code small}), breadth-first. */
    private static List<SpecState> states(SpecSystem system) {
        List<SpecState> out = new ArrayList<>();
        Set<SpecState> seen = new HashSet<>(List.of(system.initialState()));
        ArrayDeque<SpecState> queue = new ArrayDeque<>(seen);
        while (!queue.isEmpty() && out.size() < STATES) {
            SpecState s = queue.poll();
            out.add(s);
            for (int t = 0; t < system.threadCount(); t++) {
                for (SpecState n : system.successors(s, t)) {
                    if (seen.add(n)) {
                        queue.add(n);
                    }
                }
            }
        }
        return out;
    }

    private static SpecSystem system() {
        LoadResult r = SpecLoader.load(Path.of("..", "bench", "models", "swap_faults_vs_reclaim.mmspec"));
        return assertInstanceOf(LoadResult.Loaded.class, r).program().scenarios().stream()
                .filter(s -> s.name().equals("small")).findFirst().orElseThrow().spec();
    }

    /**
     * Adds {@code states} to {@code q}, taking heads out as it goes (so some are read from the open block), and
     * returns how many heads differ from the state added; checks that every head is the one reused state.
     */
    private static int mismatches(VectorQueue<SpecState> q, SpecSystem system, List<SpecState> states) {
        int next = 0;
        int wrong = 0;
        SpecState view = null;
        for (int i = 0; i < states.size(); i++) {
            assertTrue(q.add(states.get(i), i, 0, 0, 1));
            while (i % 5 == 0 && next <= i / 2 || i == states.size() - 1 && !q.isEmpty()) {
                SpecState h = q.headTransient();
                view = view == null ? h : view;
                assertSame(view, h, "every head is decoded into the same state");
                SpecState expected = states.get(next);
                if (!h.equals(expected) || h.fingerprint() != expected.fingerprint()
                        || system.fingerprint(h) != system.fingerprint(expected)) {
                    wrong++;
                }
                assertEquals(next, q.headNode());
                q.removeHead();
                next++;
            }
        }
        assertEquals(states.size(), next);
        return wrong;
    }

    @Test
    void everyHeadIsTheStateAddedInOneReusedState(@TempDir Path dir) {
        SpecSystem system = system();
        List<SpecState> states = states(system);
        assertEquals(STATES, states.size());
        try (SpillSpace space = new SpillSpace(dir, 0, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            VectorQueue<SpecState> q = new VectorQueue<>(system.vectors(), space);
            assertEquals(0, mismatches(q, system, states));
            assertTrue(space.peakDiskBytes() > 0, "some blocks went to disk");
            q.close();
        }
    }

    @Test
    void aKeptHeadIsAStateOfItsOwn(@TempDir Path dir) {
        SpecSystem system = system();
        List<SpecState> states = states(system).subList(0, 50);
        try (SpillSpace space = new SpillSpace(dir, 1 << 20, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            VectorQueue<SpecState> q = new VectorQueue<>(system.vectors(), space);
            for (int i = 0; i < states.size(); i++) {
                q.add(states.get(i), i, 0, 0, 1);
            }
            SpecState view = q.headTransient();
            SpecState kept = q.headState();
            assertNotSame(view, kept);
            q.removeHead();
            assertSame(view, q.headTransient());
            assertEquals(states.get(1), view, "the view holds the new head");
            assertEquals(states.get(0), kept, "the kept head is unchanged");
            assertEquals(states.get(0).fingerprint(), kept.fingerprint());
            assertArrayEquals(states.get(1).slots(), q.headState().slots());
            q.close();
        }
    }

    @Test
    void aViewThatKeepsThePreviousFingerprintIsCaught(@TempDir Path dir) {
        SpecSystem system = system();
        List<SpecState> states = states(system);
        try (SpillSpace space = new SpillSpace(dir, 0, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            VectorQueue<SpecState> q = new VectorQueue<>(system.vectors(), space).withStaleViews();
            int wrong = mismatches(q, system, states);
            assertTrue(wrong > STATES / 2, "stale heads caught: " + wrong);
            q.close();
        }
    }

    @Test
    void aSystemWithoutViewsGetsAStatePerHead() {
        try (SpillSpace space = new SpillSpace(null, 1 << 20, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            VectorQueue<int[]> q = new VectorQueue<>(VectorQueueTest.ARRAYS, space);
            int[][] states = VectorQueueTest.walk(20, 3);
            for (int i = 0; i < states.length; i++) {
                q.add(states[i], i, 0, 0, 0);
            }
            int[] first = q.headTransient();
            q.removeHead();
            int[] second = q.headTransient();
            assertNotSame(first, second);
            assertArrayEquals(states[0], first);
            assertArrayEquals(states[1], second);
            q.close();
        }
    }
}
