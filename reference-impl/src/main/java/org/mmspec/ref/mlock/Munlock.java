package org.mmspec.ref.mlock;

import org.mmspec.ref.gup.Foll;
import org.mmspec.ref.gup.FollowPage;
import org.mmspec.ref.mmap.Mmap;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code munlock(start, len)} (mm/mlock.c, Linux 4.9), action by action: under {@code mmap_sem} for write,
 * {@code mlock_fixup()} clears {@code VM_LOCKED} and {@code munlock_vma_pages_range()} walks the range:
 * each mapped page ({@code follow_page_mask(FOLL_GET | FOLL_DUMP)}) is locked ({@code lock_page}),
 * {@link MunlockVmaPage munlock_vma_page}d — {@code PG_mlocked} cleared, the page off the unevictable list,
 * {@code try_to_munlock()} when another mapping may still be {@code VM_LOCKED}, and put back on the list it
 * now belongs to — unlocked and put. The kernel batches the pages in a pagevec ({@code __munlock_pagevec}:
 * the flag and the isolation first, then the page lock per page); the model takes them one at a time in the
 * order {@code munlock_vma_page} uses. Context: process.
 *
 * <p>Arguments: mm, start, len. Returns 0, {@code -EINVAL} or {@code -ENOMEM}.
 */
public final class Munlock extends Procedure {

    private static final int MM = 0;
    private static final int START = 1;
    private static final int LEN = 2;
    private static final int CURSOR = 3;
    private static final int PAGE = 4;

    private static final int DOWN_WRITE = 0;
    private static final int NEXT = 1;
    private static final int FOLLOWED = 2;
    private static final int LOCK = 3;
    private static final int LOCKED = 4;
    private static final int MUNLOCK = 5;
    private static final int MUNLOCKED = 6;
    private static final int UNLOCK = 7;
    private static final int UNLOCKED = 8;
    private static final int PUT = 9;
    private static final int PUT_DONE = 10;

    private final Vmas vmas;
    private final Mms mms;
    private final Mmap mmap;
    private final FollowPage followPage;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;
    private final PutPage putPage;
    private final MunlockVmaPage munlockVmaPage;

    public Munlock(Vmas vmas, Mms mms, Mmap mmap, FollowPage followPage, LockPage lockPage, UnlockPage unlockPage,
            PutPage putPage, MunlockVmaPage munlockVmaPage) {
        super("munlock", "mlock_fixup", "munlock_vma_pages_range", "follow_page_mask:done", "lock_page",
                "lock_page:done", "munlock_vma_page", "munlock_vma_page:done", "unlock_page", "unlock_page:done",
                "put_page", "put_page:done");
        this.vmas = vmas;
        this.mms = mms;
        this.mmap = mmap;
        this.followPage = followPage;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
        this.putPage = putPage;
        this.munlockVmaPage = munlockVmaPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int mm = c.local(MM);
        int start = c.local(START);
        int end = start + Geometry.pageAlign(c.local(LEN));
        int page = c.local(PAGE);
        return switch (pc) {
            case DOWN_WRITE -> fixup(c, mm, start, end);
            case NEXT -> {
                int addr = c.local(CURSOR);
                if (addr >= end) {
                    mms.upWrite(mm);
                    yield c.ret(0);
                }
                yield c.call(followPage, FOLLOWED, vmas.findVma(mm, addr), addr, Foll.FOLL_GET | Foll.FOLL_DUMP);
            }
            case FOLLOWED -> {
                if (c.result() < 0) {
                    c.set(CURSOR, c.local(CURSOR) + Geometry.PAGE_SIZE);
                    yield c.yieldTo(NEXT);
                }
                c.set(PAGE, c.result());
                yield c.yieldTo(LOCK);
            }
            case LOCK -> c.call(lockPage, LOCKED, page, 0);
            case LOCKED -> c.yieldTo(MUNLOCK);
            case MUNLOCK -> c.call(munlockVmaPage, MUNLOCKED, page);
            case MUNLOCKED -> c.yieldTo(UNLOCK);
            case UNLOCK -> c.call(unlockPage, UNLOCKED, page);
            case UNLOCKED -> c.yieldTo(PUT);
            case PUT -> c.call(putPage, PUT_DONE, page);
            case PUT_DONE -> {
                c.set(PAGE, 0);
                c.set(CURSOR, c.local(CURSOR) + Geometry.PAGE_SIZE);
                yield c.yieldTo(NEXT);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 32, pc);
        };
    }

    /** {@code down_write(mmap_sem)} and {@code mlock_fixup()}: {@code VM_LOCKED} cleared on the range. */
    private Flow fixup(Ctx c, int mm, int start, int end) {
        if (!Geometry.isPageAligned(start) || c.local(LEN) <= 0) {
            return c.ret(Mmap.EINVAL);
        }
        if (!mms.downWrite(mm)) {
            return Flow.BLOCK;
        }
        int err = MlockFixup.apply(vmas, mmap, mm, start, end, false);
        if (err != 0) {
            mms.upWrite(mm);
            return c.ret(err);
        }
        c.set(CURSOR, start);
        return c.yieldTo(NEXT);
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " 0x" + Integer.toHexString(f.local(START)) + "+0x" + Integer.toHexString(f.local(LEN))
                + (f.local(PAGE) != 0 ? " pfn=" + f.local(PAGE) : "");
    }
}
