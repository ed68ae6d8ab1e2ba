package org.mmspec.ref.state;

/**
 * The mutable working copy of a state vector that kernel code reads and writes during a step.
 *
 * <p>Every write goes through {@link #set} (or one of the atomic and lock operations), which keeps the
 * {@link Fingerprint} up to date. A step starts from {@link #load(KernelState)} (a copy into this
 * machine's own scratch vector, which is reused: loading allocates nothing) and ends with
 * {@link #snapshot()} (the one allocation of a step: the successor's words); the loaded state itself is
 * never modified, so mutation is invisible to holders of states.
 *
 * <p>In audit mode an {@link AccessSink} is attached and every access is reported with its kind: plain
 * reads and writes through {@link #get} and {@link #set}, atomic operations through the {@code atomic*}
 * and {@code testAnd*} methods, lock operations through {@link #lockOp} and {@link #lockScoped}. Without
 * a sink (the ordinary search) each of these costs one null test. {@link #peek} and {@link #poke} are
 * never reported: they are for the running thread's own bookkeeping (its frames), which the audit
 * declares thread-local, and for the audit itself.
 */
public final class Mem {

    /** The vector this machine owns and writes; {@link #w} is it, except after {@link #loadForReading}. */
    private int[] scratch;
    private int[] w;
    private long fp;
    /** The state {@link #load} copied last into {@link #scratch}, and the undo log of what was written since. */
    private KernelState loaded;
    private final int[] dirty = new int[UNDO_WORDS];
    /** Writes since the last load (past {@link #UNDO_WORDS}: the log overflowed, the next load copies all). */
    private int dirtyCount;
    private static final int UNDO_WORDS = 256;
    private AccessSink sink;

    public Mem(int[] words) {
        this.scratch = words;
        this.w = words;
        this.fp = Fingerprint.of(words);
    }

    /**
     * Starts working on a private copy of {@code s} (in the reused scratch vector). Loading the state
     * loaded last again (the next thread's step from the same state) only restores the words the steps
     * since then wrote, from the undo log; otherwise the whole vector is copied.
     */
    public void load(KernelState s) {
        if (s == loaded && w == scratch && dirtyCount <= dirty.length) {
            int[] from = s.wordsForReading();
            for (int k = 0; k < dirtyCount; k++) {
                int i = dirty[k];
                scratch[i] = from[i];
            }
        } else {
            if (scratch.length != s.size()) {
                scratch = new int[s.size()];
            }
            s.copyWords(scratch);
        }
        dirtyCount = 0;
        loaded = s;
        this.w = scratch;
        this.fp = s.fingerprint();
    }

    /** Reads {@code s} without copying; the caller must not write (used by read-only views). */
    public void loadForReading(KernelState s) {
        this.w = s.wordsForReading();
        this.fp = s.fingerprint();
    }

    /** Freezes a copy of the current words into a state; further writes go on in this machine's vector. */
    public KernelState snapshot() {
        return new KernelState(w.clone(), fp);
    }

    /**
     * The current words as a state without copying them: valid only until this machine's next write or
     * {@link #load} (see {@code TransitionSystem.stepTransient}); {@link KernelState#copyWords} copies it.
     */
    public KernelState transientView() {
        return new KernelState(w, fp);
    }

    /** Reports every access to {@code s} from now on ({@code null}: audit off). */
    public void attach(AccessSink s) {
        this.sink = s;
    }

    /** The attached sink, or {@code null}. */
    public AccessSink sink() {
        return sink;
    }

    // ---- plain accesses ----

    public int get(int i) {
        AccessSink s = sink;
        if (s != null) {
            s.access(i, -1, AccessKind.READ);
        }
        return w[i];
    }

    public void set(int i, int v) {
        AccessSink s = sink;
        if (s != null) {
            s.access(i, -1, AccessKind.WRITE);
        }
        store(i, v);
    }

    /** A plain (non-atomic) increment: a read and a write. */
    public void add(int i, int delta) {
        set(i, get(i) + delta);
    }

    /** {@code test_bit}: a plain read of the bits {@code bit}. */
    public boolean test(int i, int bit) {
        AccessSink s = sink;
        if (s != null) {
            s.access(i, bit, AccessKind.READ);
        }
        return (w[i] & bit) != 0;
    }

    /** {@code __set_bit}: a non-atomic read-modify-write of the whole word. */
    public void setBits(int i, int bits) {
        AccessSink s = sink;
        if (s != null) {
            s.access(i, bits, AccessKind.NONATOMIC_BITOP);
        }
        store(i, w[i] | bits);
    }

    /** {@code __clear_bit}: a non-atomic read-modify-write of the whole word. */
    public void clearBits(int i, int bits) {
        AccessSink s = sink;
        if (s != null) {
            s.access(i, bits, AccessKind.NONATOMIC_BITOP);
        }
        store(i, w[i] & ~bits);
    }

    // ---- atomic accesses ----

    /** {@code atomic_read}. */
    public int atomicRead(int i) {
        AccessSink s = sink;
        if (s != null) {
            s.access(i, -1, AccessKind.ATOMIC_READ);
        }
        return w[i];
    }

    /** {@code atomic_add_return}: returns the new value. */
    public int atomicAdd(int i, int delta) {
        AccessSink s = sink;
        if (s != null) {
            s.access(i, -1, AccessKind.ATOMIC_RMW);
        }
        store(i, w[i] + delta);
        return w[i];
    }

    /** {@code atomic_cmpxchg}: sets {@code v} if the word is {@code expect}; returns the old value. */
    public int cmpxchg(int i, int expect, int v) {
        AccessSink s = sink;
        if (s != null) {
            s.access(i, -1, AccessKind.ATOMIC_RMW);
        }
        int old = w[i];
        if (old == expect) {
            store(i, v);
        }
        return old;
    }

    /** {@code set_bit}: atomic. */
    public void atomicSetBits(int i, int bits) {
        AccessSink s = sink;
        if (s != null) {
            s.access(i, bits, AccessKind.ATOMIC_RMW);
        }
        store(i, w[i] | bits);
    }

    /** {@code clear_bit}: atomic. */
    public void atomicClearBits(int i, int bits) {
        AccessSink s = sink;
        if (s != null) {
            s.access(i, bits, AccessKind.ATOMIC_RMW);
        }
        store(i, w[i] & ~bits);
    }

    /** {@code test_and_set_bit}: atomic; returns whether any of the bits was set. */
    public boolean testAndSetBits(int i, int bits) {
        AccessSink s = sink;
        if (s != null) {
            s.access(i, bits, AccessKind.ATOMIC_RMW);
        }
        boolean old = (w[i] & bits) != 0;
        store(i, w[i] | bits);
        return old;
    }

    /** {@code test_and_clear_bit}: atomic; returns whether any of the bits was set. */
    public boolean testAndClearBits(int i, int bits) {
        AccessSink s = sink;
        if (s != null) {
            s.access(i, bits, AccessKind.ATOMIC_RMW);
        }
        boolean old = (w[i] & bits) != 0;
        store(i, w[i] & ~bits);
        return old;
    }

    // ---- locks ----

    /**
     * A lock operation on the lock word {@code i} (bits {@code mask}; -1 for the whole word): stores
     * {@code v} and reports {@code kind}. The lock primitive decides availability with {@link #peek}; the
     * operation is one access.
     */
    public void lockOp(int i, int mask, int v, AccessKind kind) {
        AccessSink s = sink;
        if (s != null) {
            s.access(i, mask, kind);
        }
        store(i, v);
    }

    /** A lock primitive is about to try a blocking acquisition of the lock word {@code i}. */
    public void blockingAttempt(int i, AccessKind kind) {
        AccessSink s = sink;
        if (s != null) {
            s.blockingAttempt(i, kind);
        }
    }

    /** Takes a lock held only inside this step (an event in audit mode, nothing otherwise). */
    public void lockScoped(ScopedLock lock, int obj) {
        AccessSink s = sink;
        if (s != null) {
            s.scoped(lock, obj, true);
        }
    }

    /** Releases a lock held only inside this step. */
    public void unlockScoped(ScopedLock lock, int obj) {
        AccessSink s = sink;
        if (s != null) {
            s.scoped(lock, obj, false);
        }
    }

    // ---- scopes ----

    /** Enters ghost code: its accesses are not audited. Pair with {@link #ghostEnd}. */
    public void ghostBegin() {
        AccessSink s = sink;
        if (s != null) {
            s.ghost(true);
        }
    }

    public void ghostEnd() {
        AccessSink s = sink;
        if (s != null) {
            s.ghost(false);
        }
    }

    /** Enters one logical access spelled as several word accesses. Pair with {@link #compoundEnd}. */
    public void compoundBegin() {
        AccessSink s = sink;
        if (s != null) {
            s.compound(true);
        }
    }

    public void compoundEnd() {
        AccessSink s = sink;
        if (s != null) {
            s.compound(false);
        }
    }

    /**
     * Enters an interrupt handler that runs on {@code cpu} (the TLB-flush IPI): its accesses count as that
     * CPU's, and as one access in the step. Pair with {@link #interruptEnd}.
     */
    public void interruptBegin(int cpu) {
        AccessSink s = sink;
        if (s != null) {
            s.interrupt(cpu, true);
        }
    }

    public void interruptEnd() {
        AccessSink s = sink;
        if (s != null) {
            s.interrupt(-1, false);
        }
    }

    // ---- unreported ----

    /** Reads a word without reporting it (own bookkeeping, the audit). */
    public int peek(int i) {
        return w[i];
    }

    /** Writes a word without reporting it: only the running thread's own frames and status. */
    public void poke(int i, int v) {
        store(i, v);
    }

    private void store(int i, int v) {
        int old = w[i];
        if (old != v) {
            fp += Fingerprint.mix(i, v) - Fingerprint.mix(i, old);
            w[i] = v;
            if (dirtyCount < dirty.length) {
                dirty[dirtyCount] = i;
            }
            dirtyCount++;
        }
    }

    public long fingerprint() {
        return fp;
    }

    public int size() {
        return w.length;
    }
}
