package org.mmspec.ref.sync;

import static org.mmspec.ref.state.Layout.TH_HELD;

import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;

/**
 * The thread whose step is running ({@code current} in kernel terms), as kernel objects see it: its id
 * and CPU, the ghost count of the locks it holds (for the {@code lock_order} invariant and the
 * executor's checks), and, when a lock it wants is taken, what it waits for. One instance serves a
 * machine; the step executor makes a thread current at the start of each step ({@link #enter}).
 */
public final class Current {

    private final Layout l;
    private final Mem m;
    private final Ghost ghost;
    private final int nrCpus;
    private int tid;
    private int acquiredThisStep;
    private BlockKind blockKind = BlockKind.NONE;
    private int blockA;
    private int blockB;
    private boolean queued;
    /** Whether a step of the current thread is running (accesses are checked only then). */
    private boolean stepping;
    /** Blocks whose count this step took to (or from) zero: their first pfn and order, packed. */
    private final int[] owned = new int[8];
    private int ownedCount;
    /** The scoped {@code lru_lock}s the running step holds (ghost bookkeeping, issue 10). */
    private int lruLocks;

    public Current(Config c, Layout l, Mem m, Ghost ghost) {
        this.l = l;
        this.m = m;
        this.ghost = ghost;
        this.nrCpus = c.nrCpus();
        this.tid = c.nrThreads();
    }

    /** Makes {@code tid} current at the start of one of its steps (the step executor's call). */
    public void enter(int tid) {
        this.tid = tid;
        this.blockKind = BlockKind.NONE;
        this.acquiredThisStep = 0;
        this.queued = false;
        this.stepping = true;
        this.ownedCount = 0;
        this.lruLocks = 0;
    }

    /** The step is over: accesses are no longer the current thread's (views, setups). */
    public void leave() {
        this.stepping = false;
        this.ownedCount = 0;
        this.lruLocks = 0;
    }

    /** Ghost: the running step took ({@code +1}) or dropped ({@code -1}) an {@code lru_lock}. */
    public void lruLock(int delta) {
        lruLocks += delta;
    }

    /** Whether a step is running. */
    public boolean stepping() {
        return stepping;
    }

    /**
     * This step owns the block of {@code 2^order} pages at {@code pfn} with no reference on it: it dropped
     * the last reference (and frees it), froze the count, or is the allocator handing it out.
     */
    public void ownZeroCount(int pfn, int order) {
        if (ownedCount < owned.length) {
            owned[ownedCount++] = pfn << 5 | order;
        }
    }

    /** Whether this step owns {@code pfn} at a zero count ({@link #ownZeroCount}). */
    public boolean ownsZeroCount(int pfn) {
        for (int i = 0; i < ownedCount; i++) {
            int first = owned[i] >>> 5;
            if (pfn >= first && pfn < first + (1 << (owned[i] & 31))) {
                return true;
            }
        }
        return false;
    }

    /** The current thread id. */
    public int tid() {
        return tid;
    }

    /** The CPU the current thread runs on ({@code smp_processor_id()}). */
    public int cpu() {
        return tid % nrCpus;
    }

    /**
     * Notes a blocking acquisition of a lock of class {@code c} (or an attempt that is about to sleep).
     * If the thread already holds a lock of a later class, the first such inversion is recorded for
     * the {@code lock_order} invariant.
     */
    public void acquiring(LockClass c) {
        ghost.checkLockOrder(tid, c);
    }

    /** Ghost: whether the running step holds an {@code lru_lock} (held only inside a step). */
    public boolean holdsLruLock() {
        return stepping && lruLocks > 0;
    }

    /** Counts a lock of class {@code c} as held (after acquiring or a successful trylock). */
    public void held(LockClass c) {
        int w = l.thread(tid, TH_HELD);
        int count = (m.get(w) >>> c.shift()) & LockClass.MAX_HELD;
        if (count == LockClass.MAX_HELD) {
            throw new Oops(OopsKind.MODEL_CAPACITY, -2, c.ordinal());
        }
        m.add(w, 1 << c.shift());
        acquiredThisStep++;
    }

    /**
     * Counts a lock of class {@code c} as held by {@code other}, which a waker handed it to (an rwsem
     * granted to a queued reader).
     */
    public void heldFor(int other, LockClass c) {
        int w = l.thread(other, TH_HELD);
        int count = (m.get(w) >>> c.shift()) & LockClass.MAX_HELD;
        if (count == LockClass.MAX_HELD) {
            throw new Oops(OopsKind.MODEL_CAPACITY, -2, c.ordinal());
        }
        m.add(w, 1 << c.shift());
    }

    /**
     * Counts a lock of class {@code c} as released. The page lock and {@code PG_writeback} may be released
     * by another context than the one that took them (I/O completion unlocks pages and ends write-back),
     * so they are not checked.
     */
    public void released(LockClass c) {
        int w = l.thread(tid, TH_HELD);
        int count = (m.get(w) >>> c.shift()) & LockClass.MAX_HELD;
        if (count == 0) {
            if (c == LockClass.PAGE_LOCK || c == LockClass.WRITEBACK) {
                return;
            }
            throw new Oops(OopsKind.UNLOCK_NOT_HELD, c.ordinal(), 0);
        }
        m.add(w, -(1 << c.shift()));
    }

    /**
     * The step cannot be taken now; records what it waits for. A step that already took a lock must not
     * block on another: the state "holding one, waiting for the other" would be lost (the whole step is
     * discarded), so that is reported as a model error — end the step before the second acquisition.
     */
    public void block(BlockKind kind, int a, int b) {
        if (acquiredThisStep > 0) {
            throw new Oops(OopsKind.MODEL_MISUSE, 100 + kind.ordinal(), acquiredThisStep);
        }
        blockKind = kind;
        blockA = a;
        blockB = b;
    }

    /**
     * The thread queued itself on a lock's wait list and goes to sleep (an rwsem's slow path): unlike
     * {@link #block}, the step is kept — the queue entry is state. The same rule applies: the step must not
     * have taken a lock before.
     */
    public void queue(BlockKind kind, int a, int b) {
        block(kind, a, b);
        queued = true;
    }

    /** Whether this step ended by queueing the thread on a wait list ({@link #queue}). */
    public boolean queued() {
        return queued;
    }

    /** What the current step blocked on ({@link BlockKind#NONE} unless it just blocked on a lock). */
    public BlockKind blockKind() {
        return blockKind;
    }

    public int blockA() {
        return blockA;
    }

    public int blockB() {
        return blockB;
    }
}
