package org.mmspec.checker.frontier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.eval.SpecSystem;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;
import org.mmspec.spec.semantics.StateVectors;

/**
 * {@link RecordCodec#encodeSibling}: a breadth-first walk of a spec system pops each head as the queue's reused
 * view and adds its transient successors, whose changed words are known ({@link StateVectors#changedFrom}).
 * Every record is the bytes the whole-vector comparison writes (siblings compared at the union of their masks,
 * successors of consecutive heads with the words the head moved too), every head read back is the state added,
 * and an encoder that drops one bit of each successor's mask, or of each mask of the words the head view moved,
 * is caught by the same comparison. The same holds level by level through two queues, one read and one written
 * ({@link VectorQueue#readsFrom}, as the shared parallel search does), where an encoder that drops a bit of the
 * reading queue's moved words is caught too.
 */
class SiblingEncodingTest {

    private static final int STATES = 6_000;

    private static SpecSystem system(String model, String scenario) {
        LoadResult r = SpecLoader.load(Path.of("..", "bench", "models", model));
        return assertInstanceOf(LoadResult.Loaded.class, r).program().scenarios().stream()
                .filter(s -> s.name().equals(scenario)).findFirst().orElseThrow().spec();
    }

    /**
     * Walks {@code system} breadth-first through {@code q} (heads as views, successors transient) up to
     * {@value #STATES} states; returns how many heads read back differ from the states added. With
     * {@code same} set, also encodes every record both ways and checks the bytes agree.
     */
    private static int walk(SpecSystem system, VectorQueue<SpecState> q, boolean same) {
        StateVectors<SpecState> vectors = system.vectors();
        int width = vectors.vectorLength();
        RecordCodec sibling = new RecordCodec(width);
        RecordCodec scanning = new RecordCodec(width);
        ByteSink a = new ByteSink(64);
        ByteSink b = new ByteSink(64);
        long[] mask = new long[RecordCodec.masksWords(width)];
        long[] moved = new long[mask.length];
        int[] previousHead = null;
        int[] words = new int[width];
        List<int[]> added = new java.util.ArrayList<>();
        Set<SpecState> seen = new HashSet<>(List.of(system.initialState()));
        q.add(system.initialState(), 0, -1, 0, 0);
        added.add(system.initialState().slots());
        int wrong = 0;
        int siblings = 0;
        for (int read = 0; !q.isEmpty(); read++) {
            SpecState head = q.headTransient();
            wrong += Arrays.equals(head.slots(), added.get(read)) ? 0 : 1;
            int[] now = head.slots();
            for (int i = 0; previousHead != null && i < width; i++) {
                moved[i >>> 6] |= now[i] != previousHead[i] ? 1L << i : 0;
            }
            for (int t = 0; t < system.threadCount(); t++) {
                for (SpecState n : system.transientSuccessors(head, t)) {
                    if (seen.size() >= STATES || !seen.add(vectors.fromVector(n.slots()))) {
                        continue;
                    }
                    added.add(n.slots());
                    q.add(n, added.size() - 1, t, 0, 1);
                    if (same) {
                        SpecState parent = vectors.changedFrom(n, mask);
                        assertNotNull(parent, "a transient successor knows its parent");
                        siblings++;
                        vectors.copyVector(n, words);
                        a.clear();
                        b.clear();
                        sibling.encodeSibling(a, 1, t, 0, 1, words, parent, vectors.version(parent), mask,
                                previousHead == null ? null : moved);
                        Arrays.fill(moved, 0L);
                        scanning.encode(b, 1, t, 0, 1, words);
                        assertArrayEquals(Arrays.copyOf(b.array(), b.length()), Arrays.copyOf(a.array(), a.length()));
                    }
                }
            }
            previousHead = now;
            q.removeHead();
        }
        assertEquals(added.size(), seen.size());
        assertTrue(!same || siblings > STATES / 2, "successors encoded as siblings: " + siblings);
        return wrong;
    }

    @Test
    void siblingRecordsAreTheScannedBytesAndReadBackAsAdded() {
        for (String[] m : new String[][] {{"swap_faults_vs_reclaim.mmspec", "small"},
                {"swap_faults_vs_reclaim.mmspec", "correct"}}) {
            SpecSystem system = system(m[0], m[1]);
            try (SpillSpace space = new SpillSpace(null, 1 << 20, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
                VectorQueue<SpecState> q = new VectorQueue<>(system.vectors(), space);
                assertEquals(0, walk(system, q, true), m[1]);
                q.close();
            }
        }
    }

    @Test
    void aMaskMissingAChangedWordIsCaught() {
        SpecSystem system = system("swap_faults_vs_reclaim.mmspec", "small");
        for (boolean successors : new boolean[] {true, false}) {
            try (SpillSpace space = new SpillSpace(null, 1 << 20, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
                VectorQueue<SpecState> q = new VectorQueue<>(system.vectors(), space).withDroppedMaskBits(successors);
                int wrong = walk(system, q, false);
                assertTrue(wrong > STATES / 10, "heads read back wrong (" + successors + "): " + wrong);
                q.close();
            }
        }
    }

    /**
     * Walks {@code system} breadth-first level by level, each level's queue read (heads as views) while the next
     * is written, which {@link VectorQueue#readsFrom reads from} it, up to {@value #STATES} states; with
     * {@code broken}, each next level's encoder drops a bit of the words the view moved. Returns how many heads
     * read back differ from the states added.
     */
    private static int walkLevels(SpecSystem system, SpillSpace space, boolean broken) {
        StateVectors<SpecState> vectors = system.vectors();
        VectorQueue<SpecState> in = new VectorQueue<>(vectors, space);
        in.add(system.initialState(), 0, -1, 0, 0);
        List<int[]> inAdded = new java.util.ArrayList<>(List.of(system.initialState().slots()));
        Set<SpecState> seen = new HashSet<>(List.of(system.initialState()));
        int wrong = 0;
        while (!in.isEmpty()) {
            VectorQueue<SpecState> out = new VectorQueue<>(vectors, space);
            if (broken) {
                out.withDroppedMaskBits(false);
            }
            out.readsFrom(in);
            List<int[]> outAdded = new java.util.ArrayList<>();
            for (int read = 0; !in.isEmpty(); read++) {
                SpecState head = in.headTransient();
                wrong += Arrays.equals(head.slots(), inAdded.get(read)) ? 0 : 1;
                for (int t = 0; t < system.threadCount(); t++) {
                    for (SpecState n : system.transientSuccessors(head, t)) {
                        if (seen.size() < STATES && seen.add(vectors.fromVector(n.slots()))) {
                            outAdded.add(n.slots());
                            out.add(n, 0, t, 0, 1);
                        }
                    }
                }
                in.removeHead();
            }
            in.close();
            in = out;
            inAdded = outAdded;
        }
        assertEquals(STATES, seen.size());
        return wrong;
    }

    @Test
    void levelsWrittenFromAnotherQueuesHeadsReadBackAsAdded() {
        SpecSystem system = system("swap_faults_vs_reclaim.mmspec", "small");
        try (SpillSpace space = new SpillSpace(null, 1 << 20, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            assertEquals(0, walkLevels(system, space, false));
            int wrong = walkLevels(system, space, true);
            assertTrue(wrong > STATES / 10, "heads read back wrong with the moved words' mask broken: " + wrong);
        }
    }

    @Test
    void aStateWithoutAKnownParentHasNoMask() {
        SpecSystem system = system("swap_faults_vs_reclaim.mmspec", "small");
        long[] mask = new long[RecordCodec.masksWords(system.vectors().vectorLength())];
        assertNull(system.vectors().changedFrom(system.initialState(), mask));
        SpecState view = system.vectors().newView();
        SpecState parent = system.initialState();
        SpecState n = system.transientSuccessors(parent, 0).get(0);
        assertTrue(system.vectors().changedFrom(n, mask) == parent);
        system.vectors().load(view, parent.slots(), false, 0);
        SpecState m = system.transientSuccessors(view, 0).get(0);
        assertTrue(system.vectors().changedFrom(m, mask) == view);
        system.vectors().load(view, parent.slots(), false, 0);
        assertNull(system.vectors().changedFrom(m, mask), "the parent view was loaded again");
    }
}
