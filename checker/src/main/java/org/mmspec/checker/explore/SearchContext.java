package org.mmspec.checker.explore;

import java.util.StringJoiner;
import org.mmspec.checker.frontier.SpillSpace;
import org.mmspec.checker.frontier.StateQueue;
import org.mmspec.checker.result.Violation;
import org.mmspec.checker.store.StateStore;
import org.mmspec.spec.semantics.StateVectors;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * What every strategy shares: the system, how a state is judged, the self-check, the meter and the
 * options; and the one definition of visiting a state and of a thread's successors.
 *
 * <p>A system that does not override {@link TransitionSystem#successors} is deterministic: its default
 * {@code successors} is {@code step} wrapped in a list. For such a system (the reference implementation)
 * the search calls {@code step} directly and allocates no list per state; the result is the same.
 */
record SearchContext<S>(
        TransitionSystem<S> system,
        StateJudge<S> judge,
        InterleavingSelfCheck<S> selfCheck,
        SearchMeter meter,
        SearchOptions options,
        SpillSpace space,
        boolean deterministic) {

    SearchContext(TransitionSystem<S> system, StateJudge<S> judge, InterleavingSelfCheck<S> selfCheck,
            SearchMeter meter, SearchOptions options, SpillSpace space) {
        this(system, judge, selfCheck, meter, options, space, !overridesSuccessors(system));
    }

    /** A new, empty frontier queue: compressed and spillable when the system has vectors. */
    StateQueue<S> newQueue() {
        return StateQueue.create(system, space);
    }

    /**
     * A store for this search's states, within the state budget; its fingerprints partly on disk when
     * {@link SearchFiles#fingerprintMemoryBytes()} says so.
     */
    StateStore newStore() {
        return new StateStore(threads(), options.budget().maxStates(), options.files().fingerprintMemoryBytes(),
                fingerprintDisk());
    }

    /** Where the store's fingerprints go on disk: the spill space. */
    SpillFingerprintDisk fingerprintDisk() {
        return new SpillFingerprintDisk(space);
    }

    /**
     * What makes a checkpoint belong to this search: the system (threads, vector length, initial
     * fingerprint), the strategy and bounds, the invariants checked, and for random walks the seed and the
     * number of walks.
     */
    String signature() {
        StateVectors<S> v = system.vectors();
        StringJoiner j = new StringJoiner(" ");
        j.add("threads=" + threads()).add("vector=" + (v == null ? -1 : v.vectorLength()))
                .add("initial=" + Long.toHexString(system.fingerprint(system.initialState())))
                .add("strategy=" + options.strategy()).add("depth=" + options.maxDepth())
                .add("preemptions=" + options.maxPreemptions()).add("invariants=" + judge.invariantIds());
        if (options.strategy() == Strategy.RANDOM) {
            j.add("seed=" + options.seed()).add("walks=" + options.randomWalks());
        }
        return j.toString();
    }

    int threads() {
        return system.threadCount();
    }

    /** Visits {@code s} at {@code depth}: its fault, then its invariants. */
    Violation visit(S s, int depth) {
        return visit(s, depth, false);
    }

    /** {@link #visit(Object, int)}; with {@code invariantsHold} only the fault ({@link StateJudge#check(Object, boolean)}). */
    Violation visit(S s, int depth, boolean invariantsHold) {
        meter.visited(depth);
        return judge.check(s, invariantsHold);
    }

    /** Fills {@code out} with {@code thread}'s successors from {@code s}, in choice order; returns how many. */
    int successors(S s, int thread, Moves<S> out) {
        if (deterministic) {
            out.setStep(system.step(s, thread));
        } else {
            out.setAll(system.successors(s, thread));
        }
        return out.size();
    }

    /**
     * {@link #successors(Object, int, Moves)} as transient states where the system gives them: a deterministic
     * system's {@link TransitionSystem#stepTransient}, a nondeterministic one's
     * {@link TransitionSystem#transientSuccessors}; for a caller that only fingerprints each successor and
     * copies it into a queue of vectors before the next step (without vectors a queue keeps the state).
     */
    int transientSuccessors(S s, int thread, Moves<S> out) {
        if (system.vectors() == null) {
            return successors(s, thread, out);
        }
        return out.take(system, s, thread, true, deterministic).size();
    }

    /**
     * True when the successors {@link #transientSuccessors} gives for one thread stay valid while the other
     * threads' are taken into other buffers: states the system keeps (no vectors, or the allocating
     * {@code successors}), or transient ones the system keeps per thread
     * ({@link TransitionSystem#transientPerThread}); not a deterministic system's {@code stepTransient}.
     */
    boolean successorsOutliveOtherThreads() {
        if (system.vectors() == null) {
            return true;
        }
        return !deterministic && (!givesTransientSuccessors(system) || system.transientPerThread());
    }

    /**
     * Fills {@code out[t]} with thread {@code t}'s successors from {@code s}, telling the self-check that
     * {@code s} is being expanded; returns how many threads can move.
     */
    int successors(S s, Moves<S>[] out) {
        selfCheck.expanding(s);
        int enabled = 0;
        for (int t = 0; t < out.length; t++) {
            if (successors(s, t, out[t]) > 0) {
                enabled++;
            }
        }
        return enabled;
    }

    /** The outcome for a violation in {@code s}, reached by the moves {@code threads} and {@code choices}. */
    SearchOutcome.Found found(Violation violation, int[] threads, int[] choices, S s) {
        return new SearchOutcome.Found(violation, threads, choices, system.fingerprint(s));
    }

    /** The outcome for a violation in {@code s}, the state {@code id} of {@code store}. */
    SearchOutcome.Found found(Violation violation, StateStore store, long id, S s) {
        return found(violation, store.scheduleTo(id), store.choicesTo(id), s);
    }

    /** One {@link Moves} buffer per thread. */
    @SuppressWarnings("unchecked")
    Moves<S>[] movesPerThread() {
        Moves<S>[] moves = new Moves[threads()];
        for (int t = 0; t < moves.length; t++) {
            moves[t] = new Moves<>();
        }
        return moves;
    }

    /**
     * True when {@code system} may hand back transient successors ({@link TransitionSystem#stepTransient}
     * overridden) and a search may take them: deterministic, with vectors for the queues to copy them into.
     */
    static boolean stepsTransiently(TransitionSystem<?> system) {
        return !overridesSuccessors(system) && system.vectors() != null
                && declares(system, "stepTransient");
    }

    /**
     * True when {@code system} is nondeterministic (its own {@code successors}), has vectors for the queues to
     * copy successors into, and writes its successors into buffers of its own
     * ({@link TransitionSystem#transientSuccessors} overridden).
     */
    static boolean givesTransientSuccessors(TransitionSystem<?> system) {
        return overridesSuccessors(system) && system.vectors() != null && declares(system, "transientSuccessors");
    }

    /** True when {@code system}'s class overrides the default {@code method(Object, int)}. */
    private static boolean declares(TransitionSystem<?> system, String method) {
        return declares(system, method, Object.class, int.class);
    }

    /** True when {@code system}'s class overrides the default {@code method} with these parameter types. */
    static boolean declares(TransitionSystem<?> system, String method, Class<?>... parameters) {
        try {
            return system.getClass().getMethod(method, parameters).getDeclaringClass() != TransitionSystem.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("TransitionSystem declares " + method, e);
        }
    }

    /** True when {@code system}'s class declares its own {@code successors} (an override of the default). */
    static boolean overridesSuccessors(TransitionSystem<?> system) {
        return declares(system, "successors");
    }
}
