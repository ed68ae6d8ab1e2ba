package org.mmspec.ref.unmap;

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
 * {@code madvise(start, len, MADV_DONTNEED)} → {@code madvise_dontneed()} → {@code zap_page_range()}
 * (mm/madvise.c): under {@code mmap_sem} for read, zap every VMA's part of the range. Private
 * anonymous memory reads back as zeroes afterwards and private file mappings show the file again.
 * {@code VM_LOCKED} and {@code VM_PFNMAP} VMAs are refused with {@code -EINVAL}. A range with unmapped
 * parts is zapped where mapped and then fails with {@code -ENOMEM} ({@code unmapped_error}). Context:
 * process.
 *
 * <p>Arguments: mm, start, len. Returns 0, {@code -EINVAL} or {@code -ENOMEM}.
 */
public final class MadviseDontneed extends Procedure {

    public static final int MADV_DONTNEED = 4;

    private static final int MM = 0;
    private static final int START = 1;
    private static final int LEN = 2;
    private static final int CURSOR = 3;
    /** 1 once part of the range was found unmapped. */
    private static final int HOLE = 4;

    private static final int DOWN_READ = 0;
    private static final int NEXT = 1;
    private static final int ZAPPED = 2;

    private final Vmas vmas;
    private final Mms mms;
    private final ZapPteRange zapPteRange;

    public MadviseDontneed(Vmas vmas, Mms mms, ZapPteRange zapPteRange) {
        super("madvise_dontneed", "down_read_mmap_sem", "zap_page_range", "zap_page_range:done");
        this.vmas = vmas;
        this.mms = mms;
        this.zapPteRange = zapPteRange;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Vmas v = vmas;
        int mm = c.local(MM);
        int end = c.local(START) + Geometry.pageAlign(c.local(LEN));
        switch (pc) {
            case DOWN_READ -> {
                if (!Geometry.isPageAligned(c.local(START)) || c.local(LEN) <= 0) {
                    return c.ret(Mmap.EINVAL);
                }
                if (!mms.downRead(mm)) {
                    return Flow.BLOCK;
                }
                c.set(CURSOR, c.local(START));
                return c.yieldTo(NEXT);
            }
            case NEXT -> {
                int vma = c.local(CURSOR) >= end ? -1 : v.findVma(mm, c.local(CURSOR));
                if (vma < 0 || v.vmStart(vma) >= end) {
                    mms.upRead(mm);
                    boolean hole = c.local(HOLE) != 0 || c.local(CURSOR) < end;
                    return c.ret(hole ? Vmas.ENOMEM : 0);
                }
                if (v.vmStart(vma) > c.local(CURSOR)) {
                    c.set(HOLE, 1);
                }
                if ((v.vmFlags(vma) & (VmFlags.VM_LOCKED | VmFlags.VM_PFNMAP)) != 0) {
                    mms.upRead(mm);
                    return c.ret(Mmap.EINVAL);
                }
                int from = Math.max(c.local(CURSOR), v.vmStart(vma));
                int to = Math.min(end, v.vmEnd(vma));
                c.set(CURSOR, to);
                return c.call(zapPteRange, ZAPPED, vma, from, to, ZapPteRange.RESET_LOGICAL);
            }
            case ZAPPED -> {
                return c.yieldTo(NEXT);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 18, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " 0x" + Integer.toHexString(f.local(START)) + "+0x" + Integer.toHexString(f.local(LEN));
    }
}
