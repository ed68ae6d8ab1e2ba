package org.mmspec.ref.swapfile;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.PageBitWaits;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.FindGetPage;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.pageref.TryToFreeSwap;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code swapoff()} (mm/swapfile.c; {@code try_to_unuse()} as rewritten in 5.1, b56a2d8af914, with the
 * 5.13 {@code si->users} teardown), action by action: under {@code swap_lock} the device stops handing out
 * slots ({@code SWP_WRITEOK} cleared); {@code try_to_unuse()} then walks every mm on the mmlist under
 * {@code mmap_sem} for read, and for each swap PTE of the device ({@code unuse_pte_range}, a lockless look
 * at the PTE): finds the page in the swap cache ({@link FindGetPage}) or reads it in ({@code
 * read_swap_cache_async}: {@code swapcache_prepare}, a new locked page into the swap cache and onto the
 * LRU, the read submitted), locks it, waits for write-back, and under the PTE lock replaces the swap PTE by
 * the page if it is unchanged ({@code unuse_pte}: {@code get_page}, {@code set_pte_at} and {@code
 * page_add_anon_rmap}, then {@code swap_free}, each an action); {@code try_to_free_swap()}; unlocks and
 * puts it. Pages left in the swap cache are dropped the same way ({@code find_next_to_unuse}); while
 * slots are still in use it starts over. Then {@code percpu_ref_kill(&si->users)} and a wait until every
 * {@code get_swap_device()} holder has let go; only then is {@code swap_map} freed and the device gone.
 * Context: process; may sleep.
 *
 * <p>Returns 0, {@code -EINVAL} (no swap device), or {@code -ENOMEM}.
 */
public final class Swapoff extends Procedure {

    public static final int EINVAL = -22;
    public static final int ENOMEM = -12;

    private static final int MM = 0;
    private static final int ADDR = 1;
    private static final int OFFSET = 2;
    /** The page being brought back, pfn + 1. */
    private static final int PAGE = 3;
    /** 0 while walking the mms, 1 while sweeping the swap cache. */
    private static final int SWEEP = 4;

    static final int START = 0;
    static final int NEXT_MM = 1;
    static final int LOCK_MM = 2;
    static final int SCAN = 3;
    static final int LOOKUP = 4;
    static final int ALLOCATED = 5;
    static final int READ = 6;
    static final int LOCK = 7;
    static final int LOCKED = 8;
    static final int WAIT_WRITEBACK = 9;
    static final int WRITEBACK_DONE = 10;
    static final int UNUSE = 11;
    static final int FREE_SWAP = 12;
    static final int UNLOCKED = 13;
    static final int PUT = 14;
    static final int CACHE_SCAN = 15;
    static final int LOOKED = 16;
    static final int CHECK_INUSE = 17;
    static final int KILL = 18;
    static final int WAIT_USERS = 19;
    static final int UNLOCK = 20;
    static final int SLOT_CHECK = 21;
    static final int PREPARE = 22;
    static final int ADD = 23;
    static final int LRU_ADD = 24;
    static final int UNUSE_MAP = 25;
    static final int UNUSE_FREE = 26;
    static final int SWAP_FREED = 27;
    static final int PUT_DONE = 28;
    static final int ABORT = 29;
    static final int DESTROY = 30;
    static final int PUT_RETRY = 31;
    static final int ALLOC = 32;

    private final SwapWalk walk;
    private final PageLock pageLock;
    private final Bios bios;
    private final Calls calls;

    /** The procedures {@code swapoff()} calls. */
    public record Calls(AllocPages allocPages, FindGetPage findGetPage, LockPage lockPage, UnlockPage unlockPage,
            PageBitWaits pageBitWaits, TryToFreeSwap tryToFreeSwap, PutPage putPage) {
    }

    public Swapoff(SwapWalk walk, PageLock pageLock, Bios bios, Calls calls) {
        super("swapoff", "del_from_avail_list", "try_to_unuse:mmlist", "unuse_mm:mmap_read_lock", "unuse_pte_range",
                "lookup_swap_cache", "read_swap_cache_async:alloc_page:done", "swap_readpage", "lock_page",
                "lock_page:done", "wait_on_page_writeback", "wait_on_page_writeback:done", "unuse_pte",
                "try_to_free_swap", "unlock_page:done", "put_page", "find_next_to_unuse", "lookup_swap_cache:done",
                "si->inuse_pages", "percpu_ref_kill", "wait_for_completion", "unlock_page",
                "read_swap_cache_async:swap_map", "swapcache_prepare", "__add_to_swap_cache", "lru_cache_add_anon",
                "unuse_pte:set_pte_at", "unuse_pte:swap_free", "try_to_free_swap:done", "put_page:done",
                "reinsert_swap_info", "swap_map freed", "put_page(retry)", "read_swap_cache_async:alloc_page");
        this.walk = walk;
        this.pageLock = pageLock;
        this.bios = bios;
        this.calls = calls;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        SwapWalk w = walk;
        switch (pc) {
            case START -> {
                if (!w.startSwapoff()) {
                    return c.ret(EINVAL);
                }
                c.set(MM, 1);
                return c.yieldTo(NEXT_MM);
            }
            case NEXT_MM -> {
                int mm = w.nextMm(c.local(MM));
                if (mm < 0) {
                    c.set(SWEEP, 1);
                    c.set(OFFSET, 1);
                    return c.yieldTo(CACHE_SCAN);
                }
                c.set(MM, mm);
                return c.yieldTo(LOCK_MM);
            }
            case LOCK_MM -> {
                if (!w.lockMm(c.local(MM))) {
                    return Flow.BLOCK;
                }
                c.set(ADDR, 0);
                return c.yieldTo(SCAN);
            }
            case SCAN -> {
                return scan(c);
            }
            case LOOKUP -> {
                return c.call(calls.findGetPage(), LOOKED, -1, c.local(OFFSET));
            }
            case LOOKED, SLOT_CHECK, ALLOC, ALLOCATED, PREPARE, ADD, LRU_ADD, ABORT, PUT_RETRY -> {
                return readSwapCache(c, pc);
            }
            case PUT, PUT_DONE, CACHE_SCAN, CHECK_INUSE, KILL, WAIT_USERS, DESTROY -> {
                return finish(c, pc);
            }
            default -> {
                return bringBack(c, pc, c.local(PAGE) - 1);
            }
        }
    }

    /**
     * {@code read_swap_cache_async()} after a swap-cache miss (while walking the mms; the sweep only looks at
     * cached slots): a new page, {@code swapcache_prepare} (another task already reading the slot in: look
     * again; the entry freed: on to the next), the page locked into the swap cache and onto the LRU.
     */
    private Flow readSwapCache(Ctx c, int pc) {
        SwapWalk w = walk;
        int offset = c.local(OFFSET);
        int page = c.local(PAGE) - 1;
        switch (pc) {
            case LOOKED -> {
                if (c.result() >= 0) {
                    c.set(PAGE, c.result() + 1);
                    return c.yieldTo(LOCK);
                }
                return c.local(SWEEP) != 0 ? next(c) : c.yieldTo(SLOT_CHECK);
            }
            case SLOT_CHECK -> {
                return w.slotInUse(offset) ? c.yieldTo(ALLOC) : next(c);
            }
            case ALLOC -> {
                return c.call(calls.allocPages(), ALLOCATED, Gfp.GFP_HIGHUSER_MOVABLE, 0);
            }
            case ALLOCATED -> {
                if (c.result() < 0) {
                    w.unlockMm(c.local(MM));
                    return c.yieldTo(ABORT);
                }
                c.set(PAGE, c.result() + 1);
                return c.yieldTo(PREPARE);
            }
            case ABORT -> {
                w.abortSwapoff();
                return c.ret(ENOMEM);
            }
            case PREPARE -> {
                int err = w.swapcachePrepare(offset);
                if (err == 0) {
                    return c.yieldTo(ADD);
                }
                c.set(SWEEP, err == -17 ? 0 : SKIP);
                return c.call(calls.putPage(), PUT_RETRY, page);
            }
            case PUT_RETRY -> {
                c.set(PAGE, 0);
                if (c.local(SWEEP) == SKIP) {
                    c.set(SWEEP, 0);
                    return next(c);
                }
                return c.yieldTo(LOOKUP);
            }
            case ADD -> {
                pageLock.setNewPageLocked(page);
                w.addToSwapCache(page, offset);
                return c.yieldTo(LRU_ADD);
            }
            default -> {
                w.lruCacheAdd(page);
                return c.yieldTo(READ);
            }
        }
    }

    /** {@link #SWEEP} while a page of a freed entry is put: go on to the next PTE afterwards. */
    private static final int SKIP = 2;

    /**
     * One page brought back: its read submitted, then locked, write-back waited for, the PTE replaced
     * (while walking the mms), the swap-cache copy dropped, unlocked.
     */
    private Flow bringBack(Ctx c, int pc, int page) {
        SwapWalk w = walk;
        switch (pc) {
            case READ -> {
                if (!bios.submit(Bios.SWAP_READ, page, c.local(OFFSET), -1)) {
                    return c.block(BlockKind.REQUEST_QUEUE, page, 0);
                }
                c.released(LockClass.PAGE_LOCK);
                return c.yieldTo(LOCK);
            }
            case LOCK -> {
                return c.call(calls.lockPage(), LOCKED, page, 0);
            }
            case LOCKED -> {
                return c.yieldTo(WAIT_WRITEBACK);
            }
            case WAIT_WRITEBACK -> {
                return c.call(calls.pageBitWaits(), WRITEBACK_DONE, page, PageFlag.WRITEBACK.bit());
            }
            case WRITEBACK_DONE -> {
                return c.yieldTo(c.local(SWEEP) == 0 ? UNUSE : FREE_SWAP);
            }
            case UNUSE -> {
                int taken = w.unusePteBegin(c.local(MM), c.local(ADDR), c.local(OFFSET), page);
                if (taken < 0) {
                    return Flow.BLOCK;
                }
                return c.yieldTo(taken == 0 ? FREE_SWAP : UNUSE_MAP);
            }
            case UNUSE_MAP -> {
                w.unusePteMap(c.local(MM), c.local(ADDR), page);
                return c.yieldTo(UNUSE_FREE);
            }
            case UNUSE_FREE -> {
                w.unusePteEnd(c.local(MM), c.local(ADDR), c.local(OFFSET));
                return c.yieldTo(FREE_SWAP);
            }
            case FREE_SWAP -> {
                return c.call(calls.tryToFreeSwap(), SWAP_FREED, page);
            }
            case SWAP_FREED -> {
                return c.yieldTo(UNLOCK);
            }
            case UNLOCK -> {
                return c.call(calls.unlockPage(), UNLOCKED, page);
            }
            case UNLOCKED -> {
                return c.yieldTo(PUT);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 44, pc);
        }
    }

    /** {@code unuse_pte_range()}: the next swap PTE of the device in the mm, or on to the next mm. */
    private Flow scan(Ctx c) {
        SwapWalk w = walk;
        int mm = c.local(MM);
        int addr = w.nextAnonAddress(mm, c.local(ADDR));
        if (addr < 0) {
            w.unlockMm(mm);
            c.set(MM, mm + 1);
            return c.yieldTo(NEXT_MM);
        }
        c.set(ADDR, addr);
        int offset = w.swapOffsetAt(mm, addr);
        if (offset <= 0) {
            c.set(ADDR, addr + SwapWalk.PAGE);
            return c.yieldTo(SCAN);
        }
        c.set(OFFSET, offset);
        return c.yieldTo(LOOKUP);
    }

    /** Releasing the page, the swap-cache sweep, the teardown. */
    private Flow finish(Ctx c, int pc) {
        SwapWalk w = walk;
        switch (pc) {
            case PUT -> {
                return c.call(calls.putPage(), PUT_DONE, c.local(PAGE) - 1);
            }
            case PUT_DONE -> {
                c.set(PAGE, 0);
                return next(c);
            }
            case CACHE_SCAN -> {
                int offset = c.local(OFFSET);
                if (offset > w.slots()) {
                    return c.yieldTo(CHECK_INUSE);
                }
                if (w.cachedSlot(offset)) {
                    return c.yieldTo(LOOKUP);
                }
                c.set(OFFSET, offset + 1);
                return c.yieldTo(CACHE_SCAN);
            }
            case CHECK_INUSE -> {
                if (w.inusePages()) {
                    c.set(SWEEP, 0);
                    c.set(MM, 1);
                    return c.yieldTo(NEXT_MM);
                }
                return c.yieldTo(KILL);
            }
            case KILL -> {
                w.killUsers();
                return c.yieldTo(WAIT_USERS);
            }
            case WAIT_USERS -> {
                int users = w.users();
                if (users > 0) {
                    return c.block(BlockKind.SWAP_USERS, users, 0);
                }
                return c.yieldTo(DESTROY);
            }
            default -> {
                w.destroy();
                return c.ret(0);
            }
        }
    }

    /** On to the next PTE (walking the mms) or the next slot (sweeping the swap cache). */
    private Flow next(Ctx c) {
        if (c.local(SWEEP) == 0) {
            c.set(ADDR, c.local(ADDR) + SwapWalk.PAGE);
            return c.yieldTo(SCAN);
        }
        c.set(OFFSET, c.local(OFFSET) + 1);
        return c.yieldTo(CACHE_SCAN);
    }

    @Override
    protected String detail(FrameView f) {
        return (f.local(SWEEP) == 0 ? "mm" + f.local(MM) + " addr=0x" + Integer.toHexString(f.local(ADDR)) : "swap cache")
                + (f.local(OFFSET) > 0 ? " swap=" + f.local(OFFSET) : "");
    }
}
