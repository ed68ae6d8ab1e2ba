package org.mmspec.ref.gup;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pin.GupPins;
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
 * {@code __access_remote_vm()} (mm/memory.c), the core of {@code /proc/pid/mem} and {@code ptrace}
 * peeks and pokes, for one word: under {@code mmap_sem} for read, {@code get_user_pages_remote()} with
 * {@code FOLL_FORCE} (and {@code FOLL_WRITE} for a write), then copy into or out of the page
 * ({@code copy_to_user_page}, {@code set_page_dirty_lock}) and release it. This is the writer in
 * Dirty COW: it writes to whatever page GUP returned.
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

    private static final int DOWN_READ = 0;
    private static final int GOT = 1;
    private static final int COPY = 2;

    private final Ghost ghost;
    private final Pages pages;
    private final PageTables pageTables;
    private final Swap swap;
    private final PageCache pageCache;
    private final Vmas vmas;
    private final Mms mms;
    private final GupPins gupPins;
    private final GetUserPages getUserPages;

    public AccessRemoteVm(Ghost ghost, Pages pages, GupPins gupPins, PageTables pageTables, Swap swap,
            PageCache pageCache, Vmas vmas, Mms mms, GetUserPages getUserPages) {
        super("__access_remote_vm", "down_read_mmap_sem", "get_user_pages_remote:done", "copy_to_user_page");
        this.ghost = ghost;
        this.pages = pages;
        this.gupPins = gupPins;
        this.pageTables = pageTables;
        this.swap = swap;
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
                c.set(PAGE, page);
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
            recordLogical(mm, addr, vma, shared, page, value);
            ghost.recordWrite(c.tid(), mm, addr, page, Ghost.VIA_GUP | (shared ? 0 : Ghost.VIA_PRIVATE));
        } else {
            result = p.data(page);
        }
        gupPins.release(page, false);
        mms.upRead(mm);
        return c.ret(result);
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
