package org.mmspec.ref.threads;

import static org.mmspec.ref.state.Layout.AV_LOCK_READERS;
import static org.mmspec.ref.state.Layout.AV_LOCK_WAITERS;
import static org.mmspec.ref.state.Layout.AV_LOCK_WRITER;
import static org.mmspec.ref.state.Layout.CPU_IRQS_OFF;
import static org.mmspec.ref.state.Layout.F_IMMAP_READERS;
import static org.mmspec.ref.state.Layout.F_IMMAP_WAITERS;
import static org.mmspec.ref.state.Layout.F_IMMAP_WRITER;
import static org.mmspec.ref.state.Layout.MM_SEM_READERS;
import static org.mmspec.ref.state.Layout.MM_SEM_WAITERS;
import static org.mmspec.ref.state.Layout.MM_SEM_WRITER;
import static org.mmspec.ref.state.Layout.PG_LOCKER;

import java.util.function.IntFunction;
import org.mmspec.ref.filemap.PageWaitQueue;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.KernelBlock;
import org.mmspec.ref.sync.Locks;

/** Turns what a thread waits for into a {@link KernelBlock}, naming the holder. */
public final class BlockReasons {

    private final Layout l;
    private final Mem m;
    private final Threads threads;
    private final Pages pages;
    private final PageWaitQueue waitQueue;
    private final Executor executor;

    public BlockReasons(Layout l, Mem m, Threads threads, Pages pages, PageWaitQueue waitQueue, Executor executor) {
        this.l = l;
        this.m = m;
        this.threads = threads;
        this.pages = pages;
        this.waitQueue = waitQueue;
        this.executor = executor;
    }

    /**
     * Why {@code tid} cannot move in the loaded state: from its sleep (wait queue, idle) or from the
     * lock its last step attempt blocked on. Threads are named with {@code names}.
     */
    public KernelBlock describe(int tid, IntFunction<String> names) {
        ThreadStatus s = threads.status(tid);
        if (s == ThreadStatus.IDLE) {
            return new KernelBlock.OnKswapdWait(0);
        }
        if (s == ThreadStatus.SLEEPING) {
            int pfn = waitQueue.waitedPfn(tid);
            int bit = waitQueue.waitedBit(tid);
            if (bit == PageFlag.WRITEBACK.bit()) {
                return new KernelBlock.OnPageWriteback(pfn);
            }
            return new KernelBlock.OnPageLock(pfn, pageLockHolder(pfn, names));
        }
        if (s == ThreadStatus.WAITING) {
            return rwsemWait(tid, names);
        }
        Executor e = executor;
        int a = e.blockA();
        return switch (e.blockKind()) {
            case PTL -> new KernelBlock.OnPtl(a, e.blockB(), names.apply(m.get(l.ptl(a, e.blockB())) - 1));
            case IPI -> new KernelBlock.OnIpi(a, names.apply(m.get(l.cpu(a, CPU_IRQS_OFF)) - 1));
            case MMAP_SEM_READ, MMAP_SEM_WRITE, ANON_VMA_READ, ANON_VMA_WRITE, I_MMAP_READ, I_MMAP_WRITE, NONE ->
                new KernelBlock.Unexplained();
        };
    }

    /** The rwsem {@code tid} is queued on (from its wait word), with holders and the waiters ahead of it. */
    private KernelBlock rwsemWait(int tid, IntFunction<String> names) {
        int readers = threads.rwsemWait(tid) - 1;
        Config c = l.config();
        for (int mm = 0; mm < c.nrMms(); mm++) {
            if (l.mm(mm, MM_SEM_READERS) == readers) {
                Queued q = queued(tid, readers, l.mm(mm, MM_SEM_WRITER), l.mm(mm, MM_SEM_WAITERS), names);
                return new KernelBlock.OnMmapSem(mm, q.write, q.holders, q.ahead);
            }
        }
        for (int av = 0; av < c.nrAnonVmas(); av++) {
            if (l.anonVma(av, AV_LOCK_READERS) == readers) {
                Queued q = queued(tid, readers, l.anonVma(av, AV_LOCK_WRITER), l.anonVma(av, AV_LOCK_WAITERS), names);
                return new KernelBlock.OnAnonVma(av, q.write, q.holders, q.ahead);
            }
        }
        for (int f = 0; f < c.nrFiles(); f++) {
            if (l.file(f, F_IMMAP_READERS) == readers) {
                Queued q = queued(tid, readers, l.file(f, F_IMMAP_WRITER), l.file(f, F_IMMAP_WAITERS), names);
                return new KernelBlock.OnIMmap(f, q.write, q.holders, q.ahead);
            }
        }
        return new KernelBlock.Unexplained();
    }

    private record Queued(boolean write, String holders, String ahead) {
    }

    private Queued queued(int tid, int readers, int writer, int waiters, IntFunction<String> names) {
        int q = m.get(waiters);
        int n = Locks.length(q);
        for (int i = 0; i < n; i++) {
            int e = Locks.entry(q, i);
            if ((e & (Locks.WRITE_WAITER - 1)) == tid + 1) {
                return new Queued((e & Locks.WRITE_WAITER) != 0, Locks.holders(m.get(readers), m.get(writer), names),
                        Locks.waiters(q, 0, i, names));
            }
        }
        return new Queued(false, Locks.holders(m.get(readers), m.get(writer), names), "");
    }

    private String pageLockHolder(int pfn, IntFunction<String> names) {
        if (pfn < 0) {
            return "nobody";
        }
        int locker = m.get(l.page(pfn, PG_LOCKER));
        if (!pages.pageFlag(pfn, PageFlag.LOCKED)) {
            return "nobody: the page is unlocked";
        }
        return locker == 0 ? "unknown" : names.apply(locker - 1);
    }
}
