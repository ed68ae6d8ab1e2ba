package org.mmspec.ref.gup;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.sync.Ghost;
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
 * {@code __access_remote_vm()} (mm/memory.c, Linux 4.9), the core of {@code /proc/pid/mem} and {@code
 * ptrace} peeks and pokes, for one word, action by action: {@code down_read(mmap_sem)}, {@code
 * get_user_pages_remote()} with {@code FOLL_FORCE} (and {@code FOLL_WRITE} for a write), the copy into or
 * out of the page ({@code copy_to_user_page} / {@code copy_from_user_page}: a racy access to user memory),
 * for a write {@code set_page_dirty_lock} ({@code lock_page}, {@code set_page_dirty}, {@code unlock_page}),
 * {@code put_page}, {@code up_read}. This is the writer in Dirty COW: it writes to whatever page GUP
 * returned. Context: process (another task's mm); takes {@code mmap_sem} for read, may sleep.
 *
 * <p>Arguments: mm, address, value, write (0/1). Returns the value read, 0 after a write, or
 * {@code -EFAULT}.
 */
public final class AccessRemoteVm extends Procedure {

    private static final int MM = 0;
    private static final int ADDR = 1;
    private static final int VALUE = 2;
    private static final int WRITE = 3;
    private static final int PAGE = 4;
    private static final int RESULT = 5;

    private static final int DOWN_READ = 0;
    private static final int GOT = 1;
    private static final int COPY = 2;
    private static final int LOCK = 3;
    private static final int LOCKED = 4;
    private static final int DIRTY = 5;
    private static final int UNLOCK = 6;
    private static final int UNLOCKED = 7;
    private static final int PUT = 8;
    private static final int UP_READ = 9;

    private final Ghost ghost;
    private final Pages pages;
    private final PageTables pageTables;
    private final Swap swap;
    private final PageCache pageCache;
    private final Vmas vmas;
    private final Mms mms;
    private final GetUserPages getUserPages;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;
    private final PutPage putPage;

    public AccessRemoteVm(Ghost ghost, Pages pages, PageTables pageTables, Swap swap, PageCache pageCache, Vmas vmas,
            Mms mms, GetUserPages getUserPages, LockPage lockPage, UnlockPage unlockPage, PutPage putPage) {
        super("__access_remote_vm", "down_read_mmap_sem", "get_user_pages_remote:done", "copy_to_user_page",
                "set_page_dirty_lock:lock_page", "lock_page:done", "set_page_dirty", "unlock_page", "unlock_page:done",
                "put_page", "up_read_mmap_sem");
        this.ghost = ghost;
        this.pages = pages;
        this.pageTables = pageTables;
        this.swap = swap;
        this.pageCache = pageCache;
        this.vmas = vmas;
        this.mms = mms;
        this.getUserPages = getUserPages;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
        this.putPage = putPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int mm = c.local(MM);
        int page = c.local(PAGE);
        return switch (pc) {
            case DOWN_READ -> {
                if (!mms.downRead(mm)) {
                    yield Flow.BLOCK;
                }
                int flags = Foll.FOLL_FORCE | Foll.FOLL_GET | Foll.FOLL_TOUCH | Foll.FOLL_REMOTE
                        | (c.local(WRITE) != 0 ? Foll.FOLL_WRITE : 0);
                yield c.call(getUserPages, GOT, mm, c.local(ADDR), flags);
            }
            case GOT -> {
                int got = c.result();
                if (got < 0) {
                    mms.upRead(mm);
                    yield c.ret(Foll.EFAULT);
                }
                c.set(PAGE, got);
                yield c.yieldTo(COPY);
            }
            case COPY -> copy(c, mm);
            case LOCK -> c.call(lockPage, LOCKED, page, 0);
            case LOCKED -> c.yieldTo(DIRTY);
            case DIRTY -> {
                pages.setPageFlag(page, PageFlag.DIRTY);
                yield c.yieldTo(UNLOCK);
            }
            case UNLOCK -> c.call(unlockPage, UNLOCKED, page);
            case UNLOCKED -> c.yieldTo(PUT);
            case PUT -> {
                ghost.unpin(page);
                yield c.call(putPage, UP_READ, page);
            }
            case UP_READ -> {
                mms.upRead(mm);
                yield c.ret(c.local(RESULT));
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 21, pc);
        };
    }

    private Flow copy(Ctx c, int mm) {
        Vmas v = vmas;
        int page = c.local(PAGE);
        int addr = c.local(ADDR);
        if (c.local(WRITE) == 0) {
            c.set(RESULT, pages.data(page));
            return c.yieldTo(PUT);
        }
        int value = c.local(VALUE);
        pages.setData(page, value);
        ghost.begin();
        int vma = v.findVma(mm, addr);
        boolean shared = (v.vmFlags(vma) & VmFlags.VM_SHARED) != 0;
        recordLogical(mm, addr, vma, shared, page, value);
        ghost.end();
        ghost.recordWrite(c.tid(), mm, addr, page, Ghost.VIA_GUP | (shared ? 0 : Ghost.VIA_PRIVATE));
        return c.yieldTo(LOCK);
    }

    /**
     * Ghost: the data the user will read back, if the write is still visible. A racing zap or truncation
     * may have unmapped the page GUP returned (the caller's reference keeps it alive); the write then
     * lands on a page no one maps, and it is ordered before the zap — the contents stay what the zap left.
     * (A page reclaim unmapped but the swap cache still holds stays visible through the swap entry.)
     */
    private void recordLogical(int mm, int addr, int vma, boolean shared, int page, int value) {
        Vmas v = vmas;
        if (shared) {
            int index = v.linearPageIndex(vma, addr);
            if (pageCache.lookup(v.vmFile(vma), index) == page) {
                pageCache.setLogical(v.vmFile(vma), index, value);
            }
            return;
        }
        int pte = pageTables.pteValue(mm, addr);
        boolean mapped = Pte.ptePresent(pte) ? Pte.ptePfn(pte) == page
                : Pte.isSwapPte(pte) && swap.cachePage(Pte.swpOffset(pte)) == page;
        if (mapped) {
            mms.setLogical(mm, addr, value);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " addr=0x" + Integer.toHexString(f.local(ADDR))
                + (f.local(WRITE) != 0 ? " write " + f.local(VALUE) : " read");
    }
}
