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
 * {@code madvise(start, len, MADV_REMOVE)} → {@code madvise_remove()} (mm/madvise.c): for a shared file
 * (shmem) mapping, drop {@code mmap_sem} and punch a hole in the file ({@code vfs_fallocate} with
 * {@code FALLOC_FL_PUNCH_HOLE}, shmem's {@code shmem_fallocate}): {@code unmap_mapping_range()} then
 * {@code shmem_truncate_range()}. Context: process.
 *
 * <p>Arguments: mm, start, len. Returns 0 or {@code -EINVAL}/{@code -EACCES}.
 */
public final class MadviseRemove extends Procedure {

    public static final int MADV_REMOVE = 9;

    private static final int MM = 0;
    private static final int START = 1;
    private static final int LEN = 2;
    private static final int FILE = 3;
    private static final int FIRST = 4;
    private static final int LAST = 5;

    private static final int DOWN_READ = 0;
    private static final int UNMAPPED = 1;
    private static final int TRUNCATED = 2;
    private static final int FALLOCATE = 3;
    private static final int TRUNCATE = 4;

    private final Vmas vmas;
    private final Mms mms;
    private final TruncateRange truncateRange;
    private final UnmapMappingRange unmapMappingRange;

    public MadviseRemove(Vmas vmas, Mms mms, TruncateRange truncateRange, UnmapMappingRange unmapMappingRange) {
        super("madvise_remove", "down_read_mmap_sem", "unmap_mapping_range:done", "shmem_truncate_range:done", "vfs_fallocate",
                "shmem_truncate_range");
        this.vmas = vmas;
        this.mms = mms;
        this.truncateRange = truncateRange;
        this.unmapMappingRange = unmapMappingRange;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Vmas v = vmas;
        int mm = c.local(MM);
        switch (pc) {
            case DOWN_READ -> {
                if (!mms.downRead(mm)) {
                    return Flow.BLOCK;
                }
                int start = c.local(START);
                int vma = v.findVma(mm, start);
                if (vma < 0 || v.vmStart(vma) > start || v.vmFile(vma) < 0
                        || (v.vmFlags(vma) & VmFlags.VM_SHARED) == 0) {
                    mms.upRead(mm);
                    return c.ret(Mmap.EINVAL);
                }
                int end = Math.min(v.vmEnd(vma), start + Geometry.pageAlign(c.local(LEN)));
                c.set(FILE, v.vmFile(vma));
                c.set(FIRST, v.linearPageIndex(vma, start));
                c.set(LAST, v.linearPageIndex(vma, end));
                mms.upRead(mm);
                return c.yieldTo(FALLOCATE);
            }
            case FALLOCATE -> {
                return c.call(unmapMappingRange, UNMAPPED, c.local(FILE), c.local(FIRST), c.local(LAST));
            }
            case UNMAPPED -> {
                return c.yieldTo(TRUNCATE);
            }
            case TRUNCATE -> {
                return c.call(truncateRange, TRUNCATED, c.local(FILE), c.local(FIRST), c.local(LAST));
            }
            case TRUNCATED -> {
                return c.ret(0);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 27, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " 0x" + Integer.toHexString(f.local(START)) + "+0x" + Integer.toHexString(f.local(LEN));
    }
}
