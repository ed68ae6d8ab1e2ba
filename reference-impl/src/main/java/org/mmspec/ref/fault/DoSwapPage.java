package org.mmspec.ref.fault;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.FindGetPage;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.pageref.ReuseSwapPage;
import org.mmspec.ref.pageref.TryToFreeSwap;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.rmap.Rmap;
import org.mmspec.ref.swap.Swap;
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
 * {@code do_swap_page()} (mm/memory.c, Linux 4.9), action by action: the PTE holds a swap entry.
 * {@code lookup_swap_cache} ({@link FindGetPage} on the swap cache); if the page is not there, {@code
 * __read_swap_cache_async} (mm/swap_state.c): a new page, {@code swapcache_prepare} (under {@code
 * swap_lock}; another task already reading the slot in: look again), the new page locked and put in the
 * swap cache ({@code __add_to_swap_cache}, the radix tree under {@code tree_lock}), onto the LRU
 * ({@code lru_cache_add_anon}), filled by {@code swap_readpage} (one DMA transfer) and, at I/O completion,
 * {@code SetPageUptodate} and {@code unlock_page}. Then {@code lock_page_or_retry} ({@link LockPageOrRetry}:
 * when the page is locked and the fault may retry, {@code mmap_sem} is dropped, the fault waits for the page,
 * puts it and returns {@code VM_FAULT_RETRY}); the page must still cache this
 * entry; under the PTE lock, if the PTE is unchanged, map it (writable at once when a write finds it
 * exclusively ours, {@code reuse_swap_page}), {@code do_page_add_anon_rmap}, {@code activate_page} (the
 * pagevec drained at once), {@code swap_free}, {@code try_to_free_swap} if swap is over half full
 * ({@code vm_swap_full}), {@code unlock_page}; a write that could not reuse goes on to {@code
 * do_wp_page()} with the PTE lock still held. The lookup's reference becomes the PTE's. Context: {@code
 * mmap_sem} for read.
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
    private static final int NEW = 6;
    private static final int RET = 7;

    private static final int LOOKUP = 0;
    private static final int LOOKED = 1;
    private static final int ALLOC = 2;
    private static final int ALLOCATED = 3;
    private static final int PREPARE = 4;
    private static final int ADD = 5;
    private static final int LRU_ADD = 6;
    private static final int READ = 7;
    private static final int READ_UNLOCK = 8;
    private static final int LOCK_YIELD = 9;
    private static final int LOCK = 10;
    private static final int LOCKED = 11;
    private static final int INSTALL = 12;
    private static final int REUSED = 13;
    private static final int SET_PTE = 14;
    private static final int ACTIVATE = 15;
    private static final int SWAP_FREE = 16;
    private static final int SWAP_FULL = 17;
    private static final int FREE_SWAP = 18;
    private static final int UNLOCK = 19;
    private static final int UNLOCKED = 20;
    private static final int WP = 21;
    private static final int RETURN = 22;
    private static final int OUT_UNLOCK = 23;
    private static final int OUT_PUT = 24;
    private static final int RETURN_0 = 25;
    private static final int NOPAGE = 26;
    private static final int PUT_NEW = 27;
    private static final int NO_NEW = 28;
    private static final int FREED = 29;
    private static final int OUT_RELEASE = 30;
    private static final int RETRY_RELEASE = 31;
    private static final int RETRY_RETURN = 32;

    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final Swap swap;
    private final PageLock pageLock;
    private final Vmas vmas;
    private final Mms mms;
    private final Rmap rmap;
    private final Calls calls;

    /** The procedures {@code do_swap_page()} calls. */
    public record Calls(AllocPages allocPages, FindGetPage findGetPage, PutPage putPage, LockPageOrRetry lockPageOrRetry,
            UnlockPage unlockPage, ReuseSwapPage reuseSwapPage, TryToFreeSwap tryToFreeSwap, DoWpPage doWpPage) {
    }

    public DoSwapPage(Pages pages, Lru lru, PageTables pageTables, Swap swap, PageLock pageLock, Vmas vmas, Mms mms,
            Rmap rmap, Calls calls) {
        super("do_swap_page", "lookup_swap_cache", "lookup_swap_cache:done", "alloc_page_vma", "alloc_page_vma:done",
                "swapcache_prepare", "__add_to_swap_cache", "lru_cache_add_anon", "swap_readpage",
                "end_swap_bio_read:unlock_page", "unlock_page:done", "lock_page", "lock_page:done",
                "pte_offset_map_lock", "reuse_swap_page:done", "set_pte_at", "activate_page", "swap_free",
                "vm_swap_full", "try_to_free_swap", "unlock_page", "unlock_page:done(installed)", "do_wp_page",
                "return", "out_page:unlock_page", "unlock_page:done(out)", "return 0", "no page:pte_offset_map_lock",
                "put_page(new_page)", "put_page(new_page):done", "try_to_free_swap:done", "out_release:put_page",
                "lock_page_or_retry:failed put_page", "VM_FAULT_RETRY");
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.swap = swap;
        this.pageLock = pageLock;
        this.vmas = vmas;
        this.mms = mms;
        this.rmap = rmap;
        this.calls = calls;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int offset = Pte.swpOffset(c.local(ORIG));
        int page = c.local(PAGE);
        return switch (pc) {
            case LOOKUP -> c.call(calls.findGetPage(), LOOKED, -1, offset);
            case LOOKED -> looked(c);
            case ALLOC -> c.call(calls.allocPages(), ALLOCATED, Gfp.GFP_HIGHUSER_MOVABLE, 0);
            case ALLOCATED -> {
                int fresh = c.result();
                if (fresh < 0) {
                    yield c.yieldTo(NOPAGE);
                }
                c.set(NEW, fresh + 1);
                yield c.yieldTo(PREPARE);
            }
            case PREPARE -> {
                int err = swap.swapcachePrepare(offset);
                yield c.yieldTo(err == 0 ? ADD : err == -17 ? LOOKUP : PUT_NEW);
            }
            case PUT_NEW -> c.call(calls.putPage(), NO_NEW, c.local(NEW) - 1);
            case NO_NEW -> c.yieldTo(NOPAGE);
            case ADD -> {
                int fresh = c.local(NEW) - 1;
                pageLock.setNewPageLocked(fresh);
                pages.setPageFlagNonAtomic(fresh, PageFlag.SWAPBACKED);
                swap.addToSwapCacheGet(fresh, offset);
                swap.addToSwapCacheInsert(fresh, offset);
                yield c.yieldTo(LRU_ADD);
            }
            case LRU_ADD -> {
                int fresh = c.local(NEW) - 1;
                lru.lruCacheAdd(fresh);
                c.set(PAGE, fresh);
                c.set(NEW, 0);
                yield c.yieldTo(READ);
            }
            case READ -> {
                swap.readIn(offset, page);
                pages.setPageFlag(page, PageFlag.UPTODATE);
                yield c.yieldTo(READ_UNLOCK);
            }
            case READ_UNLOCK -> c.call(calls.unlockPage(), LOCK_YIELD, page);
            case LOCK_YIELD -> c.yieldTo(LOCK);
            case LOCK -> c.call(calls.lockPageOrRetry(), LOCKED, page, vmas.mmOf(c.local(VMA)), c.local(FLAGS));
            case LOCKED -> c.yieldTo(c.result() == 0 ? RETRY_RELEASE
                    : pages.pageFlag(page, PageFlag.SWAPCACHE) && pages.pagePrivate(page) == offset ? INSTALL : OUT_UNLOCK);
            case INSTALL -> install(c, page);
            case REUSED -> {
                c.set(RET, (c.result() & ReuseSwapPage.REUSE) != 0 ? VmFault.VM_FAULT_WRITE : 0);
                yield c.yieldTo(SET_PTE);
            }
            case SET_PTE -> setPte(c, page);
            default -> after(c, pc, page, offset);
        };
    }

    /** What {@code lookup_swap_cache} found: the page, or go and read it in. */
    private Flow looked(Ctx c) {
        int found = c.result();
        if (found < 0) {
            return c.yieldTo(c.local(NEW) != 0 ? PREPARE : ALLOC);
        }
        c.set(PAGE, found);
        if (c.local(NEW) != 0) {
            int leftover = c.local(NEW) - 1;
            c.set(NEW, 0);
            return c.call(calls.putPage(), LOCK_YIELD, leftover);
        }
        return c.yieldTo(LOCK);
    }

    /** Under the PTE lock: unchanged and up to date, the page is mapped; otherwise back out. */
    private Flow install(Ctx c, int page) {
        PageTables pt = pageTables;
        int ptep = pt.pteOffsetMapLock(c.local(PMD), c.local(ADDR));
        if (ptep < 0) {
            return Flow.BLOCK;
        }
        if (!Pte.pteSame(pt.read(ptep), c.local(ORIG)) || !pages.pageFlag(page, PageFlag.UPTODATE)) {
            pt.pteUnmapUnlock(ptep);
            return c.yieldTo(OUT_UNLOCK);
        }
        int mm = vmas.mmOf(c.local(VMA));
        mms.addMmCounter(mm, Mms.MM_ANONPAGES, 1);
        mms.addMmCounter(mm, Mms.MM_SWAPENTS, -1);
        c.set(RET, 0);
        if ((c.local(FLAGS) & VmFault.FAULT_FLAG_WRITE) != 0) {
            return c.call(calls.reuseSwapPage(), REUSED, page);
        }
        return setPte(c, page);
    }

    /** {@code set_pte_at} and {@code do_page_add_anon_rmap}. */
    private Flow setPte(Ctx c, int page) {
        int vma = c.local(VMA);
        int addr = c.local(ADDR);
        int pte = Pte.mkPte(page, vmas.vmPageProt(vma));
        boolean reused = c.local(RET) != 0;
        if (reused) {
            pte = VmFlags.maybeMkwrite(Pte.pteMkdirty(pte), vmas.vmFlags(vma));
        }
        PageTables pt = pageTables;
        pt.setPteAt(vmas.mmOf(vma), addr, pt.pteOffsetMap(c.local(PMD), addr), pte);
        rmap.pageAddAnonRmap(page, vma, addr, reused);
        return c.yieldTo(ACTIVATE);
    }

    private Flow after(Ctx c, int pc, int page, int offset) {
        return switch (pc) {
            case ACTIVATE -> {
                lru.activatePage(page);
                yield c.yieldTo(SWAP_FREE);
            }
            case SWAP_FREE -> {
                swap.swapFree(offset);
                yield c.yieldTo(SWAP_FULL);
            }
            case SWAP_FULL -> swap.vmSwapFull() ? c.yieldTo(FREE_SWAP) : c.yieldTo(UNLOCK);
            case FREE_SWAP -> c.call(calls.tryToFreeSwap(), FREED, page);
            case FREED -> c.yieldTo(UNLOCK);
            case UNLOCK -> c.call(calls.unlockPage(), UNLOCKED, page);
            case UNLOCKED -> {
                boolean write = (c.local(FLAGS) & VmFault.FAULT_FLAG_WRITE) != 0;
                if (write && c.local(RET) == 0) {
                    yield c.yieldTo(WP);
                }
                pageTables.pteUnmapUnlock(pageTables.pteOffsetMap(c.local(PMD), c.local(ADDR)));
                yield c.ret(c.local(RET));
            }
            case WP -> {
                int ptep = pageTables.pteOffsetMap(c.local(PMD), c.local(ADDR));
                yield c.call(calls.doWpPage(), RETURN, c.local(VMA), c.local(ADDR), ptep, pageTables.read(ptep));
            }
            case RETURN -> c.ret(c.result());
            case OUT_UNLOCK -> c.call(calls.unlockPage(), OUT_PUT, page);
            case OUT_PUT -> c.yieldTo(OUT_RELEASE);
            case OUT_RELEASE -> c.call(calls.putPage(), RETURN_0, page);
            case NOPAGE -> noPage(c);
            case RETURN_0 -> c.ret(0);
            case RETRY_RELEASE -> c.call(calls.putPage(), RETRY_RETURN, page);
            case RETRY_RETURN -> c.ret(VmFault.VM_FAULT_RETRY);
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 10, pc);
        };
    }

    /** No page could be had: under the PTE lock, {@code VM_FAULT_OOM} unless another thread dealt with the PTE. */
    private Flow noPage(Ctx c) {
        int ptep = pageTables.pteOffsetMapLock(c.local(PMD), c.local(ADDR));
        if (ptep < 0) {
            return Flow.BLOCK;
        }
        boolean same = Pte.pteSame(pageTables.read(ptep), c.local(ORIG));
        pageTables.pteUnmapUnlock(ptep);
        return c.ret(same ? VmFault.VM_FAULT_OOM : 0);
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR)) + " swap=" + Pte.swpOffset(f.local(ORIG));
    }
}
