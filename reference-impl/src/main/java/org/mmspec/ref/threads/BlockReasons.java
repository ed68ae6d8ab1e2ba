package org.mmspec.ref.threads;

import static org.mmspec.ref.state.Layout.AV_LOCK_READERS;
import static org.mmspec.ref.state.Layout.AV_LOCK_WRITER;
import static org.mmspec.ref.state.Layout.F_IMMAP_READERS;
import static org.mmspec.ref.state.Layout.F_IMMAP_WRITER;
import static org.mmspec.ref.state.Layout.MM_SEM_READERS;
import static org.mmspec.ref.state.Layout.MM_SEM_WRITER;
import static org.mmspec.ref.state.Layout.PG_LOCKER;

import org.mmspec.ref.Kernel;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.KernelBlock;
import org.mmspec.ref.sync.Locks;

/** Turns what a thread waits for into a {@link KernelBlock}, naming the holder. */
public final class BlockReasons {

    private BlockReasons() {
    }

    /**
     * Why {@code tid} cannot move in the loaded state: from its sleep (wait queue, idle) or from the
     * lock its last step attempt blocked on.
     */
    public static KernelBlock describe(Kernel k, int tid) {
        return describe(k, tid, t -> "T" + t);
    }

    /** As {@link #describe(Kernel, int)}, naming threads with {@code names}. */
    public static KernelBlock describe(Kernel k, int tid, java.util.function.IntFunction<String> names) {
        Layout l = k.layout();
        Mem m = k.mem();
        ThreadStatus s = k.threads().status(tid);
        if (s == ThreadStatus.IDLE) {
            return new KernelBlock.OnKswapdWait(0);
        }
        if (s == ThreadStatus.SLEEPING) {
            int pfn = k.pageWaitQueue().waitedPfn(tid);
            int bit = k.pageWaitQueue().waitedBit(tid);
            if (bit == PageFlag.WRITEBACK.bit()) {
                return new KernelBlock.OnPageWriteback(pfn);
            }
            return new KernelBlock.OnPageLock(pfn, pageLockHolder(k, pfn, names));
        }
        Executor e = k.executor();
        int a = e.blockA();
        return switch (e.blockKind()) {
            case MMAP_SEM_READ, MMAP_SEM_WRITE -> new KernelBlock.OnMmapSem(a, e.blockKind() == BlockKind.MMAP_SEM_WRITE,
                    Locks.holders(m.get(l.mm(a, MM_SEM_READERS)), m.get(l.mm(a, MM_SEM_WRITER)), names));
            case PTL -> new KernelBlock.OnPtl(a, e.blockB(), names.apply(m.get(l.ptl(a, e.blockB())) - 1));
            case ANON_VMA_READ, ANON_VMA_WRITE -> new KernelBlock.OnAnonVma(a, e.blockKind() == BlockKind.ANON_VMA_WRITE,
                    Locks.holders(m.get(l.anonVma(a, AV_LOCK_READERS)), m.get(l.anonVma(a, AV_LOCK_WRITER)), names));
            case I_MMAP_READ, I_MMAP_WRITE -> new KernelBlock.OnIMmap(a, e.blockKind() == BlockKind.I_MMAP_WRITE,
                    Locks.holders(m.get(l.file(a, F_IMMAP_READERS)), m.get(l.file(a, F_IMMAP_WRITER)), names));
            case NONE -> new KernelBlock.Unexplained();
        };
    }

    private static String pageLockHolder(Kernel k, int pfn, java.util.function.IntFunction<String> names) {
        if (pfn < 0) {
            return "nobody";
        }
        int locker = k.mem().get(k.layout().page(pfn, PG_LOCKER));
        if (!k.pages().pageFlag(pfn, PageFlag.LOCKED)) {
            return "nobody: the page is unlocked";
        }
        return locker == 0 ? "unknown" : names.apply(locker - 1);
    }
}
