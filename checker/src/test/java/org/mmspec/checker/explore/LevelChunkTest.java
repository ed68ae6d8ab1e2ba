package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.toy.CounterGrid;

/**
 * How a shared search cuts a level into chunks ({@link LevelChunk#plan}): every segment once, in order, with
 * ranks that follow on; chunks of the target size, and with guided tails the last ones shorter, down to a
 * segment each, so that the workers finish a level close together; without, the tail chunk is a whole one.
 */
class LevelChunkTest {

    /** A settled level of {@code n} segments of {@code states} states each (empty queues: only the counts matter). */
    private static List<LevelSegment<Long>> level(int n, long states) {
        List<LevelSegment<Long>> level = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LevelSegment<Long> s = new LevelSegment<>(new CounterGrid(2, 3), null, null);
            s.kept = states;
            s.firstRank = i * states;
            level.add(s);
        }
        return level;
    }

    private static List<Long> sizes(List<LevelChunk<Long>> chunks, List<LevelSegment<Long>> level) {
        List<Long> out = new ArrayList<>();
        List<LevelSegment<Long>> seen = new ArrayList<>();
        long rank = 0;
        for (LevelChunk<Long> c : chunks) {
            assertEquals(rank, c.firstRank);
            rank += c.states;
            seen.addAll(c.segments);
            out.add(c.states);
        }
        assertEquals(level, seen, "every segment once, in order");
        return out;
    }

    @Test
    void theTailOfALevelIsCutIntoShorterChunks() {
        List<LevelSegment<Long>> level = level(256, 1024);      // 262,144 states
        List<Long> guided = sizes(LevelChunk.plan(level, 16_384, 2), level);
        List<Long> plain = sizes(LevelChunk.plan(level, 16_384, 0), level);
        assertTrue(plain.stream().allMatch(s -> s == 16_384), "plain: " + plain);
        assertEquals(16_384, guided.get(0));
        for (int i = 1; i < guided.size(); i++) {
            assertTrue(guided.get(i) <= guided.get(i - 1), "chunks shrink: " + guided);
        }
        assertEquals(1024, guided.get(guided.size() - 1), "the last chunk is one segment: " + guided);
        long tail = guided.stream().filter(s -> s < 16_384).count();
        assertTrue(tail >= 8, "several short chunks at the end: " + guided);
        level.forEach(LevelSegment::close);
    }
}
