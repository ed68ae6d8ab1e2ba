package org.mmspec.ref.swap;

import static org.mmspec.ref.state.Layout.SW_CACHE;
import static org.mmspec.ref.state.Layout.SW_DATA;
import static org.mmspec.ref.state.Layout.SW_MAP;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.Current;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * One swap device with a few slots, its {@code swap_map} counts, and the swap cache
 * (mm/swapfile.c, mm/swap_state.c). Offsets start at 1 (offset 0 is the swap header), so a swap PTE is
 * never 0. {@code swap_lock} and the swap cache's {@code tree_lock} are taken inside single steps.
 */
public final class Swap {

    /** {@code SWAP_HAS_CACHE}: the slot is also held by the swap cache. */
    public static final int SWAP_HAS_CACHE = 0x40;
    /** The swap type of the one device. */
    public static final int TYPE = 0;

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final Pages pages;
    private final Lru lru;
    private final SwapDevice device;
    private final Current current;

    public Swap(Config c, Layout l, Mem m, Pages pages, Lru lru, SwapDevice device, Current current) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.pages = pages;
        this.lru = lru;
        this.device = device;
        this.current = current;
    }

    private int slot(int offset) {
        if (offset < 1 || offset > c.nrSwapSlots()) {
            throw new Oops(OopsKind.SWAP_MAP_BAD, offset, -1);
        }
        if (current.stepping() && (device.flags() & SwapDevice.SWP_USED) == 0) {
            throw new Oops(OopsKind.SWAP_DEVICE_GONE, offset, 0);
        }
        return offset - 1;
    }

    /** {@code swap_map[offset]}. */
    public int swapMap(int offset) {
        return m.get(l.swap(slot(offset), SW_MAP));
    }

    /** Whether {@code swap_map[offset]} is in use, read without the device check (the offset may be stale). */
    public boolean slotInUse(int offset) {
        return offset >= 1 && offset <= c.nrSwapSlots() && m.get(l.swap(offset - 1, SW_MAP)) != 0;
    }

    /** PTE references to the slot ({@code swap_count()}, without the cache bit). */
    public int swapCount(int offset) {
        return swapMap(offset) & ~SWAP_HAS_CACHE;
    }

    /** The data stored in the slot. */
    public int data(int offset) {
        return m.get(l.swap(slot(offset), SW_DATA));
    }

    /**
     * {@code get_swap_page()} (mm/swapfile.c): a free slot, marked {@code SWAP_HAS_CACHE}; 0 when the
     * device is full or not writable ({@code SWP_WRITEOK} clear: swapoff has begun, or no swapon).
     */
    public int getSwapPage() {
        if (!device.writeOk()) {
            return 0;
        }
        for (int s = 0; s < c.nrSwapSlots(); s++) {
            if (m.get(l.swap(s, SW_MAP)) == 0) {
                m.set(l.swap(s, SW_MAP), SWAP_HAS_CACHE);
                return s + 1;
            }
        }
        return 0;
    }

    /** {@code swap_duplicate(entry)}: one more PTE refers to the slot (fork, try_to_unmap). */
    public void swapDuplicate(int offset) {
        int w = l.swap(slot(offset), SW_MAP);
        if (m.get(w) == 0) {
            throw new Oops(OopsKind.SWAP_MAP_BAD, offset, 0);
        }
        m.add(w, 1);
    }

    /** {@code swap_free(entry)}: a PTE reference is gone; the slot is free when nothing refers to it. */
    public void swapFree(int offset) {
        int w = l.swap(slot(offset), SW_MAP);
        if ((m.get(w) & ~SWAP_HAS_CACHE) == 0) {
            throw new Oops(OopsKind.SWAP_MAP_BAD, offset, m.get(w));
        }
        m.add(w, -1);
        clearIfFree(offset);
    }

    /** {@code swapcache_free(entry)}: the swap cache's hold on the slot is gone. */
    public void swapcacheFree(int offset) {
        int w = l.swap(slot(offset), SW_MAP);
        m.clearBits(w, SWAP_HAS_CACHE);
        clearIfFree(offset);
    }

    private void clearIfFree(int offset) {
        int s = slot(offset);
        if (m.get(l.swap(s, SW_MAP)) == 0) {
            m.set(l.swap(s, SW_DATA), 0);
        }
    }

    /** {@code swap_writepage()} I/O: the page's contents go to the slot. */
    public void writeSlot(int offset, int token) {
        m.set(l.swap(slot(offset), SW_DATA), token);
    }

    /** The swap-cache page of a slot without a reference, or -1. */
    public int cachePage(int offset) {
        return m.get(l.swap(slot(offset), SW_CACHE)) - 1;
    }

    /** {@code lookup_swap_cache(entry)}: the cached page with a reference taken, or -1. */
    public int lookupSwapCache(int offset) {
        int pfn = cachePage(offset);
        if (pfn < 0 || !pages.getPageUnlessZero(pfn)) {
            return -1;
        }
        return pfn;
    }

    /**
     * {@code add_to_swap_cache(page, entry)}: the page caches the slot: {@code PG_swapcache},
     * {@code page_private} = the entry, and the cache's reference; the slot gets the cache's hold
     * ({@code SWAP_HAS_CACHE}: already set by {@code get_swap_page()} on swap-out, set here on swap-in as
     * {@code swapcache_prepare()} does in {@code __read_swap_cache_async()}). Context: page locked.
     */
    public void addToSwapCache(int pfn, int offset) {
        m.setBits(l.swap(slot(offset), SW_MAP), SWAP_HAS_CACHE);
        Pages p = pages;
        p.getPage(pfn);
        p.setPageFlag(pfn, PageFlag.SWAPCACHE);
        p.setPagePrivate(pfn, offset);
        m.set(l.swap(slot(offset), SW_CACHE), pfn + 1);
    }

    /**
     * {@code __delete_from_swap_cache(page)}: the page no longer caches its slot; the caller frees the
     * slot's cache hold and drops the cache's reference. Context: page locked.
     */
    public int deleteFromSwapCache(int pfn) {
        Pages p = pages;
        int offset = p.pagePrivate(pfn);
        m.set(l.swap(slot(offset), SW_CACHE), 0);
        p.clearPageFlag(pfn, PageFlag.SWAPCACHE);
        p.setPagePrivate(pfn, 0);
        return offset;
    }

    /**
     * {@code delete_from_swap_cache(page)}: as {@link #deleteFromSwapCache} plus freeing the cache's
     * hold on the slot and its page reference. Context: page locked.
     */
    public void deleteFromSwapCacheAndRelease(int pfn) {
        int offset = deleteFromSwapCache(pfn);
        swapcacheFree(offset);
        lru.putPage(pfn);
    }

    /**
     * {@code try_to_free_swap(page)} (mm/swapfile.c): if no PTE refers to the page's slot any more and
     * it is not under writeback, drop it from the swap cache and mark the page dirty (its only copy is
     * now in memory). Context: page locked.
     */
    public boolean tryToFreeSwap(int pfn) {
        Pages p = pages;
        if (!p.pageFlag(pfn, PageFlag.SWAPCACHE) || p.pageFlag(pfn, PageFlag.WRITEBACK)) {
            return false;
        }
        if (swapCount(p.pagePrivate(pfn)) > 0) {
            return false;
        }
        deleteFromSwapCacheAndRelease(pfn);
        p.setPageFlag(pfn, PageFlag.DIRTY);
        return true;
    }

    /**
     * {@code free_swap_and_cache(entry)} (mm/swapfile.c): a PTE's swap entry is zapped; if only the
     * swap cache still holds the slot and its page can be locked without waiting, free that too. An entry
     * of a device swapoff has torn down is refused ({@code _swap_info_get()}: "Bad swap file entry").
     */
    public void freeSwapAndCache(int offset) {
        if ((device.flags() & SwapDevice.SWP_USED) == 0) {
            return;
        }
        swapFree(offset);
        if (swapMap(offset) != SWAP_HAS_CACHE) {
            return;
        }
        int pfn = cachePage(offset);
        Pages p = pages;
        if (pfn < 0 || p.pageFlag(pfn, PageFlag.LOCKED)) {
            return;
        }
        if (!p.pageFlag(pfn, PageFlag.WRITEBACK) && !p.pageMapped(pfn)) {
            deleteFromSwapCacheAndRelease(pfn);
            p.setPageFlag(pfn, PageFlag.DIRTY);
        }
    }

    /**
     * {@code reuse_swap_page(page, &total_mapcount)} (mm/swapfile.c, Linux 4.9): may a write fault reuse
     * this anonymous page instead of copying it? Only if at most one PTE maps it and, counting the PTEs
     * that still hold its swap slot, nobody else can see it; then it leaves the swap cache and becomes
     * dirty (its only copy is in memory). The map count is what counts, not the reference count: a page
     * pinned by GUP is reused. Context: page locked, PTE lock.
     */
    public boolean reuseSwapPage(int pfn) {
        Pages p = pages;
        if (p.pageKsm(pfn)) {
            return false;
        }
        int count = p.pageMapcount(pfn);
        if (count <= 1 && p.pageFlag(pfn, PageFlag.SWAPCACHE)) {
            count += swapCount(p.pagePrivate(pfn));
            if (count == 1 && !p.pageFlag(pfn, PageFlag.WRITEBACK)) {
                deleteFromSwapCacheAndRelease(pfn);
                p.setPageFlag(pfn, PageFlag.DIRTY);
            }
        }
        return count <= 1;
    }

    /**
     * {@code get_nr_swap_pages()}: free slots that may be allocated (none while the device is not
     * writable: before swapon, or once swapoff has begun).
     */
    public int nrSwapPages() {
        if (!device.writeOk()) {
            return 0;
        }
        int free = 0;
        for (int s = 0; s < c.nrSwapSlots(); s++) {
            if (m.get(l.swap(s, SW_MAP)) == 0) {
                free++;
            }
        }
        return free;
    }

    /** {@code vm_swap_full()}: more than half the swap slots are in use. */
    public boolean vmSwapFull() {
        int used = 0;
        for (int s = 0; s < c.nrSwapSlots(); s++) {
            if (m.get(l.swap(s, SW_MAP)) != 0) {
                used++;
            }
        }
        return used * 2 > c.nrSwapSlots();
    }
}
