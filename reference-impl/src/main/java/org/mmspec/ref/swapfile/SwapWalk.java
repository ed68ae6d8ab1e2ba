package org.mmspec.ref.swapfile;

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
        return device.disableWrites();
    }

    /** {@code reinsert_swap_info()}: swapoff failed; the device takes slots again. */
    void abortSwapoff() {
        device.enableWrites();
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

    boolean slotInUse(int offset) {
        return swap.slotInUse(offset);
    }

    /** {@code swapcache_prepare()}: 0, {@code -EEXIST} (-17) or {@code -ENOENT} (-2). */
    int swapcachePrepare(int offset) {
        return swap.swapcachePrepare(offset);
    }

    /** {@code __add_to_swap_cache()} of the new, locked page: its fields, then the radix tree. */
    void addToSwapCache(int page, int offset) {
        pages.setPageFlagNonAtomic(page, PageFlag.SWAPBACKED);
        swap.addToSwapCacheGet(page, offset);
        swap.addToSwapCacheInsert(page, offset);
    }

    /** {@code lru_cache_add_anon()}. */
    void lruCacheAdd(int page) {
        lru.lruCacheAdd(page);
    }

    private int ptep(int mm, int addr) {
        PageTables pt = pageTables;
        return pt.pteOffsetMap(pt.pmdOffset(pt.pgdOffset(mm, addr), addr), addr);
    }

    /**
     * {@code unuse_pte()}'s first action: the PTE lock; if the PTE still holds the slot, the counters and the
     * page's reference ({@code get_page}), keeping the lock; else unlock. Returns -1 when the step must wait
     * for the PTE lock, 0 when the PTE changed, 1 when it is being replaced.
     */
    int unusePteBegin(int mm, int addr, int offset, int page) {
        PageTables pt = pageTables;
        int pmd = pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
        int ptep = pt.pteOffsetMapLock(pmd, addr);
        if (ptep < 0) {
            return -1;
        }
        if (vmas.findVma(mm, addr) < 0 || pt.read(ptep) != Pte.swpEntryToPte(0, offset)) {
            pt.pteUnmapUnlock(ptep);
            return 0;
        }
        mms.addMmCounter(mm, Mms.MM_SWAPENTS, -1);
        mms.addMmCounter(mm, Mms.MM_ANONPAGES, 1);
        pages.refs().getPage(page);
        return 1;
    }

    /** {@code unuse_pte()}: {@code set_pte_at} (read-only per the VMA's protection) and {@code page_add_anon_rmap}. */
    void unusePteMap(int mm, int addr, int page) {
        int vma = vmas.findVma(mm, addr);
        pageTables.setPteAt(mm, addr, ptep(mm, addr), Pte.mkPte(page, vmas.vmPageProt(vma)));
        rmap.pageAddAnonRmap(page, vma, addr, false);
    }

    /** {@code unuse_pte()}'s end: {@code swap_free} of the PTE's slot reference, then the PTE lock released. */
    void unusePteEnd(int mm, int addr, int offset) {
        swap.swapFree(offset);
        pageTables.pteUnmapUnlock(ptep(mm, addr));
    }

    int slots() {
        return config.nrSwapSlots();
    }

    /** {@code find_next_to_unuse()}: the slot is in use and a page caches it. */
    boolean cachedSlot(int offset) {
        return swap.inUseAndCached(offset);
    }

    /** {@code si->inuse_pages}: some slot is still in use. */
    boolean inusePages() {
        return swap.anyInUse();
    }

    /** {@code percpu_ref_kill(&si->users)}: no new {@code get_swap_device()} succeeds. */
    void killUsers() {
        device.killUsers();
    }

    int users() {
        return device.users();
    }

    /** The device is torn down: {@code swap_map} freed, {@code SWP_USED} cleared. */
    void destroy() {
        device.destroy();
    }
}
