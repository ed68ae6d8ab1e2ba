package org.mmspec.ref.swapfile;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.PageBitWaits;
import org.mmspec.ref.pagelock.UnlockPage;
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
 * 5.13 {@code si->users} teardown): under {@code swap_lock} the device stops handing out slots
 * ({@code SWP_WRITEOK} cleared); {@code try_to_unuse()} then walks every mm on the mmlist under
 * {@code mmap_sem} for read, and for each swap PTE of the device ({@code unuse_pte_range}, a lockless
 * look at the PTE): finds the page in the swap cache or reads it in ({@code read_swap_cache_async}),
 * locks it, waits for write-back, replaces the swap PTE by the page under the PTE lock if it is unchanged
 * ({@code unuse_pte}: the PTE's slot reference goes), {@code try_to_free_swap()}, unlocks and releases
 * it. Pages left in the swap cache are dropped the same way ({@code find_next_to_unuse}); while slots are
 * still in use it starts over. Then {@code percpu_ref_kill(&si->users)} and a wait until every
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
    static final int CACHE_LOOKUP = 16;
    static final int CHECK_INUSE = 17;
    static final int KILL = 18;
    static final int WAIT_USERS = 19;
    static final int UNLOCK = 20;

    private final SwapWalk walk;
    private final PageLock pageLock;
    private final Bios bios;
    private final AllocPages allocPages;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;
    private final PageBitWaits pageBitWaits;

    public Swapoff(SwapWalk walk, PageLock pageLock, Bios bios, AllocPages allocPages, LockPage lockPage,
            UnlockPage unlockPage, PageBitWaits pageBitWaits) {
        super("swapoff", "del_from_avail_list", "try_to_unuse:mmlist", "unuse_mm:mmap_read_lock", "unuse_pte_range",
                "lookup_swap_cache", "read_swap_cache_async", "swap_readpage", "lock_page", "lock_page:done",
                "wait_on_page_writeback", "wait_on_page_writeback:done", "unuse_pte", "try_to_free_swap",
                "unlock_page:done", "put_page", "find_next_to_unuse", "find_get_page", "si->inuse_pages",
                "percpu_ref_kill", "wait_for_completion", "unlock_page");
        this.walk = walk;
        this.pageLock = pageLock;
        this.bios = bios;
        this.allocPages = allocPages;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
        this.pageBitWaits = pageBitWaits;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        SwapWalk w = walk;
        int page = c.local(PAGE) - 1;
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
            case LOOKUP, CACHE_LOOKUP -> {
                return lookup(c, pc);
            }
            case ALLOCATED -> {
                return allocated(c);
            }
            case READ, LOCK, LOCKED, WAIT_WRITEBACK, WRITEBACK_DONE, UNUSE, FREE_SWAP, UNLOCK, UNLOCKED -> {
                return bringBack(c, pc, page);
            }
            case PUT, CACHE_SCAN, CHECK_INUSE, KILL, WAIT_USERS -> {
                return finish(c, pc);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 44, pc);
        }
    }

    /**
     * One page brought back: its read submitted, then locked, write-back waited for, the PTE replaced
     * (while walking the mms), the swap-cache copy dropped, unlocked.
     */
    private Flow bringBack(Ctx c, int pc, int page) {
        switch (pc) {
            case READ -> {
                if (!bios.submit(Bios.SWAP_READ, page, c.local(OFFSET), -1)) {
                    return c.block(BlockKind.REQUEST_QUEUE, page, 0);
                }
                c.released(LockClass.PAGE_LOCK);
                return c.yieldTo(LOCK);
            }
            case LOCK -> {
                return c.call(lockPage, LOCKED, page, 0);
            }
            case LOCKED -> {
                return c.yieldTo(WAIT_WRITEBACK);
            }
            case WAIT_WRITEBACK -> {
                return c.call(pageBitWaits, WRITEBACK_DONE, page, PageFlag.WRITEBACK.bit());
            }
            case WRITEBACK_DONE -> {
                return c.yieldTo(c.local(SWEEP) == 0 ? UNUSE : FREE_SWAP);
            }
            case UNUSE -> {
                if (!walk.unusePte(c.local(MM), c.local(ADDR), c.local(OFFSET), page)) {
                    return Flow.BLOCK;
                }
                return c.yieldTo(FREE_SWAP);
            }
            case FREE_SWAP -> {
                walk.tryToFreeSwap(page);
                return c.yieldTo(UNLOCK);
            }
            case UNLOCK -> {
                return c.call(unlockPage, UNLOCKED, page);
            }
            default -> {
                return c.yieldTo(PUT);
            }
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

    /** {@code lookup_swap_cache()}; on a miss (while walking the mms), the page is read in. */
    private Flow lookup(Ctx c, int pc) {
        int page = walk.lookupSwapCache(c.local(OFFSET));
        if (page >= 0) {
            c.set(PAGE, page + 1);
            return c.yieldTo(LOCK);
        }
        if (pc == CACHE_LOOKUP || !walk.slotInUse(c.local(OFFSET))) {
            return next(c);
        }
        return c.call(allocPages, ALLOCATED, Gfp.GFP_HIGHUSER_MOVABLE, 0);
    }

    private Flow allocated(Ctx c) {
        int page = c.result();
        SwapWalk w = walk;
        if (page < 0) {
            w.unlockMm(c.local(MM));
            w.abortSwapoff();
            return c.ret(ENOMEM);
        }
        if (!w.addToSwapCacheIfAbsent(page, c.local(OFFSET), pageLock)) {
            return c.yieldTo(LOOKUP);
        }
        c.set(PAGE, page + 1);
        return c.yieldTo(READ);
    }

    /** Releasing the page, the swap-cache sweep, the teardown. */
    private Flow finish(Ctx c, int pc) {
        SwapWalk w = walk;
        switch (pc) {
            case PUT -> {
                w.putPage(c.local(PAGE) - 1);
                c.set(PAGE, 0);
                return next(c);
            }
            case CACHE_SCAN -> {
                int offset = c.local(OFFSET);
                if (offset > w.slots()) {
                    return c.yieldTo(CHECK_INUSE);
                }
                if (w.cachedSlot(offset)) {
                    return c.yieldTo(CACHE_LOOKUP);
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
            default -> {
                if (w.users() > 0) {
                    return c.block(BlockKind.SWAP_USERS, w.users(), 0);
                }
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
