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
import org.mmspec.ref.state.ScopedLock;
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

    /**
     * The slot of {@code offset}. A step that touches a slot of a device swapoff has torn down ({@code
     * SWP_USED} clear: its {@code swap_map} freed) oopses: a use after free in the kernel.
     */
    private int slot(int offset) {
        if (offset < 1 || offset > c.nrSwapSlots()) {
            throw new Oops(OopsKind.SWAP_MAP_BAD, offset, -1);
        }
        if (current.stepping() && (device.flagsForGhost() & SwapDevice.SWP_USED) == 0) {
            throw new Oops(OopsKind.SWAP_DEVICE_GONE, offset, 0);
        }
        return offset - 1;
    }

    /**
     * Whether {@code swap_map[offset]} is in use, read under {@code swap_lock} without the device check (the
     * offset may be stale: {@code swapoff}'s scan).
     */
    public boolean slotInUse(int offset) {
        if (offset < 1 || offset > c.nrSwapSlots()) {
            return false;
        }
        swapLock();
        boolean used = m.get(l.swap(offset - 1, SW_MAP)) != 0;
        swapUnlock();
        return used;
    }

    /** {@code spin_lock(&si->lock)} ({@code swap_lock}): held only inside the step. */
    public void swapLock() {
        m.lockScoped(ScopedLock.SWAP_LOCK, 0);
    }

    public void swapUnlock() {
        m.unlockScoped(ScopedLock.SWAP_LOCK, 0);
    }

    /** {@code spin_lock_irq(&swapper_space->tree_lock)}: the swap cache's radix tree lock, inside the step. */
    public void treeLock() {
        m.lockScoped(ScopedLock.TREE_LOCK, -1);
    }

    public void treeUnlock() {
        m.unlockScoped(ScopedLock.TREE_LOCK, -1);
    }

    /** {@code swap_map[offset]}. Context: {@code swap_lock} (a racy read without it). */
    public int swapMap(int offset) {
        return m.get(l.swap(slot(offset), SW_MAP));
    }

    /** PTE references to the slot ({@code swap_count()}, without the cache bit). Context: {@code swap_lock}. */
    public int swapCount(int offset) {
        return swapMap(offset) & ~SWAP_HAS_CACHE;
    }

    /** {@code __swap_count(si, entry)}: the slot's PTE references, a racy read without {@code swap_lock}. */
    public int swapCountRacy(int offset) {
        return swapMap(offset) & ~SWAP_HAS_CACHE;
    }

    /** {@code page_swapcount(page)} of a slot: its PTE references, read under {@code swap_lock}. */
    public int pageSwapcount(int offset) {
        swapLock();
        int n = swapCount(offset);
        swapUnlock();
        return n;
    }

    /** The data stored in the slot (device contents: a racy read). */
    public int data(int offset) {
        return m.get(l.swap(slot(offset), SW_DATA));
    }

    /**
     * {@code get_swap_page()} (mm/swapfile.c): under {@code swap_lock}, a free slot, marked
     * {@code SWAP_HAS_CACHE}; 0 when the device is full or not writable ({@code SWP_WRITEOK} clear: swapoff
     * has begun, or no swapon).
     */
    public int getSwapPage() {
        swapLock();
        int found = 0;
        for (int s = 0; s < c.nrSwapSlots() && found == 0 && device.writeOk(); s++) {
            if (m.get(l.swap(s, SW_MAP)) == 0) {
                m.set(l.swap(s, SW_MAP), SWAP_HAS_CACHE);
                found = s + 1;
            }
        }
        swapUnlock();
        return found;
    }

    /** {@code swap_duplicate(entry)}: under {@code swap_lock}, one more PTE refers to the slot. */
    public void swapDuplicate(int offset) {
        swapLock();
        int w = l.swap(slot(offset), SW_MAP);
        if (m.get(w) == 0) {
            throw new Oops(OopsKind.SWAP_MAP_BAD, offset, 0);
        }
        m.add(w, 1);
        swapUnlock();
    }

    /**
     * {@code swap_free(entry)}: under {@code swap_lock}, a PTE reference is gone; returns the slot's
     * {@code swap_map} afterwards ({@code SWAP_HAS_CACHE} alone: only the swap cache still holds it).
     */
    public int swapFree(int offset) {
        swapLock();
        int left = swapFreeLocked(offset);
        swapUnlock();
        return left;
    }

    private int swapFreeLocked(int offset) {
        int w = l.swap(slot(offset), SW_MAP);
        if ((m.get(w) & ~SWAP_HAS_CACHE) == 0) {
            throw new Oops(OopsKind.SWAP_MAP_BAD, offset, m.get(w));
        }
        m.add(w, -1);
        int left = m.get(w);
        clearIfFree(offset);
        return left;
    }

    /**
     * {@code swap_info_get(entry)} + {@code swap_entry_free()}: as {@link #swapFree}, but an entry of a device
     * swapoff has torn down is refused ({@code _swap_info_get()}: "Bad swap file entry"): -1.
     */
    public int swapEntryFree(int offset) {
        swapLock();
        int left = (device.flags() & SwapDevice.SWP_USED) != 0 ? swapFreeLocked(offset) : -1;
        swapUnlock();
        return left;
    }

    /**
     * {@code find_next_to_unuse()}'s test: under {@code swap_lock}, the slot is in use; and a page caches it
     * (a racy look at the swap cache).
     */
    public boolean inUseAndCached(int offset) {
        swapLock();
        boolean cached = m.get(l.swap(slot(offset), SW_MAP)) != 0 && cachePage(offset) >= 0;
        swapUnlock();
        return cached;
    }

    /** {@code si->inuse_pages} under {@code swap_lock}: some slot is still in use. */
    public boolean anyInUse() {
        swapLock();
        boolean used = false;
        for (int s = 0; s < c.nrSwapSlots() && !used; s++) {
            used = m.get(l.swap(s, SW_MAP)) != 0;
        }
        swapUnlock();
        return used;
    }

    /** {@code swapcache_free(entry)}: under {@code swap_lock}, the swap cache's hold on the slot is gone. */
    public void swapcacheFree(int offset) {
        swapLock();
        int w = l.swap(slot(offset), SW_MAP);
        m.set(w, m.get(w) & ~SWAP_HAS_CACHE);
        clearIfFree(offset);
        swapUnlock();
    }

    /**
     * {@code swapcache_prepare(entry)} ({@code __read_swap_cache_async}): under {@code swap_lock}, claims
     * the slot for the swap cache. Returns 0, {@code -EEXIST} (-17: another task is reading it in) or
     * {@code -ENOENT} (-2: the entry was freed).
     */
    public int swapcachePrepare(int offset) {
        swapLock();
        int w = l.swap(slot(offset), SW_MAP);
        int ret = (m.get(w) & ~SWAP_HAS_CACHE) == 0 ? -2 : (m.get(w) & SWAP_HAS_CACHE) != 0 ? -17 : 0;
        if (ret == 0) {
            m.set(w, m.get(w) | SWAP_HAS_CACHE);
        }
        swapUnlock();
        return ret;
    }

    /** A free slot holds no data (the model's canonical form, not a kernel access). */
    private void clearIfFree(int offset) {
        int s = slot(offset);
        m.ghostBegin();
        if (m.get(l.swap(s, SW_MAP)) == 0) {
            m.set(l.swap(s, SW_DATA), 0);
        }
        m.ghostEnd();
    }

    /** The write-back I/O of a swap-cache page: its contents go to the slot, as one DMA transfer. */
    public void writeOut(int offset, int pfn) {
        m.compoundBegin();
        writeSlot(offset, pages.data(pfn));
        m.compoundEnd();
    }

    /** The read-in I/O ({@code swap_readpage}): the slot's contents go to the page, as one DMA transfer. */
    public void readIn(int offset, int pfn) {
        m.compoundBegin();
        pages.setData(pfn, data(offset));
        m.compoundEnd();
    }

    /** {@code swap_writepage()} I/O: the page's contents go to the slot. */
    public void writeSlot(int offset, int token) {
        m.set(l.swap(slot(offset), SW_DATA), token);
    }

    /** The swap-cache page of a slot, without a reference (an RCU radix-tree lookup: a racy read), or -1. */
    public int cachePage(int offset) {
        return m.get(l.swap(slot(offset), SW_CACHE)) - 1;
    }

    /**
     * The first part of {@code __add_to_swap_cache(page, entry)}: the cache's reference, {@code PG_swapcache}
     * and {@code page_private} = the entry. Context: page locked (or not yet published).
     */
    public void addToSwapCacheGet(int pfn, int offset) {
        Pages p = pages;
        p.refs().getPage(pfn);
        p.setPageFlag(pfn, PageFlag.SWAPCACHE);
        p.setPagePrivate(pfn, offset);
    }

    /** The radix-tree insertion of {@code __add_to_swap_cache()}, under {@code tree_lock}. */
    public void addToSwapCacheInsert(int pfn, int offset) {
        treeLock();
        m.set(l.swap(slot(offset), SW_CACHE), pfn + 1);
        treeUnlock();
    }

    /**
     * {@code add_to_swap_cache(page, entry)} in one go, for sequential callers and pages nobody else can
     * see: the slot's cache hold, the page's fields, the radix tree.
     */
    public void addToSwapCache(int pfn, int offset) {
        swapLock();
        m.set(l.swap(slot(offset), SW_MAP), m.get(l.swap(slot(offset), SW_MAP)) | SWAP_HAS_CACHE);
        swapUnlock();
        addToSwapCacheGet(pfn, offset);
        addToSwapCacheInsert(pfn, offset);
    }

    /**
     * {@code __delete_from_swap_cache(page)}: the page no longer caches its slot; returns the slot. The
     * caller frees the slot's cache hold and drops the cache's reference. Context: page locked,
     * {@code tree_lock}.
     */
    public int deleteFromSwapCacheLocked(int pfn) {
        Pages p = pages;
        int offset = p.pagePrivate(pfn);
        m.set(l.swap(slot(offset), SW_CACHE), 0);
        p.clearPageFlag(pfn, PageFlag.SWAPCACHE);
        p.setPagePrivate(pfn, 0);
        return offset;
    }

    /** The {@code tree_lock} part of {@code delete_from_swap_cache(page)}; returns the slot. Context: page locked. */
    public int deleteFromSwapCache(int pfn) {
        treeLock();
        int offset = deleteFromSwapCacheLocked(pfn);
        treeUnlock();
        return offset;
    }

    /**
     * {@code delete_from_swap_cache(page)} in one go (sequential callers): as {@link #deleteFromSwapCache}
     * plus freeing the cache's hold on the slot and its page reference. Context: page locked.
     */
    public void deleteFromSwapCacheAndRelease(int pfn) {
        int offset = deleteFromSwapCache(pfn);
        swapcacheFree(offset);
        lru.putPage(pfn);
    }

    /** {@code vm_swap_full()}: more than half the swap slots are in use (one racy read of {@code nr_swap_pages}). */
    public boolean vmSwapFull() {
        m.compoundBegin();
        int used = 0;
        for (int s = 0; s < c.nrSwapSlots(); s++) {
            if (m.get(l.swap(s, SW_MAP)) != 0) {
                used++;
            }
        }
        m.compoundEnd();
        return used * 2 > c.nrSwapSlots();
    }

    /**
     * {@code get_nr_swap_pages() > 0}: a free slot exists (one racy read of {@code nr_swap_pages}, which
     * counts no slot while the device is not writable: before swapon, or once swapoff has begun).
     */
    public boolean hasFreeSwap() {
        m.compoundBegin();
        boolean free = false;
        if (device.writeOk()) {
            for (int s = 0; s < c.nrSwapSlots(); s++) {
                free |= m.get(l.swap(s, SW_MAP)) == 0;
            }
        }
        m.compoundEnd();
        return free;
    }
}
