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

    final int[] g;
    int[] f;
    int fb;
    final int thread;
    final Oracle oracle;
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
    /** The value a compiled inline procedure returned ({@link CInstr#RETURNED}). */
    int returned;

    Ctx(int[] g, int[] f, int fb, int thread, Oracle oracle, Deadline deadline) {
        this.g = g;
        this.f = f;
        this.fb = fb;
        this.thread = thread;
        this.oracle = oracle;
        this.deadline = deadline;
    }

    /** A context for running a procedure inline with a fresh frame, sharing this one's state and budgets. */
    Ctx inline(int[] frame) {
        Ctx c = new Ctx(g, frame, 0, thread, oracle, deadline);
        c.executed = executed;
        c.fuel = fuel;
        c.depth = depth + 1;
        c.choices = choices;
        c.audit = audit;
        if (c.depth > MAX_NESTING) {
            throw new EvalError(RuntimeError.NESTING_TOO_DEEP, -1, MAX_NESTING, 0, 0);
        }
        return c;
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
