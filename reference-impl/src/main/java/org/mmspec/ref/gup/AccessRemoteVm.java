package org.mmspec.ref.gup;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
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
 * {@code __access_remote_vm()} (mm/memory.c), the core of {@code /proc/pid/mem} and {@code ptrace}
 * peeks and pokes, for one word: under {@code mmap_sem} for read, {@code get_user_pages_remote()} with
 * {@code FOLL_FORCE} (and {@code FOLL_WRITE} for a write), then copy into or out of the page
 * ({@code copy_to_user_page}, {@code set_page_dirty_lock}) and release it. This is the writer in
 * Dirty COW: it writes to whatever page GUP returned. The reference is kept in a GUP holder while the
 * copy is pending (the kernel keeps it in a local page array), so that the ghost knows whether the
 * user discarded the range meanwhile.
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
    private static final int SLOT = 5;

    private static final int DOWN_READ = 0;
    private static final int GOT = 1;
    private static final int COPY = 2;

    private final Ghost ghost;
    private final Pages pages;
    private final PageCache pageCache;
    private final Vmas vmas;
    private final Mms mms;
    private final GupPins gupPins;
    private final GetUserPages getUserPages;

    public AccessRemoteVm(Ghost ghost, Pages pages, GupPins gupPins, PageCache pageCache, Vmas vmas, Mms mms,
            GetUserPages getUserPages) {
        super("__access_remote_vm", "down_read_mmap_sem", "get_user_pages_remote:done", "copy_to_user_page");
        this.ghost = ghost;
        this.pages = pages;
        this.gupPins = gupPins;
        this.pageCache = pageCache;
        this.vmas = vmas;
        this.mms = mms;
        this.getUserPages = getUserPages;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int mm = c.local(MM);
        switch (pc) {
            case DOWN_READ -> {
                if (!mms.downRead(mm)) {
                    return Flow.BLOCK;
                }
                int flags = Foll.FOLL_FORCE | Foll.FOLL_GET | Foll.FOLL_TOUCH | Foll.FOLL_REMOTE
                        | (c.local(WRITE) != 0 ? Foll.FOLL_WRITE : 0);
                return c.call(getUserPages, GOT, mm, c.local(ADDR), flags);
            }
            case GOT -> {
                int page = c.result();
                if (page < 0) {
                    mms.upRead(mm);
                    return c.ret(Foll.EFAULT);
                }
                int slot = gupPins.claim();
                if (slot < 0) {
                    throw new Oops(OopsKind.MODEL_CAPACITY, 7, 0);
                }
                gupPins.hold(slot, page, GupPins.REMOTE | (c.local(WRITE) != 0 ? GupPins.WRITES_PAGE : 0), mm,
                        c.local(ADDR));
                c.set(PAGE, page);
                c.set(SLOT, slot + 1);
                return c.yieldTo(COPY);
            }
            case COPY -> {
                return copy(c, mm);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 21, pc);
        }
    }

    private Flow copy(Ctx c, int mm) {
        Pages p = pages;
        Vmas v = vmas;
        int page = c.local(PAGE);
        int addr = c.local(ADDR);
        int result = 0;
        if (c.local(WRITE) != 0) {
            int value = c.local(VALUE);
            int vma = v.findVma(mm, addr);
            boolean shared = (v.vmFlags(vma) & VmFlags.VM_SHARED) != 0;
            p.setData(page, value);
            p.setPageFlag(page, PageFlag.DIRTY);
            recordLogical(c, mm, addr, vma, shared, page, value);
        } else {
            result = p.data(page);
        }
        gupPins.free(c.local(SLOT) - 1);
        gupPins.release(page, false);
        mms.upRead(mm);
        return c.ret(result);
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
