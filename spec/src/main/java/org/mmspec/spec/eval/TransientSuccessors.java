package org.mmspec.spec.eval;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A thread's successors written into reused buffers ({@link SpecSystem#transientSuccessors}): each run of
 * the step (one per combination of choices, as {@link SpecSystem#successors}) copies the parent into the
 * next free buffer, steps there, and rehashes only the slots that changed; a run whose state equals an
 * earlier run's leaves its buffer free for the next. So a step allocates nothing, and the states, their
 * order and their fingerprints are those of the allocating path. The buffers are allocated as a step first
 * needs them (as many as the widest step's distinct successors, plus one); a step with more than {@link #MAX}
 * distinct successors (fewer for a large state) is given up (the caller runs the allocating path, whose duplicate check is a hash set).
 *
 * <p>Each thread has buffers and a list of its own, so one thread's successors stay valid while the other
 * threads' are taken (a search takes every thread's successors from a state, then reads their first
 * look-ups in its store together: {@link SpecSystem#transientPerThread}).
 *
 * <p>Each run is evaluated in one reused context ({@link Ctx#rebind}), its inline runs in reused contexts and
 * frames ({@link Ctx.Frames}): a step allocates nothing.
 *
 * <p>Not thread-safe: one per {@link SpecSystem} instance (a {@link SpecSystem#replica} has its own).
 */
final class TransientSuccessors {

    /** Most distinct successors of one step this keeps (fewer for a large state: {@link #limit}). */
    static final int MAX = 256;
    /** Most {@code int}s of one thread's buffers kept beyond 16 (4 MiB). */
    private static final int MAX_INTS = 1 << 20;

    private final Machine machine;
    private final int size;
    /** Most distinct successors of one step kept: {@link #MAX}, or as many as {@link #MAX_INTS} hold (at least 16). */
    private final int limit;
    /** How this reuses its buffers: {@link Reuse#SOUND} but in tests. */
    private final Reuse reuse;
    private final Oracle oracle = new Oracle();
    /** The slots each run's step writes; its changed slots are found among them. */
    private final WriteLog log;
    /** The context every run of every step is evaluated in, rebound per run: a step allocates none. */
    private final Ctx context;
    /**
     * Each thread's buffers and list of successors (index: thread), made when the thread first steps; the list
     * is always a prefix of the buffers (a run whose state is new takes the next free buffer).
     */
    private Pool[] pools = new Pool[0];

    /**
     * How the buffers, the context and the inline frames are reused: soundly, or (for tests, whose cross-check
     * against the allocating path must catch each) broken one way.
     */
    enum Reuse {
        SOUND,
        /** A buffer is stepped from what the last run left in it instead of from the parent. */
        UNRESET_BUFFERS,
        /** The context keeps the frame base, budgets and flags the last run left in it ({@link Ctx#rebind}). */
        UNRESET_CONTEXT,
        /** Every inline run is given the same frame, even while a run that called it still uses it. */
        UNSTACKED_FRAMES,
        /** Sound, and every successor hashed from the {@link WriteLog} is checked against the whole-state scan. */
        CHECKED_LOG,
        /** The write log loses the first write of every step. */
        DROPPED_WRITE,
        /** {@link #DROPPED_WRITE} under {@link #CHECKED_LOG}'s check, which must throw. */
        DROPPED_WRITE_CHECKED,
        /** Every thread's step is written into thread 0's buffers and list (one thread's overwrite another's). */
        SHARED_POOLS;

        boolean checked() {
            return this == CHECKED_LOG || this == DROPPED_WRITE_CHECKED;
        }
    }

    TransientSuccessors(Machine machine, int size, Reuse reuse) {
        this.machine = machine;
        this.size = size;
        this.limit = Math.max(16, Math.min(MAX, MAX_INTS / Math.max(1, size)));
        this.reuse = reuse;
        this.context = machine.context(new int[0], null);
        this.context.frames = new Ctx.Frames(reuse != Reuse.UNSTACKED_FRAMES);
        this.log = new WriteLog(reuse == Reuse.DROPPED_WRITE || reuse == Reuse.DROPPED_WRITE_CHECKED);
        this.context.log = log;
    }

    /** How this reuses its buffers ({@link Reuse#SOUND} but in tests); a replica's does the same. */
    Reuse reuse() {
        return reuse;
    }

    /**
     * {@code thread}'s successors from {@code s}, in choice order, as buffers valid until the next call for the
     * same thread (the list too); null when the step has more distinct successors than this keeps ({@link #MAX}
     * at most).
     */
    List<SpecState> of(SpecState s, int thread) {
        int p = reuse == Reuse.SHARED_POOLS ? 0 : thread;
        if (p >= pools.length) {
            morePools(p);
        }
        Pool out = pools[p];
        out.size = 0;
        int[] parent = s.raw();
        if (!machine.enabled(parent, thread)) {
            return out;
        }
        oracle.reset();
        do {
            oracle.rewind();
            if (out.size == out.buffers.length) {
                out.grow(size);
            }
            SpecState next = out.buffers[out.size];
            next.rewriting();
            int[] into = next.raw();
            if (reuse != Reuse.UNRESET_BUFFERS) {
                System.arraycopy(parent, 0, into, 0, size);
            }
            log.reset(into);
            if (machine.step(into, thread, oracle, null, context, reuse != Reuse.UNRESET_CONTEXT) == Machine.Outcome.DONE) {
                rehash(next, s);
                if (!seen(out, next)) {
                    if (out.size == limit) {
                        return null;
                    }
                    out.size++;
                }
            }
        } while (!oracle.exhausted() && oracle.advance());
        return out;
    }

    /**
     * Hashes {@code next} from {@code parent}: from the write log when it followed the step, else by comparing
     * the whole state; checked against the whole-state comparison under {@link Reuse#checked}.
     */
    private void rehash(SpecState next, SpecState parent) {
        if (!log.complete()) {
            next.rehashMarking(parent);
            return;
        }
        next.rehashLogged(parent, log);
        if (reuse.checked()) {
            String wrong = next.disagreesWithScan();
            if (wrong != null) {
                throw new IllegalStateException("write log: " + wrong + " in a step from " + parent);
            }
        }
    }

    /** Whether a run of the last {@link #of} that stepped was marked shared ({@link Ctx#shared}). */
    boolean shared() {
        return oracle.shared;
    }

    /** Makes the (empty) pools of threads up to {@code thread}. */
    private void morePools(int thread) {
        int n = pools.length;
        pools = Arrays.copyOf(pools, thread + 1);
        for (int t = n; t <= thread; t++) {
            pools[t] = new Pool();
        }
    }

    /**
     * One thread's buffers, and the list of its last step's successors: the first {@link #size} buffers. Reset by
     * setting the size (hand-written for speed: an {@code ArrayList} cleared and refilled step by step cost
     * about 1% of a search in its clearing and bookkeeping).
     */
    private static final class Pool extends AbstractList<SpecState> implements RandomAccess {
        private SpecState[] buffers = new SpecState[0];
        private int size;

        /** Twice as many buffers (at least 4) of {@code words} words, allocated now. */
        void grow(int words) {
            int i = buffers.length;
            buffers = Arrays.copyOf(buffers, Math.max(4, 2 * i));
            for (int k = i; k < buffers.length; k++) {
                buffers[k] = new SpecState(new int[words]);
            }
        }

        @Override
        public SpecState get(int i) {
            return buffers[Objects.checkIndex(i, size)];
        }

        @Override
        public int size() {
            return size;
        }
    }

    private static boolean seen(Pool out, SpecState next) {
        SpecState[] b = out.buffers;
        for (int i = 0; i < out.size; i++) {
            if (b[i].equals(next)) {
                return true;
            }
        }
        return false;
    }
}
