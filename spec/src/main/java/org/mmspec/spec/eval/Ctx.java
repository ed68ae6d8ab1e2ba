package org.mmspec.spec.eval;

import org.mmspec.spec.semantics.Deadline;

/**
 * The mutable context of one run: the state being built, the running frame, the thread, the choice
 * oracle, the budgets of the run (instructions, evaluation fuel, nesting, the search's deadline), and where
 * the run blocked.
 *
 * <p>Budgets, so that no input makes one step run for minutes or overflow the Java stack:
 * <ul>
 * <li>{@link #STEP_LIMIT} instructions per step (a loop without a label);
 * <li>{@link #FUEL} units of evaluation work per step — shared by all nondeterministic runs of the step —,
 *     per invariant check and for the initial state: one unit per instruction, expression node, quantifier
 *     iteration, call and list element scanned;
 * <li>{@link #MAX_NESTING} levels of expressions and calls evaluated inside each other;
 * <li>the search's {@link Deadline}, polled every {@value #DEADLINE_POLL} units.
 * </ul>
 */
final class Ctx {

    /** Instructions one step may execute before it is a model error. */
    static final int STEP_LIMIT = 200_000;
    /** Evaluation work one step (all its runs together) or one invariant check may do. */
    static final long FUEL = 10_000_000;
    /** Expressions and calls nested inside each other in one evaluation. */
    static final int MAX_NESTING = 256;
    /** Fuel units between two looks at the clock. */
    static final int DEADLINE_POLL = 1 << 16;

    /** The state; set again, with {@link #thread} and {@link #oracle}, when a context is {@link #rebind rebound}. */
    int[] g;
    int[] f;
    int fb;
    int thread;
    Oracle oracle;
    final Deadline deadline;
    int executed;
    long fuel;
    int depth;
    int blockSite = -1;
    int blockAddr = -1;
    StringBuilder choices;
    /**
     * The step ran an instruction that is not {@link Locality local}, ended the thread or faulted: it may have
     * read or written shared state, not only the thread's own frames.
     */
    boolean shared;
    /** The atomicity audit of the running step, or null (auditing off, or not a thread's step). */
    StepAudit audit;
    /**
     * Where the compiled instructions report their writes to the state ({@link WriteLog}), shared with the
     * inline contexts under this one; null when nothing listens.
     */
    WriteLog log;
    /** The value a compiled inline procedure returned ({@link CInstr#RETURNED}). */
    int returned;
    /** The compiled step's position, made at the first step run in this context and reused by the next. */
    private CInstr.Cursor cursor;
    /**
     * The frames of inline runs, reused run after run, shared by this context and the inline contexts under
     * it; null (a context made for one evaluation) when every inline run allocates its frame and context.
     */
    Frames frames;
    /** With {@link #frames}: the context inline runs called from this one run in, made once and reused. */
    private Ctx child;

    Ctx(int[] g, int[] f, int fb, int thread, Oracle oracle, Deadline deadline) {
        this.g = g;
        this.f = f;
        this.fb = fb;
        this.thread = thread;
        this.oracle = oracle;
        this.deadline = deadline;
    }

    /**
     * Makes this context, reused for step after step ({@link TransientSuccessors}), a new one for a step of
     * {@code thread} on {@code s} from the frame at {@code fb}: every field as the constructor leaves it. With
     * {@code reset} false (a test's broken reuse) only the state and the thread are set: the frame base,
     * budgets, nesting depth, flags and block site stay as the last run left them.
     */
    Ctx rebind(int[] s, int fb, int thread, Oracle oracle, boolean reset) {
        this.g = s;
        this.f = s;
        this.thread = thread;
        this.oracle = oracle;
        if (reset) {
            this.fb = fb;
            executed = 0;
            fuel = 0;
            depth = 0;
            blockSite = -1;
            blockAddr = -1;
            choices = null;
            shared = false;
            audit = null;
            returned = 0;
        }
        if (frames != null) {
            frames.top = 0;
        }
        return this;
    }

    /** The cursor of a compiled step from {@code pc} of {@code proc} (number {@code top}): this context's own. */
    CInstr.Cursor cursor(int top, CInstr.CProc proc, int pc) {
        if (cursor == null) {
            cursor = new CInstr.Cursor(top, proc, pc);
        } else {
            cursor.top = top;
            cursor.proc = proc;
            cursor.pc = pc;
            cursor.first = true;
        }
        return cursor;
    }

    /** A context for running a procedure inline with a fresh frame, sharing this one's state and budgets. */
    Ctx inline(int[] frame) {
        Ctx c = frames == null ? new Ctx(g, frame, 0, thread, oracle, deadline) : child(frame);
        c.executed = executed;
        c.fuel = fuel;
        c.depth = depth + 1;
        c.choices = choices;
        c.audit = audit;
        c.log = log;
        if (c.depth > MAX_NESTING) {
            throw new EvalError(RuntimeError.NESTING_TOO_DEEP, -1, MAX_NESTING, 0, 0);
        }
        return c;
    }

    /** {@link #child}, set as a new context would be for an inline run in {@code frame}. */
    private Ctx child(int[] frame) {
        Ctx c = child;
        if (c == null) {
            c = new Ctx(g, frame, 0, thread, oracle, deadline);
            c.frames = frames;
            child = c;
            return c;
        }
        c.g = g;
        c.f = frame;
        c.fb = 0;
        c.thread = thread;
        c.oracle = oracle;
        c.blockSite = -1;
        c.blockAddr = -1;
        c.shared = false;
        c.returned = 0;
        return c;
    }

    /**
     * A stack of frames for inline runs, reused: an inline run takes the next frame (zeroed, as a new one) before
     * it evaluates its arguments, so calls among the arguments take the frames after it, and gives it back
     * when it returns. A frame may be longer than the procedure's: only its first {@code frameSize} slots are
     * used. Not thread-safe: one per reused context ({@link TransientSuccessors}).
     */
    static final class Frames {
        private int[][] stack = new int[4][];
        private int top;
        /**
         * For tests only: false hands every inline run the first frame, even while a run that called it (or
         * whose arguments it computes) still uses it ({@link TransientSuccessors.Reuse#UNSTACKED_FRAMES}).
         */
        private final boolean stacked;

        Frames(boolean stacked) {
            this.stacked = stacked;
        }

        /** The next frame, with at least {@code size} slots, the first {@code size} zero. */
        int[] take(int size) {
            if (top == stack.length) {
                stack = java.util.Arrays.copyOf(stack, 2 * top);
            }
            int[] f = stack[top];
            if (f == null || f.length < size) {
                f = new int[Math.max(8, size)];
                stack[top] = f;
            } else {
                java.util.Arrays.fill(f, 0, size, 0);
            }
            if (stacked) {
                top++;
            }
            return f;
        }

        /** Gives back the frame taken last. */
        void release() {
            if (stacked) {
                top--;
            }
        }
    }

    /** Slot {@code i} of {@code array} was written (reported to the {@link #log}, if any). */
    void wrote(int[] array, int i) {
        WriteLog l = log;
        if (l != null) {
            l.wrote(array, i);
        }
    }

    /** Slots {@code from} (inclusive) to {@code to} (exclusive) of {@code array} were written. */
    void wrote(int[] array, int from, int to) {
        WriteLog l = log;
        if (l != null) {
            l.wrote(array, from, to);
        }
    }

    /** Takes back the budgets an inline run used. */
    void returnFrom(Ctx inline) {
        executed = inline.executed;
        fuel = inline.fuel;
    }

    /** Uses {@code units} of evaluation fuel; a model error when it runs out, a stop at the deadline. */
    void spend(long units) {
        long before = fuel;
        fuel += units;
        if (fuel > FUEL) {
            throw new EvalError(RuntimeError.FUEL_EXHAUSTED, -1, (int) Math.min(Integer.MAX_VALUE, FUEL), 0, 0);
        }
        if (before / DEADLINE_POLL != fuel / DEADLINE_POLL) {
            deadline.check();
        }
    }

    /**
     * {@code spend(1)} without the division: one unit of fuel, a model error past {@link #FUEL}, a look at
     * the clock when the count reaches a multiple of {@link #DEADLINE_POLL} (where {@code spend(1)} crosses
     * one). The compiled evaluator's per-node accounting.
     */
    void tick() {
        long now = ++fuel;
        if (now > FUEL || (now & (DEADLINE_POLL - 1)) == 0) {
            spent(now);
        }
    }

    /**
     * The first fuel count above {@code fuel} at which {@link #tick} leaves its fast path: past {@link #FUEL}, or
     * the next multiple of {@link #DEADLINE_POLL}.
     */
    static long stop(long fuel) {
        return Math.min(FUEL + 1, (fuel / DEADLINE_POLL + 1) * DEADLINE_POLL);
    }

    private void spent(long now) {
        if (now > FUEL) {
            throw new EvalError(RuntimeError.FUEL_EXHAUSTED, -1, (int) Math.min(Integer.MAX_VALUE, FUEL), 0, 0);
        }
        deadline.check();
    }

    /** One level deeper in nested evaluation; a model error beyond {@link #MAX_NESTING}. */
    void enter() {
        if (++depth > MAX_NESTING) {
            throw new EvalError(RuntimeError.NESTING_TOO_DEEP, -1, MAX_NESTING, 0, 0);
        }
    }

    void leave() {
        depth--;
    }
}
