package org.mmspec.checker.fidelity.observe;

import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code struct page} flags compared, with their {@code /proc/kpageflags} bit
 * ({@code include/uapi/linux/kernel-page-flags.h}). In model terms each is the named {@code PageXXX()}
 * test on the page the PTE maps, except {@link #MMAP} ({@code page_mapped()}), {@link #ANON}
 * ({@code PageAnon()}), {@link #KSM} ({@code PageKsm()}), {@link #THP} (part of a transparent huge page)
 * and {@link #ZERO} (the page is the shared zero page, {@code is_zero_pfn()}).
 */
public enum PageFlag implements Field {
    LOCKED(0, "locked"),
    REFERENCED(2, "referenced"),
    UPTODATE(3, "uptodate"),
    DIRTY(4, "dirty"),
    LRU(5, "lru"),
    ACTIVE(6, "active"),
    WRITEBACK(8, "writeback"),
    RECLAIM(9, "reclaim"),
    MMAP(11, "mmap"),
    ANON(12, "anon"),
    SWAPCACHE(13, "swapcache"),
    SWAPBACKED(14, "swapbacked"),
    COMPOUND_HEAD(15, "head"),
    COMPOUND_TAIL(16, "tail"),
    UNEVICTABLE(18, "unevictable"),
    KSM(21, "ksm"),
    THP(22, "thp"),
    ZERO(24, "zero");

    private final int bit;
    private final String label;

    PageFlag(int bit, String label) {
        this.bit = bit;
        this.label = label;
    }

    /** The bit in a {@code /proc/kpageflags} entry. */
    public int kpageflagsBit() {
        return bit;
    }

    @Override
    public String label() {
        return label;
    }

    /** The compared flags set in a {@code /proc/kpageflags} entry. */
    public static Set<PageFlag> fromKpageflags(long entry) {
        Set<PageFlag> set = EnumSet.noneOf(PageFlag.class);
        for (PageFlag f : values()) {
            if ((entry >>> f.bit & 1) != 0) {
                set.add(f);
            }
        }
        return set;
    }
}
