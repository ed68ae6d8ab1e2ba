package org.mmspec.ref.mlock;

import org.mmspec.ref.gup.Foll;
import org.mmspec.ref.gup.GetUserPages;
import org.mmspec.ref.mmap.Mmap;
import org.mmspec.ref.pgtable.Geometry;
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
 * {@code mlock(start, len)} → {@code do_mlock()} (mm/mlock.c, Linux 4.9): under {@code mmap_sem} for
 * write, {@code apply_vma_lock_flags()} sets {@code VM_LOCKED} on the range (splitting VMAs); then
 * {@code __mm_populate()} takes {@code mmap_sem} for read and faults every page in with
 * {@code get_user_pages(FOLL_TOUCH | FOLL_MLOCK | FOLL_POPULATE)} (plus {@code FOLL_WRITE} for a private
 * writable mapping, to break COW now): a page faulted in now is added mlocked to the unevictable list
 * ({@code lru_cache_add_active_or_unevictable}); a page already mapped is mlocked by
 * {@code follow_page_pte()} ({@code mlock_vma_page}). From the moment {@code VM_LOCKED} is set, reclaim
 * culls the range's pages (its rmap walk sees the flag). {@code __mm_populate} passes a
 * {@code nonblocking} pointer, so the kernel's populate faults may retry; the model's do not. Context:
 * process.
 *
 * <p>Arguments: mm, start, len. Returns 0, {@code -EINVAL} or {@code -ENOMEM}.
 */
public final class Mlock extends Procedure {

    private static final int MM = 0;
    private static final int START = 1;
    private static final int LEN = 2;
    private static final int CURSOR = 3;

    private static final int DOWN_WRITE = 0;
    private static final int POPULATE = 1;
    private static final int PAGE = 2;
    private static final int POPULATED = 3;

    private final Vmas vmas;
    private final Mms mms;
    private final Mmap mmap;
    private final GetUserPages getUserPages;

    public Mlock(Vmas vmas, Mms mms, Mmap mmap, GetUserPages getUserPages) {
        super("do_mlock", "apply_vma_lock_flags", "__mm_populate:down_read", "populate_vma_page_range",
                "populate_vma_page_range:done");
        this.vmas = vmas;
        this.mms = mms;
        this.mmap = mmap;
        this.getUserPages = getUserPages;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int mm = c.local(MM);
        int start = c.local(START);
        int end = start + Geometry.pageAlign(c.local(LEN));
        switch (pc) {
            case DOWN_WRITE -> {
                if (!Geometry.isPageAligned(start) || c.local(LEN) <= 0) {
                    return c.ret(Mmap.EINVAL);
                }
                if (!mms.downWrite(mm)) {
                    return Flow.BLOCK;
                }
                int err = MlockFixup.apply(vmas, mmap, mm, start, end, true);
                mms.upWrite(mm);
                if (err != 0) {
                    return c.ret(err);
                }
                return c.yieldTo(POPULATE);
            }
            case POPULATE -> {
                if (!mms.downRead(mm)) {
                    return Flow.BLOCK;
                }
                c.set(CURSOR, start);
                return c.yieldTo(PAGE);
            }
            case PAGE -> {
                int addr = c.local(CURSOR);
                int vma = vmas.findVma(mm, addr);
                if (addr >= end || vma < 0 || vmas.vmStart(vma) > addr) {
                    mms.upRead(mm);
                    return c.ret(0);
                }
                int flags = vmas.vmFlags(vma);
                int gup = Foll.FOLL_TOUCH | Foll.FOLL_MLOCK | Foll.FOLL_POPULATE
                        | ((flags & (VmFlags.VM_WRITE | VmFlags.VM_SHARED)) == VmFlags.VM_WRITE ? Foll.FOLL_WRITE : 0);
                return c.call(getUserPages, POPULATED, mm, addr, gup);
            }
            case POPULATED -> {
                c.set(CURSOR, c.local(CURSOR) + Geometry.PAGE_SIZE);
                return c.yieldTo(PAGE);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 23, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " 0x" + Integer.toHexString(f.local(START)) + "+0x" + Integer.toHexString(f.local(LEN));
    }
}
