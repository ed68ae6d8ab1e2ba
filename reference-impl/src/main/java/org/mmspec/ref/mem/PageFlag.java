package org.mmspec.ref.mem;

/**
 * The {@code enum pageflags} bits the model uses (include/linux/page-flags.h). {@code PG_anon} and
 * {@code PG_ksm} are not flags in the kernel but bits of {@code page->mapping}; see {@link Mapping}.
 */
public enum PageFlag {
    LOCKED("PG_locked", 0),
    REFERENCED("PG_referenced", 2),
    UPTODATE("PG_uptodate", 3),
    DIRTY("PG_dirty", 4),
    LRU("PG_lru", 5),
    ACTIVE("PG_active", 6),
    WAITERS("PG_waiters", 7),
    SLAB("PG_slab", 8),
    RESERVED("PG_reserved", 10),
    PRIVATE("PG_private", 11),
    WRITEBACK("PG_writeback", 13),
    /** {@code PG_head}: the first page of a compound page. */
    HEAD("PG_head", 14),
    SWAPCACHE("PG_swapcache", 15),
    RECLAIM("PG_reclaim", 17),
    SWAPBACKED("PG_swapbacked", 18),
    /** On the unevictable LRU list ({@code PG_unevictable}). */
    UNEVICTABLE("PG_unevictable", 19),
    /** Mapped by a {@code VM_LOCKED} VMA: reclaim must not evict it ({@code PG_mlocked}). */
    MLOCKED("PG_mlocked", 20);

    /** Flags that must be clear when a page is freed ({@code PAGE_FLAGS_CHECK_AT_FREE}). */
    public static final int CHECK_AT_FREE = LRU.mask() | LOCKED.mask() | PRIVATE.mask() | WRITEBACK.mask() | HEAD.mask()
            | RESERVED.mask() | SLAB.mask() | SWAPCACHE.mask() | ACTIVE.mask() | UNEVICTABLE.mask() | MLOCKED.mask();

    private final String kernelName;
    private final int bit;

    PageFlag(String kernelName, int bit) {
        this.kernelName = kernelName;
        this.bit = bit;
    }

    public String kernelName() {
        return kernelName;
    }

    public int bit() {
        return bit;
    }

    public int mask() {
        return 1 << bit;
    }

    /** Renders a flags word as {@code locked|dirty|lru}. */
    public static String describe(int flags) {
        StringBuilder sb = new StringBuilder();
        for (PageFlag f : values()) {
            if ((flags & f.mask()) != 0) {
                if (!sb.isEmpty()) {
                    sb.append('|');
                }
                sb.append(f.kernelName.substring(3));
            }
        }
        return sb.isEmpty() ? "0" : sb.toString();
    }
}
