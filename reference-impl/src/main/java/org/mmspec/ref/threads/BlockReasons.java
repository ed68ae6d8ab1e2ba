package org.mmspec.ref.threads;

import static org.mmspec.ref.state.Layout.AV_LOCK_READERS;
import static org.mmspec.ref.state.Layout.CPU_IRQS_OFF;
import static org.mmspec.ref.state.Layout.F_IMMAP_READERS;
import static org.mmspec.ref.state.Layout.MM_SEM_READERS;
import static org.mmspec.ref.state.Layout.PG_LOCKER;
import static org.mmspec.ref.state.Layout.PG_OWNERS;
import static org.mmspec.ref.state.Layout.PG_WB_OWNER_MASK;

import java.util.function.IntFunction;
import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.filemap.PageWaitQueue;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.sched.Threads;
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
    private final Bios bios;
    private final Executor executor;
    /** The procedure number of the block device's completion context ({@code io_completion}). */
    private final int ioCompletion;

    /**
     * @param ioCompletion the procedure number of {@code io_completion}: a wait for queued I/O in a machine
     *     where no thread runs it can never end, and the reason says what to add
     */
    public BlockReasons(Layout l, Mem m, Threads threads, Pages pages, PageWaitQueue waitQueue, Bios bios,
            Executor executor, int ioCompletion) {
        this.l = l;
        this.m = m;
        this.threads = threads;
        this.pages = pages;
        this.waitQueue = waitQueue;
        this.bios = bios;
        this.executor = executor;
        this.ioCompletion = ioCompletion;
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
                return new KernelBlock.OnPageWriteback(pfn, writebackEnder(pfn, names));
            }
            return new KernelBlock.OnPageLock(pfn, pageLockHolder(pfn, names));
        }
        Executor e = executor;
        int a = e.blockA();
        BlockKind kind = e.blockKind();
        return switch (kind) {
            case MMAP_SEM_READ, MMAP_SEM_WRITE -> {
                Queued q = queued(tid, l.mm(a, MM_SEM_READERS), names);
                yield new KernelBlock.OnMmapSem(a, kind == BlockKind.MMAP_SEM_WRITE, q.holders, q.ahead);
            }
            case PTL -> new KernelBlock.OnPtl(a, e.blockB(), names.apply(m.get(l.ptl(a, e.blockB())) - 1));
            case ANON_VMA_READ, ANON_VMA_WRITE -> {
                Queued q = queued(tid, l.anonVma(a, AV_LOCK_READERS), names);
                yield new KernelBlock.OnAnonVma(a, kind == BlockKind.ANON_VMA_WRITE, q.holders, q.ahead);
            }
            case I_MMAP_READ, I_MMAP_WRITE -> {
                Queued q = queued(tid, l.file(a, F_IMMAP_READERS), names);
                yield new KernelBlock.OnIMmap(a, kind == BlockKind.I_MMAP_WRITE, q.holders, q.ahead);
            }
            case REQUEST_QUEUE -> new KernelBlock.OnRequestQueue(a);
            case PIPE_EMPTY -> new KernelBlock.OnPipe(a);
            case SWAP_USERS -> new KernelBlock.OnSwapUsers(a);
            case WAIT_QUEUE_LOCK -> new KernelBlock.OnWaitQueueLock(names.apply(m.get(l.waitQueueLock()) - 1));
            case IPI -> new KernelBlock.OnIpi(a, names.apply(m.get(l.cpu(a, CPU_IRQS_OFF)) - 1));
            case NONE -> new KernelBlock.Unexplained();
        };
    }

    private record Queued(String holders, String ahead) {
    }

    /**
     * The holders of the rwsem whose readers word is {@code readers} (its writer and wait list follow it), and
     * the waiters queued before {@code tid} (writer preference: a reader waits behind a waiting writer).
     */
    private Queued queued(int tid, int readers, IntFunction<String> names) {
        String holders = Locks.holders(m.get(readers), m.get(readers + 1), names);
        int q = m.get(readers + 2);
        int n = Locks.length(q);
        for (int i = 0; i < n; i++) {
            if ((Locks.entry(q, i) & (Locks.WRITE_WAITER - 1)) == tid + 1) {
                return new Queued(holders, Locks.waiters(q, 0, i, names));
            }
        }
        return new Queued(holders, "");
    }

    /** Who will end the write-back of {@code pfn}: its owner before submission, or the I/O in flight. */
    private String writebackEnder(int pfn, IntFunction<String> names) {
        if (pfn < 0 || !pages.pageFlag(pfn, PageFlag.WRITEBACK)) {
            return "already ended";
        }
        int owner = m.get(l.page(pfn, PG_OWNERS)) & PG_WB_OWNER_MASK;
        if (owner != 0) {
            return "set by " + names.apply(owner - 1) + ", which has not submitted the write yet";
        }
        return bios.queued(pfn) ? "ended by the completion of the write queued for it" + noIoContext()
                : "no write is queued for it: the completion context has it, or nothing will end it";
    }

    private String pageLockHolder(int pfn, IntFunction<String> names) {
        if (pfn < 0) {
            return "nobody";
        }
        int locker = m.get(l.page(pfn, PG_LOCKER));
        if (!pages.pageFlag(pfn, PageFlag.LOCKED)) {
            return "nobody: the page is unlocked";
        }
        if (bios.queued(pfn)) {
            return "the I/O queued for it, whose completion unlocks it; locked by " + names.apply(locker - 1)
                    + noIoContext();
        }
        return locker == 0 ? "unknown" : names.apply(locker - 1);
    }

    /**
     * Empty when some thread runs {@code io_completion}; otherwise what the scenario lacks: queued I/O
     * completes only there (the kernel's interrupt or workqueue context always exists; a scenario has it
     * only if it declares it).
     */
    private String noIoContext() {
        int slots = l.config().threadSlots();
        for (int tid = 0; tid < slots; tid++) {
            ThreadStatus s = threads.status(tid);
            if (s != ThreadStatus.EMPTY && s != ThreadStatus.FINISHED && threads.depth(tid) > 0
                    && threads.procedureNumberAt(tid, 0) == ioCompletion) {
                return "";
            }
        }
        return "; no thread runs io_completion, so it never completes: add `thread io = io_completion();`";
    }
}
