package org.mmspec.ref.fork;

import org.mmspec.ref.threads.Ctx;

/**
 * The frame of {@link Fork}'s step machine ({@code dup_mmap()}): its locals, its program points, and the
 * packing of the table's end and the preallocated page into one local.
 */
final class ForkFrame {

    // locals
    static final int PARENT = 0;
    static final int CHILD = 1;
    static final int CURSOR = 2;
    static final int ADDR = 3;
    static final int END = 4;
    static final int TABLE_END = 5;
    /** The page whose reference was just taken, pfn + 1, and the child's PTE to set. */
    static final int PAGE = 6;
    static final int ENTRY = 7;

    // program points
    static final int LOCK = 0;
    static final int VMA = 1;
    static final int TABLE = 2;
    static final int ANON_VMA_FORK = 3;
    static final int LOCK_DST = 4;
    static final int LOCK_SRC = 5;
    static final int PTE = 6;
    static final int DUP_RMAP = 7;
    static final int LOCK_CHILD = 8;
    static final int HAS_PINNED = 9;
    static final int MAYBE_PINNED = 10;
    static final int SHARE = 11;
    static final int COPY_DATA = 12;
    static final int COPY_INSTALL = 13;
    static final int ALLOC_COPY = 14;
    static final int PREALLOCATED = 15;
    static final int FREE_PREALLOC = 16;
    static final int FLUSH = 17;
    static final int FLUSHED = 18;

    /** {@link #TABLE_END} keeps the table's end in its low bits and the preallocated page + 1 above them. */
    static final int PREALLOC_SHIFT = 24;

    private ForkFrame() {}

    /** The end of the table being copied. */
    static int tableEnd(Ctx c) {
        return c.local(TABLE_END) & (1 << PREALLOC_SHIFT) - 1;
    }

    /** The page preallocated for a pinned page's copy, or -1. */
    static int prealloc(Ctx c) {
        return (c.local(TABLE_END) >>> PREALLOC_SHIFT) - 1;
    }

    /** Remembers the preallocated page ({@code -1}: none). */
    static void setPrealloc(Ctx c, int pfn) {
        c.set(TABLE_END, tableEnd(c) | (pfn + 1) << PREALLOC_SHIFT);
    }
}
