package org.mmspec.ref.swapfile;

import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.rmap.Rmap;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.swap.SwapDevice;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.Vmas;

/**
 * The pieces {@link Swapoff} is made of (mm/swapfile.c): each one atomic operation on the kernel objects
 * it names, so that the step machine reads as {@code try_to_unuse()} does.
 */
public final class SwapWalk {

    static final int PAGE = Geometry.PAGE_SIZE;

    private final Config config;
    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final Swap swap;
    private final SwapDevice device;
    private final Vmas vmas;
    private final Mms mms;
    private final Rmap rmap;

    public SwapWalk(Config config, Pages pages, Lru lru, PageTables pageTables, Swap swap, SwapDevice device, Vmas vmas,
            Mms mms, Rmap rmap) {
        this.config = config;
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.swap = swap;
        this.device = device;
        this.vmas = vmas;
        this.mms = mms;
        this.rmap = rmap;
    }

    /** {@code del_from_avail_list()} and {@code SWP_WRITEOK} cleared; false when there is no device. */
    boolean startSwapoff() {
        int flags = device.flags();
        if ((flags & SwapDevice.SWP_USED) == 0 || (flags & SwapDevice.SWP_WRITEOK) == 0) {
            return false;
        }
        device.setFlags(flags & ~SwapDevice.SWP_WRITEOK);
        return true;
    }

    /** {@code reinsert_swap_info()}: swapoff failed; the device takes slots again. */
    void abortSwapoff() {
        device.setFlags(device.flags() | SwapDevice.SWP_WRITEOK);
    }

    /** The first user mm in use from {@code from} on (the mmlist), or -1. */
    int nextMm(int from) {
        for (int mm = Math.max(from, 1); mm < config.nrMms(); mm++) {
            if (mms.inUse(mm)) {
                return mm;
            }
        }
        return -1;
    }

    boolean lockMm(int mm) {
        return mms.downRead(mm);
    }

    void unlockMm(int mm) {
        mms.upRead(mm);
    }

    /** {@code unuse_vma()}: the first address from {@code from} on in a VMA with an anon_vma, or -1. */
    int nextAnonAddress(int mm, int from) {
        for (int s = 0; s < vmas.count(mm); s++) {
            int vma = vmas.slot(mm, s);
            if (vmas.anonVma(vma) >= 0 && vmas.vmEnd(vma) > from) {
                return Math.max(from, vmas.vmStart(vma));
            }
        }
        return -1;
    }

    /** The swap offset a PTE holds (looked at without the PTE lock), or 0. */
    int swapOffsetAt(int mm, int addr) {
        int pte = pageTables.pteValue(mm, addr);
        return Pte.isSwapPte(pte) ? Pte.swpOffset(pte) : 0;
    }

    int lookupSwapCache(int offset) {
        return swap.lookupSwapCache(offset);
    }

    boolean slotInUse(int offset) {
        return swap.slotInUse(offset);
    }

    /**
     * {@code __read_swap_cache_async()} after the allocation: the new page goes into the swap cache, locked,
     * unless the slot got a page meanwhile or was freed (then the page is released and false returned).
     */
    boolean addToSwapCacheIfAbsent(int page, int offset, PageLock pageLock) {
        if (swap.cachePage(offset) >= 0 || swap.swapMap(offset) == 0) {
            lru.putPage(page);
            return false;
        }
        pageLock.setNewPageLocked(page);
        pages.setPageFlag(page, PageFlag.SWAPBACKED);
        swap.addToSwapCache(page, offset);
        lru.lruCacheAdd(page);
        return true;
    }

    /**
     * {@code unuse_pte()}: under the PTE lock, if the PTE still holds the slot, map the page instead
     * (read-only per the VMA's protection; the PTE's slot reference goes). False when the step must wait
     * for the PTE lock.
     */
    boolean unusePte(int mm, int addr, int offset, int page) {
        PageTables pt = pageTables;
        int pmd = pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
        int ptep = pt.pteOffsetMapLock(pmd, addr);
        if (ptep < 0) {
            return false;
        }
        int vma = vmas.findVma(mm, addr);
        if (vma >= 0 && pt.read(ptep) == Pte.swpEntryToPte(0, offset)) {
            mms.addMmCounter(mm, Mms.MM_SWAPENTS, -1);
            mms.addMmCounter(mm, Mms.MM_ANONPAGES, 1);
            pages.getPage(page);
            pt.setPteAt(mm, addr, ptep, Pte.mkPte(page, vmas.vmPageProt(vma)));
            rmap.pageAddAnonRmap(page, vma, addr, false);
            swap.swapFree(offset);
        }
        pt.pteUnmapUnlock(ptep);
        return true;
    }

    void tryToFreeSwap(int page) {
        swap.tryToFreeSwap(page);
    }

    void putPage(int page) {
        lru.putPage(page);
    }

    int slots() {
        return config.nrSwapSlots();
    }

    /** {@code find_next_to_unuse()}: the slot is in use and a page caches it. */
    boolean cachedSlot(int offset) {
        return swap.slotInUse(offset) && swap.cachePage(offset) >= 0;
    }

    /** {@code si->inuse_pages}: some slot is still in use. */
    boolean inusePages() {
        for (int offset = 1; offset <= config.nrSwapSlots(); offset++) {
            if (swap.slotInUse(offset)) {
                return true;
            }
        }
        return false;
    }

    /** {@code percpu_ref_kill(&si->users)}: no new {@code get_swap_device()} succeeds. */
    void killUsers() {
        device.setFlags(device.flags() & ~SwapDevice.SWP_VALID);
    }

    int users() {
        return device.users();
    }

    /** The device is torn down: {@code swap_map} freed, {@code SWP_USED} cleared. */
    void destroy() {
        device.setFlags(0);
    }
}
