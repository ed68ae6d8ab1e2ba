package org.mmspec.ref.sync;

import static org.mmspec.ref.state.Layout.CPU_IRQS_OFF;

import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;

/**
 * Interrupt masking ({@code local_irq_disable()}/{@code local_irq_enable()}, include/linux/irqflags.h)
 * and what it holds off: a CPU with interrupts disabled does not take IPIs, so an
 * {@code smp_call_function_many(..., wait=1)} — a TLB flush's IPI round ({@code tlbflush.FlushTlb}), the
 * TLB shootdown before page tables are freed, {@code tlb_remove_table_sync_one()} — cannot complete until
 * it enables them again. That is what keeps a page table alive under {@code get_user_pages_fast()}'s
 * lockless walk. The state is the CPU's interrupts-off word (the thread that disabled them, + 1; a thread
 * runs on CPU {@code tid % nrCpus}), shared with {@code tlb.Tlb}'s {@code local_irq_disable}.
 */
public final class Irqs {

    private final Layout l;
    private final Mem m;
    private final Current current;
    private final int nrCpus;

    public Irqs(Layout l, Mem m, Current current, int nrCpus) {
        this.l = l;
        this.m = m;
        this.current = current;
        this.nrCpus = nrCpus;
    }

    /** {@code local_irq_disable()} / {@code local_irq_save()} on the current CPU. */
    public void disable() {
        m.set(l.cpu(current.cpu(), CPU_IRQS_OFF), current.tid() + 1);
    }

    /** {@code local_irq_enable()} / {@code local_irq_restore()}. */
    public void enable() {
        m.set(l.cpu(current.cpu(), CPU_IRQS_OFF), 0);
    }

    /** Whether thread {@code tid} runs with interrupts disabled. */
    public boolean disabledBy(int tid) {
        return m.get(l.cpu(tid % nrCpus, CPU_IRQS_OFF)) == tid + 1;
    }

    /**
     * The first other CPU running with interrupts disabled (an IPI to it cannot complete), or -1 when an
     * IPI round can complete now.
     */
    public int ipiBlocker() {
        for (int cpu = 0; cpu < nrCpus; cpu++) {
            if (cpu != current.cpu() && m.get(l.cpu(cpu, CPU_IRQS_OFF)) != 0) {
                return cpu;
            }
        }
        return -1;
    }
}
