package org.mmspec.ref.fault;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.bugs.BugId;
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
import org.mmspec.ref.swap.SwapDevice;
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
 *
 * <p>Later versions: first of all {@code get_swap_device()} (5.3, eb085574a752; the 5.13 percpu
 * reference): a reference that keeps {@code swapoff()} from freeing the device's {@code swap_map} under
 * the fault, dropped on the way out ({@code put_swap_device()}); if swapoff has begun tearing it down
 * the fault returns and is retried. With {@link BugId#SWAPOFF_RACE} the fault does without (4.x). On a
 * {@code SWP_SYNCHRONOUS_IO} device (4.15, 0bcac06f27d7), a page not in the swap cache whose slot only
 * this PTE holds skips the swap cache: a new locked page is read synchronously in the faulting task
 * ({@code swap_readpage(page, true)}: the device completes it at once, {@code page_endio()} unlocks), and
 * mapped as a new anonymous page. Context: {@code mmap_sem} for read.
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
    /** Bit 0: a {@code get_swap_device()} reference is held; bit 1: the page skipped the swap cache. */
    private static final int HELD = 6;
    private static final int RET = 7;

    private static final int HOLDS_DEVICE = 1;
    private static final int SKIPPED_CACHE = 2;

    private static final int GET_DEVICE = 0;
    private static final int ALLOCATED = 1;
    private static final int READ = 2;
    private static final int LOCK = 3;
    private static final int LOCKED = 4;
    private static final int INSTALL = 5;
    private static final int OUT = 6;
    private static final int WP = 7;
    private static final int AFTER_WP = 8;
    private static final int DONE = 9;
    private static final int LOOKUP = 10;
    private static final int EXIT = 11;
    private static final int SYNC_ALLOC = 12;
    private static final int SYNC_ALLOCATED = 13;
    private static final int SYNC_READ = 14;
    private static final int SYNC_END = 15;
    private static final int RELOCK = 16;

    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final Swap swap;
    private final PageLock pageLock;
    private final Vmas vmas;
    private final Mms mms;
    private final Rmap rmap;
    private final Bios bios;
    private final SwapDevice swapDevice;
    private final AllocPages allocPages;
    private final DoWpPage doWpPage;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;

    public DoSwapPage(Pages pages, Lru lru, PageTables pageTables, Swap swap, PageLock pageLock, Vmas vmas, Mms mms,
            Rmap rmap, Bios bios, SwapDevice swapDevice, AllocPages allocPages, DoWpPage doWpPage, LockPage lockPage,
            UnlockPage unlockPage) {
        super("do_swap_page", "get_swap_device", "read_swap_cache_async", "swap_readpage", "lock_page",
                "page_private_check", "set_pte_at", "out_page", "do_wp_page", "do_wp_page:done", "pte_unmap_unlock",
                "lookup_swap_cache", "put_swap_device", "skip_swapcache:alloc_page_vma", "skip_swapcache:prepare",
                "swap_readpage:bdev_read_page", "page_endio", "lock_page:again");
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.swap = swap;
        this.pageLock = pageLock;
        this.vmas = vmas;
        this.mms = mms;
        this.rmap = rmap;
        this.bios = bios;
        this.swapDevice = swapDevice;
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
            case GET_DEVICE -> {
                if (c.bug(BugId.SWAPOFF_RACE)) {
                    return c.next(LOOKUP);
                }
                if (!swapDevice.getSwapDevice()) {
                    return c.ret(0);
                }
                c.set(HELD, HOLDS_DEVICE);
                return c.yieldTo(LOOKUP);
            }
            case LOOKUP -> {
                int page = swap.lookupSwapCache(offset);
                if (page >= 0) {
                    c.set(PAGE, page);
                    return c.yieldTo(LOCK);
                }
                if (swap.swapMap(offset) == 0) {
                    return exit(c, 0);
                }
                if (swapDevice.synchronousIo() && swap.swapCount(offset) == 1) {
                    return c.yieldTo(SYNC_ALLOC);
                }
                return c.call(allocPages, ALLOCATED, Gfp.GFP_HIGHUSER_MOVABLE, 0);
            }
            case SYNC_ALLOC, SYNC_ALLOCATED, SYNC_READ, SYNC_END, RELOCK -> {
                return skipSwapcache(c, p, offset, pc);
            }
            case EXIT -> {
                swapDevice.putSwapDevice();
                return c.ret(c.local(RET));
            }
            case ALLOCATED -> {
                int page = c.result();
                if (page < 0) {
                    return exit(c, VmFault.VM_FAULT_OOM);
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
                boolean skipped = (c.local(HELD) & SKIPPED_CACHE) != 0;
                if (!skipped && (!p.pageFlag(page, PageFlag.SWAPCACHE) || p.pagePrivate(page) != offset)) {
                    return c.call(unlockPage, OUT, page);
                }
                return c.yieldTo(INSTALL);
            }
            case INSTALL -> {
                return install(c, p, swap, offset);
            }
            case OUT -> {
                lru.putPage(c.local(PAGE));
                return exit(c, 0);
            }
            case WP -> {
                int ptep = pageTables.pteOffsetMap(c.local(PMD), c.local(ADDR));
                return c.call(doWpPage, AFTER_WP, c.local(VMA), c.local(ADDR), ptep, pageTables.read(ptep));
            }
            case AFTER_WP -> {
                return exit(c, c.result());
            }
            case DONE -> {
                PageTables pt = pageTables;
                pt.pteUnmapUnlock(pt.pteOffsetMap(c.local(PMD), c.local(ADDR)));
                return exit(c, c.local(FLAGS));
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
        if ((c.local(HELD) & SKIPPED_CACHE) != 0) {
            rmap.pageAddNewAnonRmap(page, vma, addr);
        } else {
            rmap.pageAddAnonRmap(page, vma, addr, reused);
        }
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

    /** Returns {@code ret}, dropping the {@code get_swap_device()} reference in a step of its own. */
    private Flow exit(Ctx c, int ret) {
        if ((c.local(HELD) & HOLDS_DEVICE) == 0) {
            return c.ret(ret);
        }
        c.set(RET, ret);
        return c.yieldTo(EXIT);
    }

    /** The {@code SWP_SYNCHRONOUS_IO} path: read into a new page outside the swap cache, in this task. */
    private Flow skipSwapcache(Ctx c, Pages p, int offset, int pc) {
        int page = c.local(PAGE);
        switch (pc) {
            case SYNC_ALLOC -> {
                return c.call(allocPages, SYNC_ALLOCATED, Gfp.GFP_HIGHUSER_MOVABLE, 0);
            }
            case SYNC_ALLOCATED -> {
                int fresh = c.result();
                if (fresh < 0) {
                    return exit(c, VmFault.VM_FAULT_OOM);
                }
                pageLock.setNewPageLocked(fresh);
                p.setPageFlag(fresh, PageFlag.SWAPBACKED);
                p.setPagePrivate(fresh, offset);
                lru.lruCacheAdd(fresh);
                c.set(PAGE, fresh);
                c.set(HELD, c.local(HELD) | SKIPPED_CACHE);
                return c.yieldTo(SYNC_READ);
            }
            case SYNC_READ -> {
                p.setData(page, swap.data(offset));
                return c.yieldTo(SYNC_END);
            }
            case SYNC_END -> {
                p.setPageFlag(page, PageFlag.UPTODATE);
                p.setPagePrivate(page, 0);
                return c.call(unlockPage, RELOCK, page);
            }
            default -> {
                return c.yieldTo(LOCK);
            }
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR)) + " swap=" + Pte.swpOffset(f.local(ORIG));
    }
}
