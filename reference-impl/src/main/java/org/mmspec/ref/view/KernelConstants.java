package org.mmspec.ref.view;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.sync.Ghost;
import org.mmspec.ref.vma.Mms;

/**
 * The kernel constants needed to read the raw words an {@link MmView} returns, so that invariants see
 * the reference implementation only through the view (and its value types), never its kernel objects.
 */
public final class KernelConstants {

    /** pfn of the zero page ({@code my_zero_pfn()}). */
    public static final int ZERO_PFN = Pages.ZERO_PFN;
    /** {@code _mapcount} of a page heading a free buddy block (Linux 4.x {@code PAGE_BUDDY_MAPCOUNT_VALUE}). */
    public static final int PAGE_BUDDY_MAPCOUNT_VALUE = Pages.PAGE_BUDDY_MAPCOUNT_VALUE;
    /** {@code SWAP_HAS_CACHE} in a {@code swap_map} count. */
    public static final int SWAP_HAS_CACHE = Swap.SWAP_HAS_CACHE;
    public static final int LRU_INACTIVE_ANON = Lru.LRU_INACTIVE_ANON;
    public static final int LRU_ACTIVE_ANON = Lru.LRU_ACTIVE_ANON;
    public static final int LRU_INACTIVE_FILE = Lru.LRU_INACTIVE_FILE;
    public static final int LRU_ACTIVE_FILE = Lru.LRU_ACTIVE_FILE;
    public static final int LRU_UNEVICTABLE = Lru.LRU_UNEVICTABLE;
    /** {@link MmView#logical}: the page shows its backing (file contents, or zeroes). */
    public static final int FOLLOWS_BACKING = Mms.FOLLOWS_BACKING;
    /** {@link MmView#logical} bit: {@code MADV_FREE}d — the token or zeroes may be read back. */
    public static final int LAZY_FREE = Mms.LAZY_FREE;
    /** {@link GhostView.WriteEvent#via} bit: the write went through a private (COW) mapping. */
    public static final int VIA_PRIVATE = Ghost.VIA_PRIVATE;
    /** {@link GhostView.WriteEvent#via} bit: the write was made by {@code get_user_pages} for another task. */
    public static final int VIA_GUP = Ghost.VIA_GUP;

    private KernelConstants() {
    }

    /** The name of LRU list {@code lru} ({@code "inactive_anon"}, ...). */
    public static String lruName(int lru) {
        return Lru.name(lru);
    }
}
