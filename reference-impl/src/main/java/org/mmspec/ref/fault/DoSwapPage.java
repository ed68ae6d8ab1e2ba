package org.mmspec.ref.fault;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.bugs.BugId;
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
 * {@code do_swap_page()} (mm/memory.c, Linux 4.9), action by action: the PTE holds a swap entry.
 * {@code lookup_swap_cache} ({@link FindGetPage} on the swap cache); if the page is not there, {@code
 * __read_swap_cache_async} (mm/swap_state.c): a new page, {@code swapcache_prepare} (under {@code
 * swap_lock}; another task already reading the slot in: look again), the new page locked and put in the
 * swap cache ({@code __add_to_swap_cache}, the radix tree under {@code tree_lock}), onto the LRU
 * ({@code lru_cache_add_anon}); {@code swap_readpage} submits the read, which the I/O completion context
 * finishes ({@code SetPageUptodate}, {@code unlock_page}). Then {@code lock_page_or_retry} ({@link
 * LockPageOrRetry}: when the page is locked and the fault may retry, {@code mmap_sem} is dropped, the fault
 * waits for the page, puts it and returns {@code VM_FAULT_RETRY}) — waiting for the read; the page must
 * still cache this
 * entry; under the PTE lock, if the PTE is unchanged, map it (writable at once when a write finds it
 * exclusively ours, {@code reuse_swap_page}), {@code do_page_add_anon_rmap}, {@code activate_page} (the
 * pagevec drained at once), {@code swap_free}, {@code try_to_free_swap} if swap is over half full
 * ({@code vm_swap_full}), {@code unlock_page}; a write that could not reuse goes on to {@code
 * do_wp_page()} with the PTE lock still held. The lookup's reference becomes the PTE's.
 *
 * <p>Later versions: first of all {@code get_swap_device()} (5.3, eb085574a752; the 5.13 percpu
 * reference): a reference that keeps {@code swapoff()} from freeing the device's {@code swap_map} under
 * the fault, dropped on the way out ({@code put_swap_device()}); if swapoff has begun tearing it down
 * the fault returns and is retried. With {@link BugId#SWAPOFF_RACE} the fault does without (4.x). On a
 * {@code SWP_SYNCHRONOUS_IO} device (4.15, 0bcac06f27d7), a page not in the swap cache whose slot only
 * this PTE holds ({@code __swap_count() == 1}, a racy read) skips the swap cache: a new locked page is read
 * synchronously in the faulting task ({@code swap_readpage(page, true)}: the device completes it at once,
 * {@code page_endio()} sets it up to date and unlocks it), locked again and mapped as a new anonymous page.
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
    private static final int NEW = 6;
    private static final int RET = 7;

    /** {@link #FLAGS} bits above the fault flags: a {@code get_swap_device()} reference is held. */
    private static final int HOLDS_DEVICE = 1 << 24;
    /** {@link #FLAGS}: the page skipped the swap cache ({@code SWP_SYNCHRONOUS_IO}). */
    private static final int SKIPPED_CACHE = 1 << 25;

    private static final int GET_DEVICE = 0;
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
    private static final int LOOKUP = 31;
    private static final int EXIT = 32;
    private static final int SYNC_CHECK = 33;
    private static final int SYNC_ALLOC = 34;
    private static final int SYNC_ALLOCATED = 35;
    private static final int SYNC_READ = 36;
    private static final int SYNC_END = 37;
    private static final int SYNC_UNLOCK = 38;
    private static final int SYNC_LRU = 40;
    private static final int RELOCK = 39;
    private static final int RETRY_RELEASE = 41;
    private static final int RETRY_RETURN = 42;

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
    private final Calls calls;

    /** The procedures {@code do_swap_page()} calls. */
    public record Calls(AllocPages allocPages, FindGetPage findGetPage, PutPage putPage, LockPageOrRetry lockPageOrRetry,
            UnlockPage unlockPage, ReuseSwapPage reuseSwapPage, TryToFreeSwap tryToFreeSwap, DoWpPage doWpPage) {
    }

    public DoSwapPage(Pages pages, Lru lru, PageTables pageTables, Swap swap, PageLock pageLock, Vmas vmas, Mms mms,
            Rmap rmap, Bios bios, SwapDevice swapDevice, Calls calls) {
        super("do_swap_page", "get_swap_device", "lookup_swap_cache:done", "alloc_page_vma", "alloc_page_vma:done",
                "swapcache_prepare", "__add_to_swap_cache", "lru_cache_add_anon", "swap_readpage",
                "end_swap_bio_read:unlock_page", "unlock_page:done", "lock_page", "lock_page:done",
                "pte_offset_map_lock", "reuse_swap_page:done", "set_pte_at", "activate_page", "swap_free",
                "vm_swap_full", "try_to_free_swap", "unlock_page", "unlock_page:done(installed)", "do_wp_page",
                "return", "out_page:unlock_page", "unlock_page:done(out)", "return 0", "no page:pte_offset_map_lock",
                "put_page(new_page)", "put_page(new_page):done", "try_to_free_swap:done", "out_release:put_page",
                "lookup_swap_cache", "put_swap_device", "skip_swapcache:__swap_count", "skip_swapcache:alloc_page_vma",
                "skip_swapcache:alloc_page_vma:done", "swap_readpage:bdev_read_page", "page_endio:SetPageUptodate",
                "page_endio:unlock_page", "unlock_page:done(sync)", "skip_swapcache:lru_cache_add_anon",
                "lock_page_or_retry:failed put_page", "VM_FAULT_RETRY");
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
        this.calls = calls;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int offset = Pte.swpOffset(c.local(ORIG));
        int page = c.local(PAGE);
        return switch (pc) {
            case GET_DEVICE -> {
                if (c.bug(BugId.SWAPOFF_RACE)) {
                    yield c.next(LOOKUP);
                }
                if (!swapDevice.getSwapDevice()) {
                    yield c.ret(0);
                }
                c.set(FLAGS, c.local(FLAGS) | HOLDS_DEVICE);
                yield c.yieldTo(LOOKUP);
            }
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
                // swap_readpage(): the read completes in the I/O context, which unlocks the page
                if (!bios.submit(Bios.SWAP_READ, page, offset, -1)) {
                    yield c.block(BlockKind.REQUEST_QUEUE, page, 0);
                }
                c.released(LockClass.PAGE_LOCK);
                yield c.yieldTo(LOCK);
            }
            case READ_UNLOCK -> c.call(calls.unlockPage(), LOCK_YIELD, page);
            case LOCK_YIELD -> c.yieldTo(LOCK);
            case LOCK -> c.call(calls.lockPageOrRetry(), LOCKED, page, vmas.mmOf(c.local(VMA)), c.local(FLAGS) & 0xFFFF);
            case LOCKED -> c.yieldTo(c.result() == 0 ? RETRY_RELEASE : (c.local(FLAGS) & SKIPPED_CACHE) != 0
                    || pages.pageFlag(page, PageFlag.SWAPCACHE) && pages.pagePrivate(page) == offset ? INSTALL : OUT_UNLOCK);
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
            if (c.local(NEW) == 0 && swapDevice.synchronousIo()) {
                return c.yieldTo(SYNC_CHECK);
            }
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
        // a page that skipped the swap cache is new to the rmap: page_add_new_anon_rmap()'s effect
        rmap.pageAddAnonRmap(page, vma, addr, reused || (c.local(FLAGS) & SKIPPED_CACHE) != 0);
        return c.yieldTo(ACTIVATE);
    }

    private Flow after(Ctx c, int pc, int page, int offset) {
        return switch (pc) {
            case ACTIVATE -> {
                lru.moves().activatePage(page);
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
                yield exit(c, c.local(RET));
            }
            case WP -> {
                int ptep = pageTables.pteOffsetMap(c.local(PMD), c.local(ADDR));
                yield c.call(calls.doWpPage(), RETURN, c.local(VMA), c.local(ADDR), ptep, pageTables.read(ptep));
            }
            case RETURN -> exit(c, c.result());
            case OUT_UNLOCK -> c.call(calls.unlockPage(), OUT_PUT, page);
            case OUT_PUT -> c.yieldTo(OUT_RELEASE);
            case OUT_RELEASE -> c.call(calls.putPage(), RETURN_0, page);
            case NOPAGE -> noPage(c);
            case RETURN_0 -> exit(c, 0);
            case RETRY_RELEASE -> c.call(calls.putPage(), RETRY_RETURN, page);
            case RETRY_RETURN -> exit(c, VmFault.VM_FAULT_RETRY);
            case EXIT -> {
                swapDevice.putSwapDevice();
                yield c.ret(c.local(RET));
            }
            default -> skipSwapcache(c, pc, page, offset);
        };
    }

    /** Returns {@code ret}, dropping the {@code get_swap_device()} reference in an action of its own. */
    private Flow exit(Ctx c, int ret) {
        if ((c.local(FLAGS) & HOLDS_DEVICE) == 0) {
            return c.ret(ret);
        }
        c.set(RET, ret);
        return c.yieldTo(EXIT);
    }

    /** The {@code SWP_SYNCHRONOUS_IO} path: read into a new page outside the swap cache, in this task. */
    private Flow skipSwapcache(Ctx c, int pc, int page, int offset) {
        return switch (pc) {
            case SYNC_CHECK -> c.yieldTo(swap.swapCountRacy(offset) == 1 ? SYNC_ALLOC : ALLOC);
            case SYNC_ALLOC -> c.call(calls.allocPages(), SYNC_ALLOCATED, Gfp.GFP_HIGHUSER_MOVABLE, 0);
            case SYNC_ALLOCATED -> {
                int fresh = c.result();
                if (fresh < 0) {
                    yield c.yieldTo(NOPAGE);
                }
                pageLock.setNewPageLocked(fresh);
                pages.setPageFlagNonAtomic(fresh, PageFlag.SWAPBACKED);
                pages.setPagePrivate(fresh, offset);
                c.set(PAGE, fresh);
                c.set(FLAGS, c.local(FLAGS) | SKIPPED_CACHE);
                yield c.yieldTo(SYNC_LRU);
            }
            case SYNC_LRU -> {
                lru.lruCacheAdd(page);
                yield c.yieldTo(SYNC_READ);
            }
            case SYNC_READ -> {
                swap.readIn(offset, page);
                yield c.yieldTo(SYNC_END);
            }
            case SYNC_END -> {
                pages.setPageFlag(page, PageFlag.UPTODATE);
                pages.setPagePrivate(page, 0);
                yield c.yieldTo(SYNC_UNLOCK);
            }
            case SYNC_UNLOCK -> c.call(calls.unlockPage(), RELOCK, page);
            case RELOCK -> c.yieldTo(LOCK);
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
        return exit(c, same ? VmFault.VM_FAULT_OOM : 0);
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR)) + " swap=" + Pte.swpOffset(f.local(ORIG));
    }
}
