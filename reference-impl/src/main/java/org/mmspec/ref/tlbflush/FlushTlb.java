package org.mmspec.ref.tlbflush;

import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.Current;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.tlb.Tlb;

/**
 * A TLB flush with its IPI round (arch/x86/mm/tlb.c, Linux 4.9): {@code flush_tlb_page()},
 * {@code flush_tlb_range()} and {@code flush_tlb_mm()} → {@code flush_tlb_mm_range()}: the CPU flushes
 * its own entries of the range, then {@code flush_tlb_others()} sends an IPI to every other CPU of
 * {@code mm_cpumask(mm)} and waits until each has run the flush handler
 * ({@code smp_call_function_many}, waiting on each CPU's {@code csd} lock). Each remote flush is a step of
 * its own — between them other CPUs run on their stale entries — and a CPU with interrupts disabled
 * holds its IPI off until it enables them (the flusher spins). For the atomicity audit the local flush is a
 * both-mover (the CPU's own TLB), the read of {@code mm_cpumask} a non-mover, and each IPI one interrupt on
 * its target ({@link Tlb#ipiBegin}), a non-mover. With {@link #ALL} it is reclaim's
 * {@code try_to_unmap_flush()}: a full flush ({@code TLB_FLUSH_ALL}, every mm) of the CPUs the thread's
 * {@code tlb_ubc} collected, after which the batch is empty. Returns when every CPU has flushed.
 * Context: any; may be called with the PTE lock held (interrupts stay enabled while spinning).
 *
 * <p>Arguments: mm, start, end (0: the whole mm), flags ({@link #ALL}).
 */
public final class FlushTlb extends Procedure {

    /** Reclaim's batched flush: every entry of the CPUs in {@code current->tlb_ubc.cpumask}. */
    public static final int ALL = 1;

    /** {@code tlb_ubc} bits (Layout.TH_TLB_UBC). */
    public static final int UBC_FLUSH_REQUIRED = 1;
    public static final int UBC_WRITABLE = 2;
    public static final int UBC_CPUMASK_SHIFT = 2;

    private static final int MM = 0;
    private static final int START = 1;
    private static final int END = 2;
    private static final int FLAGS = 3;
    /** CPUs still to be sent the IPI (bitmask). */
    private static final int PENDING = 4;

    private static final int LOCAL = 0;
    private static final int IPI = 1;

    private final Tlb tlb;
    private final Threads threads;
    private final Current current;

    public FlushTlb(Tlb tlb, Threads threads, Current current) {
        super("flush_tlb_mm_range", "local_flush_tlb", "flush_tlb_others:ipi");
        this.tlb = tlb;
        this.threads = threads;
        this.current = current;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        switch (pc) {
            case LOCAL -> {
                return local(c);
            }
            case IPI -> {
                return ipi(c);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 39, pc);
        }
    }

    private boolean all(Ctx c) {
        return (c.local(FLAGS) & ALL) != 0;
    }

    private Flow local(Ctx c) {
        int cpu = c.cpu();
        int mask;
        if (all(c)) {
            int ubc = threads.tlbUbc(c.tid());
            if ((ubc & UBC_FLUSH_REQUIRED) == 0) {
                return c.ret(0);
            }
            mask = ubc >>> UBC_CPUMASK_SHIFT;
            threads.setTlbUbc(c.tid(), 0);
        } else {
            mask = tlb.mmCpumask(c.local(MM));
        }
        if ((mask & 1 << cpu) != 0) {
            flushOn(c, cpu);
        }
        int others = mask & ~(1 << cpu);
        if (others == 0) {
            return c.ret(0);
        }
        c.set(PENDING, others);
        return c.yieldTo(IPI);
    }

    /**
     * The IPI handler on the lowest pending CPU ({@code flush_tlb_func}), once it takes interrupts: one
     * interrupt on that CPU.
     */
    private Flow ipi(Ctx c) {
        int pending = c.local(PENDING);
        int target = Integer.numberOfTrailingZeros(pending);
        tlb.ipiBegin(target);
        if (tlb.irqsDisabled(target)) {
            tlb.ipiEnd();
            current.block(BlockKind.IPI, target, 0);
            return Flow.BLOCK;
        }
        flushOn(c, target);
        tlb.ipiEnd();
        pending &= ~(1 << target);
        c.set(PENDING, pending);
        if (pending == 0) {
            return c.ret(0);
        }
        return c.yieldTo(IPI);
    }

    private void flushOn(Ctx c, int cpu) {
        if (all(c)) {
            tlb.flushAll(cpu);
        } else {
            tlb.flushRange(cpu, c.local(MM), c.local(START), c.local(END));
        }
    }

    @Override
    protected String detail(FrameView f) {
        if ((f.local(FLAGS) & ALL) != 0) {
            return "try_to_unmap_flush" + (f.local(PENDING) != 0 ? " cpus=0x" + Integer.toHexString(f.local(PENDING)) : "");
        }
        return "mm" + f.local(MM) + (f.local(END) == 0 ? " all" : " 0x" + Integer.toHexString(f.local(START)) + "-0x"
                + Integer.toHexString(f.local(END)))
                + (f.local(PENDING) != 0 ? " cpus=0x" + Integer.toHexString(f.local(PENDING)) : "");
    }
}
