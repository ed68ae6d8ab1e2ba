package org.mmspec.checker.explore;

import java.util.function.LongPredicate;
import org.mmspec.spec.semantics.StepInfo;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Partial-order reduction by local steps, for the breadth-first searches: when some thread's step from a
 * state is <em>local</em> ({@link StepInfo#local()}: it reads and writes only that thread's own frames),
 * the state is expanded by that thread's step alone (all its choices) instead of every thread's.
 *
 * <p><b>Why it is sound</b> (an ample set of one thread, Peled's conditions C0-C3; Clarke, Grumberg and
 * Peled, <i>Model Checking</i>, ch. 10). C0: the thread's step has a successor, so the reduced state is
 * expanded whenever the full one is (deadlocks are kept). C1: no step of another thread reads or writes
 * what a local step touches, so along any path of other threads' steps the local step stays enabled, has
 * the same successors and commutes with each of them (a fault of another thread disables it, but a fault
 * ends the search: the fault is found one step later on the reordered path). C2: a local step is invisible:
 * invariants read shared state only, and a step that faults or ends its thread is never local. C3, the
 * cycle proviso for BFS with state matching: the state is reduced only if none of the local step's
 * successors was stored in a level up to the current one ({@code seenBefore}); then each reduced edge goes
 * from level d to level d+1, so every cycle of the reduced graph, whose level changes sum to zero, has an
 * edge that goes back — from a fully expanded state — and no step is ignored forever.
 *
 * <p>The first such thread in thread order is chosen, and {@code seenBefore} asks only about levels up to
 * the current one, so the choice depends on the state and the levels before it alone: the sequential and
 * the parallel search reduce the same states the same way (the same verdict and trace with any number of
 * workers). Traces stay real executions; with reduction a BFS trace is a shortest one of the reduced graph,
 * which may be longer than the shortest of the full graph.
 *
 * <p><b>Cost.</b> Choosing takes no step the system rules out beforehand
 * ({@link TransitionSystem#nextStepNotLocal}: the spec interpreter knows from a thread's program point when
 * every run of its next step reaches shared state), and takes the others transiently where the system gives
 * transient successors with {@link StepInfo}; a state expanded fully then takes each thread's successors as
 * the unreduced search does ({@link Moves#take}), one thread at a time. The thread chosen, and the states
 * handed out, are those of taking every thread's successors in thread order on the allocating path
 * ({@code LocalStepsCrossCheckTest}).
 *
 * <p><b>With thread symmetry</b> ({@link org.mmspec.spec.semantics.TransitionSystem#withSymmetry}) the store
 * holds one canonical fingerprint per orbit, and {@code seenBefore} asks the store by that fingerprint, so
 * the proviso is the same argument on the graph of orbits: an orbit's BFS level is its least distance, a
 * reduced expansion's successors are all in orbits new at the next level, so every cycle of reduced orbits
 * has a fully expanded state. C0-C2 hold for the concrete state expanded (a local step is local whatever
 * the thread's name), and a permutation maps a violation to a violation (invariants, faults and deadlocks
 * do not name threads), so a violation reachable from any state of an orbit is reachable, by the renamed
 * path, from the representative the search expanded: by induction on (distance to the violation, levels
 * left), as without symmetry.
 */
final class LocalSteps<S> {

    /** For tests: a fault to plant, to show the cross-check of this class against the allocating choice. */
    enum Mutation {
        NONE,
        /** A step the system does not rule out ({@link TransitionSystem#nextStepNotLocal}) counts as local. */
        WRONG_LOCAL,
        /** A thread's successors taken while choosing are handed out after another step overwrote them. */
        STALE_BUFFER,
        /** The chosen thread's fingerprints taken while choosing are not recorded: an earlier choice's are handed out. */
        STALE_FINGERPRINTS
    }

    private final TransitionSystem<S> system;
    private final StepInfo info = new StepInfo();
    private final Moves<S>[] moves;
    /** Per thread: {@code moves[t]} holds its successors from the state of the last {@link #choose}. */
    private final boolean[] valid;
    /** The thread whose successors are transient and still valid (no step since), or -1. */
    private int transientThread = -1;
    /** {@link #choose} takes successors transiently ({@link TransitionSystem#transientSuccessors(Object, int, StepInfo)}). */
    private final boolean transientChoice;
    /** How a thread's successors are taken for a full expansion: as the unreduced search does ({@link Moves#take}). */
    private final boolean transientStep;
    private final boolean deterministic;
    private final Mutation mutation;
    /** The thread {@link #choose} chose, or -1; its successors' fingerprints, taken while choosing. */
    private int chosen = -1;
    private long[] chosenFingerprints = new long[4];

    LocalSteps(TransitionSystem<S> system) {
        this(system, Mutation.NONE);
    }

    @SuppressWarnings("unchecked")
    LocalSteps(TransitionSystem<S> system, Mutation mutation) {
        this.system = system;
        this.mutation = mutation;
        this.moves = new Moves[system.threadCount()];
        this.valid = new boolean[moves.length];
        for (int t = 0; t < moves.length; t++) {
            moves[t] = new Moves<>();
        }
        this.transientChoice = SearchContext.givesTransientSuccessors(system) && SearchContext.declares(system,
                "transientSuccessors", Object.class, int.class, StepInfo.class);
        this.transientStep = SearchContext.stepsTransiently(system);
        this.deterministic = !SearchContext.overridesSuccessors(system);
    }

    /**
     * Whether {@code options} reduce searches of {@code system} ({@link SearchOptions#reducesLocalSteps}) and some
     * step of it may be local ({@link TransitionSystem#mayTakeLocalSteps}: otherwise the reduced search is the
     * full one, run without the bookkeeping).
     */
    static boolean applies(TransitionSystem<?> system, SearchOptions options) {
        return options.reducesLocalSteps() && system.reportsLocalSteps() && system.mayTakeLocalSteps();
    }

    /**
     * The first thread in thread order whose step from {@code s} is local and none of whose successors is
     * {@code seenBefore} (stored in a level up to the current one), or -1 when the state must be expanded
     * fully. A thread the system rules out beforehand ({@link TransitionSystem#nextStepNotLocal}) is not
     * stepped; the others are, transiently where the system allows it. The chosen thread's successors stay
     * valid for {@link #moves} until the next step call on the system.
     */
    int choose(S s, LongPredicate seenBefore) {
        clear();
        for (int t = 0; t < moves.length; t++) {
            if (system.nextStepNotLocal(s, t)) {
                continue;
            }
            Moves<S> m = moves[t];
            invalidateTransient();
            if (transientChoice) {
                m.setAll(system.transientSuccessors(s, t, info));
                transientThread = t;
            } else {
                m.setAll(system.successors(s, t, info));
            }
            valid[t] = true;
            boolean local = info.local() || mutation == Mutation.WRONG_LOCAL;
            if (local && m.size() > 0 && allNew(m, seenBefore)) {
                chosen = t;
                return t;
            }
        }
        return -1;
    }

    /** Whether no successor held by {@code m} was seen before; their fingerprints are kept while they are new. */
    private boolean allNew(Moves<S> m, LongPredicate seenBefore) {
        if (m.size() > chosenFingerprints.length) {
            chosenFingerprints = new long[Math.max(m.size(), 2 * chosenFingerprints.length)];
        }
        for (int c = 0; c < m.size(); c++) {
            long fp = system.fingerprint(m.get(c));
            if (mutation != Mutation.STALE_FINGERPRINTS) {
                chosenFingerprints[c] = fp;
            }
            if (seenBefore.test(fp)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fingerprints thread {@code t}'s successors {@code m} (from {@link #moves}) into {@code fps}: the chosen
     * thread's were taken while choosing, and are not taken again.
     */
    void fingerprints(int t, Moves<S> m, SuccessorFingerprints<S> fps) {
        if (t == chosen) {
            fps.known(chosenFingerprints, m.size());
        } else {
            fps.of(m, m.size());
        }
    }

    /** A step is about to be taken: the transient successors held, if any, are no longer valid. */
    private void invalidateTransient() {
        if (transientThread >= 0 && mutation != Mutation.STALE_BUFFER) {
            valid[transientThread] = false;
        }
        transientThread = -1;
    }

    /**
     * Thread {@code t}'s successors from {@code s}, the state of the last {@link #choose}: those it took, if
     * still valid, else taken now as the unreduced search takes them ({@link Moves#take}, transient where the
     * system gives them). Valid until the next call of this method (or a step call on the system): a caller
     * copies or encodes each successor before it asks for the next thread's.
     */
    Moves<S> moves(S s, int t) {
        if (valid[t]) {
            return moves[t];
        }
        invalidateTransient();
        moves[t].take(system, s, t, transientStep, deterministic);
        valid[t] = true;
        transientThread = t;                       // transient or not: valid until the next step, as promised
        return moves[t];
    }

    /**
     * Shows {@code self} the steps of the other threads that a reduced expansion of {@code s} (by thread
     * {@code chosen} alone) leaves out, until it has seen an overlap: the interleaving self-check judges the
     * model's steps from every state the search visits, as without reduction, and a reduction that runs
     * local steps one thread after another does not make it report threads that never interleave. Called
     * after the chosen thread's successors were consumed: it may step the other threads.
     */
    void observeSkipped(S s, int chosen, InterleavingSelfCheck<S> self) {
        for (int t = 0; t < moves.length && !self.overlapSeen(); t++) {
            if (t != chosen && moves(s, t).size() > 0) {
                self.moved(t);
            }
        }
    }

    /** Forgets the states held (after the expansion). */
    void clear() {
        for (int t = 0; t < moves.length; t++) {
            moves[t].clear();
            valid[t] = false;
        }
        transientThread = -1;
        chosen = -1;
    }
}
