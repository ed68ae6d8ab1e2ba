package org.mmspec.ref.sync;

import static org.mmspec.ref.state.Layout.G_IRQS_OFF;

import org.mmspec.ref.state.Mem;

/**
 * Interrupt masking ({@code local_irq_disable()}/{@code local_irq_enable()}, include/linux/irqflags.h)
 * and what it holds off: a CPU with interrupts disabled does not take IPIs, so an
 * {@code smp_call_function(..., wait=1)} — the TLB shootdown before page tables are freed, or
 * {@code tlb_remove_table_sync_one()} — cannot complete until it enables them again. That is what keeps
 * a page table alive under {@code get_user_pages_fast()}'s lockless walk. The model tracks the threads
 * that run with interrupts off (a thread stands for the CPU it runs on).
 */
public final class Irqs {

    private final Mem m;
    private final Current current;

    public Irqs(Mem m, Current current) {
        this.m = m;
        this.current = current;
    }

    /** {@code local_irq_disable()} / {@code local_irq_save()} on the current CPU. */
    public void disable() {
        m.setBits(G_IRQS_OFF, 1 << current.tid());
    }

    /** {@code local_irq_enable()} / {@code local_irq_restore()}. */
    public void enable() {
        m.clearBits(G_IRQS_OFF, 1 << current.tid());
    }

    /** Whether thread {@code tid} runs with interrupts disabled. */
    public boolean disabledBy(int tid) {
        return (m.get(G_IRQS_OFF) & (1 << tid)) != 0;
    }

    /**
     * The first other thread running with interrupts disabled (an IPI to it cannot complete), or -1 when
     * an IPI round can complete now.
     */
    public int ipiBlocker() {
        int others = m.get(G_IRQS_OFF) & ~(1 << current.tid());
        return others == 0 ? -1 : Integer.numberOfTrailingZeros(others);
    }
}
