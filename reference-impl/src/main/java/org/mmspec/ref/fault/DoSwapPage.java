package org.mmspec.ref.fault;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.rmap.Rmap;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code do_swap_page()} (mm/memory.c, Linux 4.9): the PTE holds a swap entry. Find the page in the
 * swap cache or read it in ({@code read_swap_cache_async}: a new locked page in the swap cache and on
 * the LRU; {@code swap_readpage} submits the read, which the I/O completion context finishes by
 * setting {@code PG_uptodate} and unlocking the page); lock it (waiting for the read); check it still
 * caches this entry; under the PTE lock, if the PTE is unchanged, map it (writable at once when a
 * write finds it exclusively ours, {@code reuse_swap_page}), drop the PTE's hold on the slot, and free
 * the slot if swap is over half full. A write that could not reuse goes on to {@code do_wp_page()}.
 * Context: {@code mmap_sem} for read.
 *
 * <p>Arguments: vma, address, fault flags, pmd, orig_pte. Returns {@code VM_FAULT_*}.
 */
public final class DoSwapPage extends Procedure {

    private static final int VMA = 0;
    private static final int ADDR = 1;
    private static final int FLAGS = 2;
    private static final int PMD = 3;
    private static final int ORIG = 4;
    private static final int PAGE = 5;

    private static final int LOOKUP = 0;
    private static final int ALLOCATED = 1;
    private static final int READ = 2;
    private static final int LOCK = 3;
    private static final int LOCKED = 4;
    private static final int INSTALL = 5;
    private static final int OUT = 6;
    private static final int WP = 7;
    private static final int AFTER_WP = 8;
    private static final int DONE = 9;

    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final Swap swap;
    private final PageLock pageLock;
    private final Vmas vmas;
    private final Mms mms;
    private final Rmap rmap;
    private final Bios bios;
    private final AllocPages allocPages;
    private final DoWpPage doWpPage;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;

    public DoSwapPage(Pages pages, Lru lru, PageTables pageTables, Swap swap, PageLock pageLock, Vmas vmas, Mms mms,
            Rmap rmap, Bios bios, AllocPages allocPages, DoWpPage doWpPage, LockPage lockPage, UnlockPage unlockPage) {
        super("do_swap_page", "lookup_swap_cache", "read_swap_cache_async", "swap_readpage", "lock_page",
                "page_private_check", "set_pte_at", "out_page", "do_wp_page", "do_wp_page:done", "pte_unmap_unlock");
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.swap = swap;
        this.pageLock = pageLock;
        this.vmas = vmas;
        this.mms = mms;
        this.rmap = rmap;
        this.bios = bios;
        this.allocPages = allocPages;
        this.doWpPage = doWpPage;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Pages p = pages;
        int offset = Pte.swpOffset(c.local(ORIG));
        switch (pc) {
            case LOOKUP -> {
                int page = swap.lookupSwapCache(offset);
                if (page >= 0) {
                    c.set(PAGE, page);
                    return c.next(LOCK);
                }
                if (swap.swapMap(offset) == 0) {
                    return c.ret(0);
                }
                return c.call(allocPages, ALLOCATED, Gfp.GFP_HIGHUSER_MOVABLE, 0);
            }
            case ALLOCATED -> {
                int page = c.result();
                if (page < 0) {
                    return c.ret(VmFault.VM_FAULT_OOM);
                }
                if (swap.cachePage(offset) >= 0 || swap.swapMap(offset) == 0) {
                    lru.putPage(page);
                    return c.yieldTo(LOOKUP);
                }
                pageLock.setNewPageLocked(page);
                p.setPageFlag(page, PageFlag.SWAPBACKED);
                swap.addToSwapCache(page, offset);
                lru.lruCacheAdd(page);
                c.set(PAGE, page);
                return c.yieldTo(READ);
            }
            case READ -> {
                // swap_readpage(): the read completes in the I/O context, which unlocks the page
                int page = c.local(PAGE);
                if (!bios.submit(Bios.SWAP_READ, page, offset, -1)) {
                    return c.block(BlockKind.REQUEST_QUEUE, page, 0);
                }
                c.released(LockClass.PAGE_LOCK);
                return c.yieldTo(LOCK);
            }
            case LOCK -> {
                return c.call(lockPage, LOCKED, c.local(PAGE), 0);
            }
            case LOCKED -> {
                int page = c.local(PAGE);
                if (!p.pageFlag(page, PageFlag.SWAPCACHE) || p.pagePrivate(page) != offset) {
                    return c.call(unlockPage, OUT, page);
                }
                return c.yieldTo(INSTALL);
            }
            case INSTALL -> {
                return install(c, p, swap, offset);
            }
            case OUT -> {
                lru.putPage(c.local(PAGE));
                return c.ret(0);
            }
            case WP -> {
                int ptep = pageTables.pteOffsetMap(c.local(PMD), c.local(ADDR));
                return c.call(doWpPage, AFTER_WP, c.local(VMA), c.local(ADDR), ptep, pageTables.read(ptep));
            }
            case AFTER_WP -> {
                return c.ret(c.result());
            }
            case DONE -> {
                PageTables pt = pageTables;
                pt.pteUnmapUnlock(pt.pteOffsetMap(c.local(PMD), c.local(ADDR)));
                return c.ret(c.local(FLAGS));
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 10, pc);
        }
    }

    private Flow install(Ctx c, Pages p, Swap swap, int offset) {
        PageTables pt = pageTables;
        Vmas v = vmas;
        int vma = c.local(VMA);
        int addr = c.local(ADDR);
        int page = c.local(PAGE);
        int ptep = pt.pteOffsetMapLock(c.local(PMD), addr);
        if (ptep < 0) {
            return Flow.BLOCK;
        }
        if (!Pte.pteSame(pt.read(ptep), c.local(ORIG))) {
            pt.pteUnmapUnlock(ptep);
            return c.call(unlockPage, OUT, page);
        }
        int mm = v.mmOf(vma);
        mms.addMmCounter(mm, Mms.MM_ANONPAGES, 1);
        mms.addMmCounter(mm, Mms.MM_SWAPENTS, -1);
        int pte = Pte.mkPte(page, v.vmPageProt(vma));
        boolean write = (c.local(FLAGS) & VmFault.FAULT_FLAG_WRITE) != 0;
        boolean reused = false;
        if (write && swap.reuseSwapPage(page)) {
            pte = VmFlags.maybeMkwrite(Pte.pteMkdirty(pte), v.vmFlags(vma));
            reused = true;
        }
        pt.setPteAt(mm, addr, ptep, pte);
        rmap.pageAddAnonRmap(page, vma, addr, reused);
        swap.swapFree(offset);
        if (p.pageFlag(page, PageFlag.SWAPCACHE) && swap.vmSwapFull()) {
            swap.tryToFreeSwap(page);
        }
        if (write && !reused) {
            return c.call(unlockPage, WP, page);
        }
        c.set(FLAGS, reused ? VmFault.VM_FAULT_WRITE : 0);
        return c.call(unlockPage, DONE, page);
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR)) + " swap=" + Pte.swpOffset(f.local(ORIG));
    }
}
