package org.mmspec.checker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link OffHeapList}: its block arrays have room for a chunk's and a segment's blocks from the start. */
class OffHeapListTest {

    @Test
    void sixteenBlocksFitWithoutGrowingTheBlockArraysAndTheListGrowsPastThem() {
        // growing the block arrays is a trap the JIT recompiles the workers' expansion loop for (h24d)
        OffHeapList.Pool pool = new OffHeapList.Pool();
        OffHeapList list = OffHeapList.ofInts(pool);
        int perBlock = OffHeapList.BLOCK_BYTES / 4;
        assertEquals(16, list.blockRoom(), "room for sixteen blocks from the start");
        for (int i = 0; i < 16 * perBlock; i++) {
            list.addInt(i);
        }
        assertEquals(16, list.blockRoom(), "sixteen blocks fit the first arrays: not grown");
        list.addInt(-1);
        assertEquals(32, list.blockRoom());
        for (int i = 0; i < 16 * perBlock; i += 997) {
            assertEquals(i, list.getInt(i));
        }
        assertEquals(-1, list.getInt(16L * perBlock));
        list.free();
        pool.free();
    }
}
