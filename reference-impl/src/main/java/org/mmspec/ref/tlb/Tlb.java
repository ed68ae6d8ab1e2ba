package org.mmspec.ref.tlb;

import static org.mmspec.ref.state.Layout.CPU_IRQS_OFF;
import static org.mmspec.ref.state.Layout.G_STALE_TLB_ADDR;
import static org.mmspec.ref.state.Layout.G_STALE_TLB_MM;
import static org.mmspec.ref.state.Layout.G_STALE_TLB_TID;
import static org.mmspec.ref.state.Layout.MM_CPUMASK;
import static org.mmspec.ref.state.Layout.MM_TLB_FLUSH_BATCHED;
import static org.mmspec.ref.state.Layout.MM_TLB_FLUSH_PENDING;
import static org.mmspec.ref.state.Layout.TLB_PTE;
import static org.mmspec.ref.state.Layout.TLB_REVOKED;
import static org.mmspec.ref.state.Layout.TLB_TAG;

import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.Current;

/**
 * The per-CPU TLBs and the mm state that TLB flushing keeps (arch/x86/mm/tlb.c, mm/rmap.c,
 * include/linux/mm_types.h, Linux 4.9 with the 4.13–4.15 fixes noted below).
 *
 * <p>Each CPU caches up to {@code Config.tlbEntries} translations, tagged by mm (as ASIDs do), oldest
 * first; a fill into a full TLB evicts the oldest. An entry holds the PTE value it was filled from:
 * the pfn, the permissions, and the young and dirty bits as the hardware saw them. The MMU fills and uses
 * entries ({@code proc/UserAccess}); only flushes remove them — a PTE change is invisible to a CPU that
 * still caches the old translation until the flush reaches it. {@code mm_cpumask} collects the CPUs that
 * filled a translation of the mm (the CPUs a flush must reach; never cleared, as a lazy-TLB CPU stays in
 * it). Interrupts disabled on a CPU ({@code local_irq_disable}) hold off the IPI that carries a remote
 * flush.
 *
 * <p>For the atomicity audit a CPU's TLB entries are per-cpu data ({@code Region.TLB}): the MMU and the
 * flushes of the CPU itself touch them as both-movers, and another CPU reaches them only through the flush
 * IPI, whose handler runs on the target as one interrupt ({@link #ipiBegin}). {@code mm_cpumask} is
 * changed with atomic bit operations, {@code tlb_flush_pending} is an atomic count and
 * {@code tlb_flush_batched} a plain flag accessed racily (its users order it with the PTE lock).
 *
 * <p>Ghost: when an operation that revokes translations of a range has flushed and is returning
 * ({@link #revocationComplete}), any entry of that range that still caches a revoked translation is marked;
 * an access through a marked entry is recorded for the {@code no_stale_tlb_access} invariant.
 */
public final class Tlb {

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final Current current;

    public Tlb(Config c, Layout l, Mem m, Current current) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.current = current;
    }

    private static int tag(int mm, int addr) {
        return (mm << 16 | addr >>> Geometry.PAGE_SHIFT) + 1;
    }

    /** The entry of {@code cpu}'s TLB translating {@code addr} of {@code mm}, or -1 (a TLB miss). */
    public int lookup(int cpu, int mm, int addr) {
        int t = tag(mm, addr);
        for (int e = 0; e < c.tlbEntries(); e++) {
            int w = m.get(l.tlb(cpu, e, TLB_TAG));
            if (w == t) {
                return e;
            }
            if (w == 0) {
                return -1;
            }
        }
        return -1;
    }

    /** The PTE value entry {@code e} of {@code cpu} caches. */
    public int entryPte(int cpu, int e) {
        return m.get(l.tlb(cpu, e, TLB_PTE));
    }

    /** The mm of entry {@code e} of {@code cpu}, or -1 for an empty entry. */
    public int entryMm(int cpu, int e) {
        int w = m.get(l.tlb(cpu, e, TLB_TAG));
        return w == 0 ? -1 : (w - 1) >>> 16;
    }

    /** The virtual address entry {@code e} of {@code cpu} translates. */
    public int entryAddr(int cpu, int e) {
        return ((m.get(l.tlb(cpu, e, TLB_TAG)) - 1) & 0xFFFF) << Geometry.PAGE_SHIFT;
    }

    /** Ghost: whether entry {@code e} of {@code cpu} was revoked by an operation that has completed. */
    public boolean revoked(int cpu, int e) {
        m.ghostBegin();
        boolean revoked = m.get(l.tlb(cpu, e, TLB_REVOKED)) != 0;
        m.ghostEnd();
        return revoked;
    }

    /** Ghost: an access through entry {@code e} of {@code cpu}; recorded if its revocation had completed. */
    public void recordIfRevoked(int cpu, int e, int mm, int addr) {
        if (revoked(cpu, e)) {
            recordRevokedAccess(mm, addr);
        }
    }

    /**
     * The MMU caches a translation after a page-table walk: {@code cpu} joins {@code mm_cpumask(mm)}; the
     * entry goes to the tail (newest), evicting the oldest when the TLB is full.
     */
    public void fill(int cpu, int mm, int addr, int pte) {
        int n = c.tlbEntries();
        if (n == 0) {
            return;
        }
        if ((m.peek(l.mm(mm, MM_CPUMASK)) & 1 << cpu) == 0) {
            m.atomicSetBits(l.mm(mm, MM_CPUMASK), 1 << cpu);
        }
        int e = lookup(cpu, mm, addr);
        if (e >= 0) {
            remove(cpu, e);
        }
        int used = used(cpu);
        if (used == n) {
            remove(cpu, 0);
            used--;
        }
        m.set(l.tlb(cpu, used, TLB_TAG), tag(mm, addr));
        m.set(l.tlb(cpu, used, TLB_PTE), pte);
        setRevoked(cpu, used, 0);
    }

    private void setRevoked(int cpu, int e, int v) {
        m.ghostBegin();
        m.set(l.tlb(cpu, e, TLB_REVOKED), v);
        m.ghostEnd();
    }

    /** The hardware updated the cached young/dirty bits of entry {@code e} (after setting them in the PTE). */
    public void setEntryPte(int cpu, int e, int pte) {
        m.set(l.tlb(cpu, e, TLB_PTE), pte);
    }

    /** Drops entry {@code e} of {@code cpu} (a page fault invalidates the faulting translation). */
    public void invalidate(int cpu, int e) {
        remove(cpu, e);
    }

    private int used(int cpu) {
        int n = 0;
        while (n < c.tlbEntries() && m.get(l.tlb(cpu, n, TLB_TAG)) != 0) {
            n++;
        }
        return n;
    }

    private void remove(int cpu, int e) {
        int used = used(cpu);
        for (int i = e; i < used - 1; i++) {
            m.set(l.tlb(cpu, i, TLB_TAG), m.get(l.tlb(cpu, i + 1, TLB_TAG)));
            m.set(l.tlb(cpu, i, TLB_PTE), m.get(l.tlb(cpu, i + 1, TLB_PTE)));
            m.ghostBegin();
            m.set(l.tlb(cpu, i, TLB_REVOKED), m.get(l.tlb(cpu, i + 1, TLB_REVOKED)));
            m.ghostEnd();
        }
        m.set(l.tlb(cpu, used - 1, TLB_TAG), 0);
        m.set(l.tlb(cpu, used - 1, TLB_PTE), 0);
        setRevoked(cpu, used - 1, 0);
    }

    /**
     * {@code __flush_tlb_single}/{@code local_flush_tlb} on {@code cpu} for {@code mm}: drops its entries
     * of {@code [start, end)}, or all of the mm's when {@code end} is 0. Context: runs on {@code cpu}
     * (the flushing CPU itself, or its IPI handler).
     */
    public void flushRange(int cpu, int mm, int start, int end) {
        for (int e = c.tlbEntries() - 1; e >= 0; e--) {
            if (entryMm(cpu, e) == mm && (end == 0 || entryAddr(cpu, e) >= start && entryAddr(cpu, e) < end)) {
                remove(cpu, e);
            }
        }
    }

    /** {@code local_flush_tlb()} of every mm on {@code cpu} (the batched reclaim flush, {@code TLB_FLUSH_ALL}). */
    public void flushAll(int cpu) {
        for (int e = c.tlbEntries() - 1; e >= 0; e--) {
            if (entryMm(cpu, e) >= 0) {
                remove(cpu, e);
            }
        }
    }

    // ---- mm_cpumask, tlb_flush_pending, tlb_flush_batched ----

    /** {@code mm_cpumask(mm)} as a bitmask of CPUs (a racy read of a word changed by atomic bit operations). */
    public int mmCpumask(int mm) {
        return m.atomicRead(l.mm(mm, MM_CPUMASK));
    }

    /**
     * {@code mm_tlb_flush_pending(mm)} (include/linux/mm_types.h): some thread has changed PTEs of the mm
     * and not yet completed the TLB flush that makes the change visible to every CPU.
     */
    public boolean mmTlbFlushPending(int mm) {
        return m.atomicRead(l.mm(mm, MM_TLB_FLUSH_PENDING)) > 0;
    }

    /**
     * {@code mm_tlb_flush_nested(mm)} (4.15, 99baac21e458): more than one thread has a flush of the mm
     * pending, so one that saw nothing to flush may return before another's flush reaches the CPUs.
     */
    public boolean mmTlbFlushNested(int mm) {
        return m.atomicRead(l.mm(mm, MM_TLB_FLUSH_PENDING)) > 1;
    }

    /**
     * {@code set_tlb_flush_pending(mm)} (Linux 4.9; {@code inc_tlb_flush_pending} since 4.14, a count, so
     * that concurrent flushers under {@code mmap_sem} for read do not clear each other's).
     */
    public void setTlbFlushPending(int mm) {
        m.atomicAdd(l.mm(mm, MM_TLB_FLUSH_PENDING), 1);
    }

    /** {@code clear_tlb_flush_pending(mm)} ({@code dec_tlb_flush_pending} since 4.14). */
    public void clearTlbFlushPending(int mm) {
        m.atomicAdd(l.mm(mm, MM_TLB_FLUSH_PENDING), -1);
    }

    /** {@code mm->tlb_flush_batched} (4.13, 3ea277194daa): reclaim deferred a flush of this mm. */
    public boolean tlbFlushBatched(int mm) {
        return m.get(l.mm(mm, MM_TLB_FLUSH_BATCHED)) != 0;
    }

    public void setTlbFlushBatched(int mm, boolean v) {
        m.set(l.mm(mm, MM_TLB_FLUSH_BATCHED), v ? 1 : 0);
    }

    /**
     * {@code pte_accessible(mm, pte)} (arch/x86/include/asm/pgtable.h, Linux 4.9; ARM's macro computes the
     * same): could a CPU still translate through this PTE? A valid PTE, or — while a flush of the mm is
     * pending — a present one (a {@code PROT_NONE} PTE whose old, accessible translation may still be
     * cached). {@code mm_tlb_flush_pending} is read only for a present, invalid PTE, as x86 does.
     */
    public boolean pteAccessible(int mm, int pte) {
        if (!Pte.ptePresent(pte)) {
            return false;
        }
        return Pte.pteValid(pte) || mmTlbFlushPending(mm);
    }

    // ---- interrupts ----

    /** Whether {@code cpu} runs with interrupts disabled (an IPI to it waits). */
    public boolean irqsDisabled(int cpu) {
        return m.get(l.cpu(cpu, CPU_IRQS_OFF)) != 0;
    }

    /**
     * An IPI is delivered to {@code cpu} and its handler runs there: until {@link #ipiEnd}, accesses are that
     * CPU's, in one interrupt (one compound access for the audit).
     */
    public void ipiBegin(int cpu) {
        m.interruptBegin(cpu);
    }

    public void ipiEnd() {
        m.interruptEnd();
    }

    /** {@code local_irq_disable()} on the current thread's CPU. */
    public void localIrqDisable() {
        m.set(l.cpu(current.cpu(), CPU_IRQS_OFF), current.tid() + 1);
    }

    /** {@code local_irq_enable()} on the current thread's CPU. */
    public void localIrqEnable() {
        m.set(l.cpu(current.cpu(), CPU_IRQS_OFF), 0);
    }

    // ---- ghost: completed revocations ----

    /**
     * Ghost: an operation that revoked translations of {@code [start, end)} of {@code mm} (all of the mm
     * when {@code end} is 0) has flushed and is returning, holding {@code mmap_sem} for write — no other
     * thread can have made a translation of the range since. Every entry of the range that still caches
     * a revoked translation is marked: with {@code writeOnly} (write permission revoked: {@code mprotect}
     * to read-only, fork's write-protection of COW pages) the writable ones, otherwise all of them
     * ({@code munmap}, the old range of {@code mremap}, {@code PROT_NONE}).
     */
    public void revocationComplete(int mm, int start, int end, boolean writeOnly) {
        m.ghostBegin();
        revoke(mm, start, end, writeOnly);
        m.ghostEnd();
    }

    private void revoke(int mm, int start, int end, boolean writeOnly) {
        for (int cpu = 0; cpu < c.nrCpus(); cpu++) {
            for (int e = 0; e < c.tlbEntries(); e++) {
                if (entryMm(cpu, e) == mm && (end == 0 || entryAddr(cpu, e) >= start && entryAddr(cpu, e) < end)
                        && (!writeOnly || Pte.pteWrite(entryPte(cpu, e)))) {
                    m.set(l.tlb(cpu, e, TLB_REVOKED), 1);
                }
            }
        }
    }

    /** Ghost event: the current thread accessed {@code addr} of {@code mm} through a revoked entry. */
    public void recordRevokedAccess(int mm, int addr) {
        m.ghostBegin();
        if (m.get(G_STALE_TLB_TID) == 0) {
            m.set(G_STALE_TLB_TID, current.tid() + 1);
            m.set(G_STALE_TLB_MM, mm);
            m.set(G_STALE_TLB_ADDR, addr);
        }
        m.ghostEnd();
    }
}
