package org.mmspec.ref.rmapwalk;

/**
 * The frame of {@link RmapWalk}'s step machine ({@code rmap_walk()}): its locals, then its program points.
 */
final class RmapWalkFrame {

    static final int PFN = 0;
    static final int MODE = 1;
    static final int FLAGS = 2;
    /** anon_vma id + 1, or -(file id + 1). */
    static final int ANCHOR = 3;
    /** The VMA visited last, as (mm << 20 | start page), + 1; 0 before the first. */
    static final int CURSOR = 4;
    static final int RESULT = 5;
    static final int ADDR = 6;
    /** {@code page->index}, read once the rmap lock is held. */
    static final int INDEX = 7;
    /** The PTE value {@code try_to_unmap_one()} cleared (while its flush runs). */
    static final int PTEVAL = 8;

    static final int MAPPING = 0;
    static final int LOCK = 1;
    static final int SCAN = 2;
    static final int VISIT = 3;
    static final int SET_DIRTY = 4;
    static final int SWAP_DUP = 5;
    static final int REMOVE_RMAP = 6;
    static final int PUT = 7;
    static final int PUT_DONE = 8;
    static final int DONE_CHECK = 9;
    static final int UNLOCK = 10;
    static final int FINAL = 11;
    static final int MLOCKED = 12;
    static final int CLEAR_BATCHED = 13;
    static final int SET_BATCHED = 14;
    static final int ACCESSIBLE = 15;
    static final int FLUSH = 16;
    static final int FLUSHED = 17;
    static final int CLEAR_MLOCK = 18;
    static final int MLOCK_CLEARED = 19;
    static final int CLEAR_FLUSH = 20;
    static final int LAZY_DIRTY = 21;
    static final int LAZYFREE = 22;

    private RmapWalkFrame() {}
}
