package org.mmspec.ref.mem;

/**
 * GFP flags that change what the allocator does (include/linux/gfp.h, Linux 4.x values), and the
 * internal {@code ALLOC_*} flags they become (mm/internal.h).
 */
public final class Gfp {

    public static final int __GFP_DMA = 0x01;
    public static final int __GFP_HIGHMEM = 0x02;
    public static final int __GFP_MOVABLE = 0x08;
    public static final int __GFP_HIGH = 0x20;
    public static final int __GFP_IO = 0x40;
    public static final int __GFP_FS = 0x80;
    public static final int __GFP_ZERO = 0x8000;
    /** {@code __GFP_COMP}: a block of order &gt; 0 is a compound page (head and tail pages). */
    public static final int __GFP_COMP = 0x4000;
    public static final int __GFP_ATOMIC = 0x80000;
    public static final int __GFP_DIRECT_RECLAIM = 0x400000;
    public static final int __GFP_KSWAPD_RECLAIM = 0x2000000;
    public static final int __GFP_RECLAIM = __GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM;

    /** May sleep and reclaim. */
    public static final int GFP_KERNEL = __GFP_RECLAIM | __GFP_IO | __GFP_FS;
    /** Must not sleep; may use part of the reserves below {@code min}. */
    public static final int GFP_ATOMIC = __GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM;
    /** Must not sleep; wakes kswapd but takes no reserves. */
    public static final int GFP_NOWAIT = __GFP_KSWAPD_RECLAIM;
    /** User pages (anon, page cache). */
    public static final int GFP_HIGHUSER_MOVABLE = GFP_KERNEL | __GFP_HIGHMEM | __GFP_MOVABLE;
    public static final int GFP_USER = GFP_KERNEL;

    // ALLOC_* (mm/internal.h)
    public static final int ALLOC_WMARK_MIN = 0x00;
    public static final int ALLOC_WMARK_LOW = 0x01;
    public static final int ALLOC_WMARK_HIGH = 0x02;
    public static final int ALLOC_NO_WATERMARKS = 0x04;
    public static final int ALLOC_WMARK_MASK = ALLOC_NO_WATERMARKS - 1;
    public static final int ALLOC_HARDER = 0x10;
    public static final int ALLOC_HIGH = 0x20;

    public static final int WMARK_MIN = 0;
    public static final int WMARK_LOW = 1;
    public static final int WMARK_HIGH = 2;

    private Gfp() {
    }

    /** {@code gfpflags_allow_blocking()}: may enter direct reclaim. */
    public static boolean allowBlocking(int gfp) {
        return (gfp & __GFP_DIRECT_RECLAIM) != 0;
    }

    /** {@code gfp_to_alloc_flags()} (mm/page_alloc.c): flags for the slow path. */
    public static int gfpToAllocFlags(int gfp) {
        int flags = ALLOC_WMARK_MIN;
        if ((gfp & __GFP_HIGH) != 0) {
            flags |= ALLOC_HIGH;
        }
        if ((gfp & __GFP_ATOMIC) != 0) {
            flags |= ALLOC_HARDER;
        }
        return flags;
    }

    /** True when the allocation may dip into the reserves below {@code min} ({@code ALLOC_HARDER}/{@code ALLOC_HIGH}). */
    public static boolean isEmergency(int allocFlags) {
        return (allocFlags & (ALLOC_HARDER | ALLOC_HIGH | ALLOC_NO_WATERMARKS)) != 0;
    }
}
