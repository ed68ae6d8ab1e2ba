package org.mmspec.ref.unmap;

import org.mmspec.ref.mmap.Mmap;
import org.mmspec.ref.mmap.Unmapper;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.Irqs;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.tlb.Tlb;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code vm_munmap()} → {@code do_munmap()} (mm/mmap.c): under {@code mmap_sem} for write, split the
 * VMAs at the ends of the range, then for each VMA inside it zap its pages ({@code unmap_vmas}) and
 * free it ({@code free_pgtables}: off the anon_vma chains under the root's rwsem, then — an action
 * later — out of the file's {@code i_mmap} under {@code i_mmap_rwsem}, then its empty page tables;
 * {@code remove_vma}).
 * Until then the VMA stays reachable through the rmap, as in the kernel. A page table unlinked by
 * {@code free_pgtables} is freed only after {@code tlb_finish_mmu()}'s TLB shootdown — an IPI every CPU
 * must take, so it waits while a CPU runs with interrupts disabled — because
 * {@code get_user_pages_fast()} walks page tables with interrupts disabled instead of a lock (x86
 * {@code native_flush_tlb_others}; {@code tlb_remove_table_sync_one()} where tables are RCU-freed).
 * When it returns, no CPU may still translate an address of the range (ghost:
 * {@link Tlb#revocationComplete}). Context: process.
 *
 * <p>Arguments: mm, start, len. Returns 0 or {@code -EINVAL}.
 */
public final class Munmap extends Procedure {

    private static final int MM = 0;
    private static final int START = 1;
    private static final int LEN = 2;
    private static final int CURSOR = 3;

    private static final int DOWN_WRITE = 0;
    private static final int NEXT_VMA = 1;
    private static final int FREE_VMA = 2;
    private static final int UP_WRITE = 3;
    private static final int ZAPPED = 4;
    private static final int REMOVE_VMA = 5;
    private static final int TLB_FINISH = 6;

    private final Vmas vmas;
    private final Mms mms;
    private final Mmap mmap;
    private final Unmapper unmapper;
    private final Tlb tlb;
    private final ZapPteRange zapPteRange;
    private final Irqs irqs;

    public Munmap(Vmas vmas, Mms mms, Mmap mmap, Unmapper unmapper, Tlb tlb, ZapPteRange zapPteRange, Irqs irqs) {
        super("do_munmap", "down_write_mmap_sem", "unmap_vmas", "free_pgtables", "up_write_mmap_sem", "unmap_vmas:done",
                "unlink_file_vma+remove_vma", "tlb_finish_mmu:ipi");
        this.irqs = irqs;
        this.vmas = vmas;
        this.mms = mms;
        this.mmap = mmap;
        this.unmapper = unmapper;
        this.tlb = tlb;
        this.zapPteRange = zapPteRange;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Vmas v = vmas;
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
                mmap.splitAt(mm, start);
                mmap.splitAt(mm, end);
                c.set(CURSOR, start);
                return c.yieldTo(NEXT_VMA);
            }
            case NEXT_VMA -> {
                int vma = v.findVma(mm, c.local(CURSOR));
                if (vma < 0 || v.vmStart(vma) >= end) {
                    return c.next(UP_WRITE);
                }
                c.set(CURSOR, v.vmStart(vma));
                return c.call(zapPteRange, ZAPPED, vma, v.vmStart(vma), v.vmEnd(vma),
                        ZapPteRange.RESET_LOGICAL);
            }
            case ZAPPED -> {
                return c.yieldTo(FREE_VMA);
            }
            case FREE_VMA -> {
                if (!unmapper.unlinkAnonVmas(v.byStart(mm, c.local(CURSOR)))) {
                    return Flow.BLOCK;
                }
                return c.yieldTo(REMOVE_VMA);
            }
            case REMOVE_VMA -> {
                int vma = v.byStart(mm, c.local(CURSOR));
                int vmEnd = v.vmEnd(vma);
                int tables = unmapper.unlinkFileAndRemove(vma);
                if (tables < 0) {
                    return Flow.BLOCK;
                }
                c.set(CURSOR, vmEnd);
                return c.yieldTo(tables > 0 ? TLB_FINISH : NEXT_VMA);
            }
            case TLB_FINISH -> {
                int blocker = irqs.ipiBlocker();
                if (blocker >= 0) {
                    return c.block(BlockKind.IPI, blocker, 0);
                }
                return c.yieldTo(NEXT_VMA);
            }
            case UP_WRITE -> {
                tlb.revocationComplete(mm, start, end, false);
                mms.upWrite(mm);
                return c.ret(0);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 17, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " 0x" + Integer.toHexString(f.local(START)) + "+0x" + Integer.toHexString(f.local(LEN));
    }
}
