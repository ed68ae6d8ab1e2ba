package org.mmspec.ref.gup;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.pin.GupPins;
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
 * returned. The reference is kept in a GUP holder while the copy is pending (the kernel keeps it in a
 * local page array: ghost bookkeeping here), so that the ghost knows whether the user discarded the range
 * meanwhile. Context: process (another task's mm); takes {@code mmap_sem} for read, may sleep.
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
    /** The GUP holder slot keeping the reference, + 1. */
    private static final int SLOT = 6;

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
    private final GupPins gupPins;
    private final PageCache pageCache;
    private final Vmas vmas;
    private final Mms mms;
    private final GetUserPages getUserPages;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;
    private final PutPage putPage;

    public AccessRemoteVm(Ghost ghost, Pages pages, GupPins gupPins, PageCache pageCache, Vmas vmas,
            Mms mms, GetUserPages getUserPages, LockPage lockPage, UnlockPage unlockPage, PutPage putPage) {
        super("__access_remote_vm", "down_read_mmap_sem", "get_user_pages_remote:done", "copy_to_user_page",
                "set_page_dirty_lock:lock_page", "lock_page:done", "set_page_dirty", "unlock_page", "unlock_page:done",
                "put_page", "up_read_mmap_sem");
        this.ghost = ghost;
        this.pages = pages;
        this.gupPins = gupPins;
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
                int slot = gupPins.holdGhost(got, GupPins.REMOTE | (c.local(WRITE) != 0 ? GupPins.WRITES_PAGE : 0),
                        mm, c.local(ADDR));
                c.set(PAGE, got);
                c.set(SLOT, slot + 1);
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
                gupPins.freeGhost(c.local(SLOT) - 1);
                c.set(SLOT, 0);
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
        recordLogical(c, mm, addr, vma, shared, page, value);
        ghost.end();
        return c.yieldTo(LOCK);
    }

    /**
     * Ghost: the data the user will read back. A racing zap or truncation may have discarded the range
     * (the caller's reference keeps the page alive): the write is then ordered before the zap and the
     * contents stay what the zap left. Otherwise it is the user's data at that address however the page
     * left the page tables — reclaim unmapping it does not excuse losing it. A shared file mapping's
     * write is the file's, if the page is still in the page cache.
     */
    private void recordLogical(Ctx c, int mm, int addr, int vma, boolean shared, int page, int value) {
        Vmas v = vmas;
        if (shared) {
            int index = v.linearPageIndex(vma, addr);
            if (pageCache.lookup(v.vmFile(vma), index) == page) {
                pageCache.setLogical(v.vmFile(vma), index, value);
            }
            ghost.recordWrite(c.tid(), mm, addr, page, Ghost.VIA_GUP);
            return;
        }
        gupPins.wroteThrough(c.local(SLOT) - 1, value, c.tid());
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " addr=0x" + Integer.toHexString(f.local(ADDR))
                + (f.local(WRITE) != 0 ? " write " + f.local(VALUE) : " read");
    }
}
