package org.mmspec.ref.unmap;

/**
 * The frame of {@link ZapPteRange}'s step machine ({@code zap_pte_range()}): the mode bits it keeps
 * itself, its locals, then its program points.
 */
final class ZapPteRangeFrame {

    /** Mode bits kept by the procedure itself: a present PTE was cleared (the range needs a flush). */
    static final int NEED_FLUSH = 0x100;
    /** The flush must happen before the PTE lock is released ({@code force_flush}). */
    static final int FORCE = 0x200;
    /** {@code tlb_gather_mmu} done: the start is recorded and the flush counts as pending. */
    static final int STARTED = 0x400;
    /** {@code tlb_finish_mmu} reached: the gathered pages are released for the last time. */
    static final int FINISHING = 0x800;

    static final int VMA = 0;
    static final int ADDR = 1;
    static final int END = 2;
    static final int MODE = 3;
    /** Gathered pages: two pfn + 1 values packed in 16-bit halves. */
    static final int GATHER = 4;
    static final int TABLE_END = 5;
    /** The file page locked for the current table (bug mode), pfn + 1. */
    static final int LOCKED = 6;
    /** The page whose PTE was just cleared, pfn + 1. */
    static final int PENDING = 7;
    /** The start of the range ({@code tlb->start}). */
    static final int START = 8;

    static final int TABLE = 0;
    static final int PTE = 1;
    static final int RMAP = 2;
    static final int FLUSH = 3;
    static final int TABLE_LOCKED = 4;
    static final int UNLOCKED = 5;
    static final int ACCESSED = 6;
    static final int ACCESSED_DONE = 7;
    static final int SWAP_FREED = 8;
    static final int FLUSHED = 9;
    static final int LOCK_FILE = 10;
    static final int PUT_LOCKED = 11;
    static final int NEXT_TABLE = 12;
    static final int GET_FILE = 13;
    static final int BATCHED = 14;
    static final int BATCH_FLUSHED = 15;
    static final int CLEAR_BATCHED = 16;
    static final int CLEAR_MLOCK = 17;
    static final int MLOCK_CLEARED = 18;
    static final int FORCE_FLUSH = 19;
    static final int FORCED = 20;
    static final int FINISH = 21;
    static final int FINISH_FLUSH = 22;
    static final int FINISH_FLUSHED = 23;
    static final int FINISHED = 24;
    static final int LOCKED_PTE = 25;
    static final int UNLOCKED_TABLE = 26;
    static final int GATHER_MMU = 27;

    private ZapPteRangeFrame() {}
}
