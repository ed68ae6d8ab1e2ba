package org.mmspec.ref.mlock;

import org.mmspec.ref.gup.Foll;
import org.mmspec.ref.gup.FollowPage;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mmap.Mmap;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.rmapwalk.RmapWalk;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code munlock(start, len)} (mm/mlock.c, Linux 4.9): under {@code mmap_sem} for write,
 * {@code mlock_fixup()} clears {@code VM_LOCKED} and {@code munlock_vma_pages_range()} walks the range:
 * each mapped page ({@code follow_page_mask(FOLL_GET | FOLL_DUMP)}) is locked and
 * {@code munlock_vma_page()}d — under {@code lru_lock}, {@code PG_mlocked} is cleared and the page taken
 * off the unevictable list (if someone else has it isolated, they put it back); if another mapping may
 * still be {@code VM_LOCKED} ({@code page_mapcount > 1}), {@code try_to_munlock()} asks the rmap, which
 * mlocks it again; then {@code putback_lru_page()} puts it on the list it now belongs to. The kernel
 * batches the pages in a pagevec; the model takes them one at a time. Context: process.
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
    private static final int MUNLOCKED = 5;
    private static final int UNLOCKED = 6;

    private final Pages pages;
    private final Lru lru;
    private final Vmas vmas;
    private final Mms mms;
    private final Mmap mmap;
    private final FollowPage followPage;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;
    private final RmapWalk rmapWalk;

    public Munlock(Pages pages, Lru lru, Vmas vmas, Mms mms, Mmap mmap, FollowPage followPage, LockPage lockPage,
            UnlockPage unlockPage, RmapWalk rmapWalk) {
        super("munlock", "mlock_fixup", "munlock_vma_pages_range", "follow_page_mask:done", "lock_page",
                "munlock_vma_page", "try_to_munlock:done", "unlock_page:done");
        this.pages = pages;
        this.lru = lru;
        this.vmas = vmas;
        this.mms = mms;
        this.mmap = mmap;
        this.followPage = followPage;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
        this.rmapWalk = rmapWalk;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int mm = c.local(MM);
        int start = c.local(START);
        int end = start + Geometry.pageAlign(c.local(LEN));
        int page = c.local(PAGE);
        switch (pc) {
            case DOWN_WRITE -> {
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
            case NEXT -> {
                int addr = c.local(CURSOR);
                if (addr >= end) {
                    mms.upWrite(mm);
                    return c.ret(0);
                }
                return c.call(followPage, FOLLOWED, vmas.findVma(mm, addr), addr, Foll.FOLL_GET | Foll.FOLL_DUMP);
            }
            case FOLLOWED -> {
                if (c.result() < 0) {
                    c.set(CURSOR, c.local(CURSOR) + Geometry.PAGE_SIZE);
                    return c.yieldTo(NEXT);
                }
                c.set(PAGE, c.result());
                return c.yieldTo(LOCK);
            }
            case LOCKED -> {
                return munlockVmaPage(c, page);
            }
            case MUNLOCKED -> {
                lru.putback(page);
                return c.call(unlockPage, UNLOCKED, page);
            }
            case UNLOCKED -> {
                lru.putPage(page);
                c.set(PAGE, 0);
                c.set(CURSOR, c.local(CURSOR) + Geometry.PAGE_SIZE);
                return c.yieldTo(NEXT);
            }
            case LOCK -> {
                return c.call(lockPage, LOCKED, page, 0);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 32, pc);
        }
    }

    /**
     * {@code munlock_vma_page()}: clear {@code PG_mlocked} and take the page off its list under
     * {@code lru_lock}; {@code __munlock_isolated_page()}: ask the rmap if it was mapped more than once,
     * then put it back. Context: the page is locked.
     */
    private Flow munlockVmaPage(Ctx c, int page) {
        if (!pages.testClearPageFlag(page, PageFlag.MLOCKED) || !lru.isolate(page)) {
            return c.call(unlockPage, UNLOCKED, page);
        }
        if (pages.pageMapcount(page) > 1) {
            return c.call(rmapWalk, MUNLOCKED, page, RmapWalk.TRY_TO_MUNLOCK, 0);
        }
        return c.next(MUNLOCKED);
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " 0x" + Integer.toHexString(f.local(START)) + "+0x" + Integer.toHexString(f.local(LEN))
                + (f.local(PAGE) != 0 ? " pfn=" + f.local(PAGE) : "");
    }
}
