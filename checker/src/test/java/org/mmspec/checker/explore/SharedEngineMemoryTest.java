package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.bench.SyntheticCounters;
import org.mmspec.checker.frontier.SpillSpace;
import org.mmspec.checker.observe.SearchListener;

/**
 * The shared parallel engine keeps no per-state bookkeeping on the Java heap: its level bookkeeping's heap
 * (segments, their buffers and dropped positions, replaced keys, chunks: {@link SharedBreadthFirstSearch}'s
 * own accounting, at the end of every level) stays a small constant per segment, so its share per state
 * falls as a search grows, where keys, fingerprints and successor counts on the heap cost 20 bytes per state
 * of the widest level; and the off-heap blocks of the keys and counts are all given back to their pool at
 * each level's end and to the system with the search.
 */
class SharedEngineMemoryTest {

    /** What one search measured. */
    private record Measured(long states, long widestLevel, long peakHeap, long poolBytes) {}

    private static Measured search(int steps) {
        try (SpillSpace space = new SpillSpace(null, 64L << 20, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            return search(steps, space);
        }
    }

    private static Measured search(int steps, SpillSpace space) {
        SyntheticCounters system = new SyntheticCounters(4, steps);
        SearchOptions options = SearchOptions.defaults().withWorkers(1);
        {
            SearchContext<int[]> ctx = new SearchContext<>(system, new StateJudge<>(system, List.of()),
                    new InterleavingSelfCheck<>(system),
                    new SearchMeter(options.budget(), SearchListener.NONE, HeapGauge.jvm(), Long.MAX_VALUE),
                    options, space);
            SharedBreadthFirstSearch<int[]> search = SharedBreadthFirstSearch.create(ctx, 1, SharedTuning.DEFAULT);
            assertInstanceOf(SearchOutcome.Completed.class, search.run());
            assertEquals(system.stateCount(), search.distinctStates());
            long pool = search.pool().bytes();
            assertTrue(pool > 0, "the keys and counts went to off-heap blocks");
            assertEquals(pool, search.pool().idleBytes(), "every list gave its blocks back at its level's end");
            long peak = search.peakLevelHeapBytes();
            search.release();
            assertEquals(0, search.pool().bytes(), "the pool gave its blocks back with the search");
            return new Measured(system.stateCount(), widestLevel(steps), peak, pool);
        }
    }

    /** States of the widest level of four counters of 0..steps: those whose counters sum to 2 * steps. */
    private static long widestLevel(int steps) {
        long n = 0;
        for (int a = 0; a <= steps; a++) {
            for (int b = 0; b <= steps; b++) {
                for (int c = 0; c <= steps; c++) {
                    int d = 2 * steps - a - b - c;
                    n += d >= 0 && d <= steps ? 1 : 0;
                }
            }
        }
        return n;
    }

    @Test
    void finishedSegmentsAreSealedSoTheyCompressAndSpill() {
        // segments of at most a few thousand 4-word records: not one fills a 64 KiB block, so only a seal
        // compresses them; with no memory for the frontier every sealed block goes to disk
        try (SpillSpace space = new SpillSpace(null, 0, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            Measured m = search(12, space);
            assertEquals(28_561, m.states());
            assertTrue(space.peakDiskBytes() > 0, "the sealed segments spilled");
            assertEquals(0, space.memoryBytes());
        }
    }

    @Test
    void theLevelBookkeepingsHeapDoesNotGrowWithTheStates() {
        Measured small = search(12);
        Measured large = search(30);
        assertTrue(large.states() > 30 * small.states() && large.widestLevel() > 10 * small.widestLevel(),
                small + " " + large);
        double smallPerState = (double) small.peakHeap() / small.states();
        double largePerState = (double) large.peakHeap() / large.states();
        assertTrue(largePerState < smallPerState, "heap per state grew: " + small + " " + large);
        // keys, fingerprints and counts on the heap would be 20 bytes per state of the widest level
        assertTrue(large.peakHeap() < 2 * large.widestLevel(), "per-state heap at the widest level: " + large);
        // the off-heap blocks: about the keys of the widest level and the counts of the one before
        assertTrue(large.poolBytes() >= 8 * large.widestLevel()
                && large.poolBytes() < 40 * large.widestLevel() + (1 << 20), "the pool follows the widest level: " + large);
    }
}
