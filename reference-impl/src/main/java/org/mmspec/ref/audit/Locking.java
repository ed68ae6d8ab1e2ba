package org.mmspec.ref.audit;

import static org.mmspec.ref.state.Layout.AV_LOCK_READERS;
import static org.mmspec.ref.state.Layout.AV_LOCK_WRITER;
import static org.mmspec.ref.state.Layout.AV_ROOT;
import static org.mmspec.ref.state.Layout.F_IMMAP_READERS;
import static org.mmspec.ref.state.Layout.F_IMMAP_WRITER;
import static org.mmspec.ref.state.Layout.MM_SEM_READERS;
import static org.mmspec.ref.state.Layout.MM_SEM_WRITER;
import static org.mmspec.ref.state.Layout.PG_FLAGS;
import static org.mmspec.ref.state.Layout.PG_LOCKER;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.state.ScopedLock;
import org.mmspec.ref.sync.Locks;

/**
 * Which locks the running thread holds, read from the state (lock words, the page lock's ghost holder)
 * and from the step's own record of the locks it holds only inside the step. Reads are unreported
 * ({@link Mem#peek}).
 */
final class Locking {

    private static final int MAX_SCOPED = 16;

    private final Layout l;
    private final Config c;
    private final Mem m;
    private final int[] scoped = new int[MAX_SCOPED];
    private int nScoped;
    private int tid;

    Locking(Layout l, Mem m) {
        this.l = l;
        this.c = l.config();
        this.m = m;
    }

    void reset(int tid) {
        this.tid = tid;
        this.nScoped = 0;
    }

    // ---- locks held only inside the step ----

    /** Records a scoped acquisition; false if the thread already holds it (a self-deadlock). */
    boolean acquireScoped(int encoded) {
        if (holdsScoped(encoded) || nScoped == MAX_SCOPED) {
            return false;
        }
        scoped[nScoped++] = encoded;
        return true;
    }

    /** Records a scoped release; false if the thread did not hold it. */
    boolean releaseScoped(int encoded) {
        for (int i = 0; i < nScoped; i++) {
            if (scoped[i] == encoded) {
                scoped[i] = scoped[--nScoped];
                return true;
            }
        }
        return false;
    }

    boolean holdsScoped(int encoded) {
        for (int i = 0; i < nScoped; i++) {
            if (scoped[i] == encoded) {
                return true;
            }
        }
        return false;
    }

    boolean holdsScoped(ScopedLock lock, int obj) {
        return holdsScoped(lock.encode(obj));
    }

    /** A scoped lock still held (a step must not end holding one), or -1. */
    int leakedScoped() {
        return nScoped == 0 ? -1 : scoped[0];
    }

    // ---- locks in the state ----

    boolean holdsWaitQueueLock() {
        return m.peek(l.waitQueueLock()) == tid + 1;
    }

    boolean holdsPtl(int mm, int table) {
        return m.peek(l.ptl(mm, table)) == tid + 1;
    }

    /** Whether the thread holds the PTE lock of a page table with a present PTE that maps {@code pfn}. */
    boolean holdsPtlMapping(int pfn) {
        int tables = l.pgdsPerMm * c.ptrsPerPmd();
        for (int mm = 1; mm < c.nrMms(); mm++) {
            for (int t = 0; t < tables; t++) {
                if (m.peek(l.ptl(mm, t)) != tid + 1) {
                    continue;
                }
                for (int i = 0; i < c.ptrsPerPte(); i++) {
                    int pte = m.peek(l.pte(mm, t * c.ptrsPerPte() + i));
                    if (Pte.ptePresent(pte) && Pte.ptePfn(pte) == pfn) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    boolean holdsMmapSem(int mm, boolean write) {
        if (m.peek(l.mm(mm, MM_SEM_WRITER)) == tid + 1) {
            return true;
        }
        return !write && reads(m.peek(l.mm(mm, MM_SEM_READERS)));
    }

    /** Whether a readers word counts read holds of the running thread ({@code Locks}: 4 bits per thread). */
    private boolean reads(int readers) {
        return Locks.readHolds(readers, tid) != 0;
    }

    boolean holdsPageLock(int pfn) {
        return (m.peek(l.page(pfn, PG_FLAGS)) & PageFlag.LOCKED.mask()) != 0
                && m.peek(l.page(pfn, PG_LOCKER)) == tid + 1;
    }

    boolean holdsAnonVma(int av, boolean write) {
        int root = m.peek(l.anonVma(av, AV_ROOT));
        if (m.peek(l.anonVma(root, AV_LOCK_WRITER)) == tid + 1) {
            return true;
        }
        return !write && reads(m.peek(l.anonVma(root, AV_LOCK_READERS)));
    }

    /**
     * Whether the thread holds any rmap lock (an {@code i_mmap_rwsem} or an anon_vma rwsem): rmap walkers
     * read the VMAs of the interval tree or chain they hold.
     */
    boolean holdsRmapLock() {
        for (int f = 0; f < c.nrFiles(); f++) {
            if (m.peek(l.file(f, F_IMMAP_WRITER)) == tid + 1 || reads(m.peek(l.file(f, F_IMMAP_READERS)))) {
                return true;
            }
        }
        for (int av = 0; av < c.nrAnonVmas(); av++) {
            if (m.peek(l.anonVma(av, AV_LOCK_WRITER)) == tid + 1 || reads(m.peek(l.anonVma(av, AV_LOCK_READERS)))) {
                return true;
            }
        }
        return false;
    }
}
