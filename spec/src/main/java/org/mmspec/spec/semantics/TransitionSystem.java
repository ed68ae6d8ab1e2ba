package org.mmspec.spec.semantics;

import java.util.List;

/**
 * A finite system of interleaved threads, the one thing the checker explores.
 *
 * <p>Both the interpreted specification ({@code spec/mm/*.mmspec}) and the reference implementation of
 * Linux MM implement this interface, so that one explorer, one invariant catalog and one trace format
 * serve both (see DESIGN.md). States are values: {@code S} must be immutable (or behave as if it were),
 * equal states must have equal {@link #fingerprint fingerprints}, and every field that affects future
 * behaviour must take part in equality.
 *
 * <p>A <em>step</em> is what one thread does between two synchronisation points. The explorer picks a
 * thread, asks for its step, and never looks inside a state except through this interface.
 *
 * @param <S> the state type
 */
public interface TransitionSystem<S> {

    /** The one initial state. */
    S initialState();

    /** Number of threads; thread ids are {@code 0 .. threadCount()-1} and fixed for the whole run. */
    int threadCount();

    /** A short human name for the thread ({@code "T0"}, {@code "kswapd"}); used in traces. */
    String threadName(int thread);

    /**
     * The state after {@code thread}'s next atomic step from {@code s}, or {@code null} when that thread
     * cannot move in {@code s}: it has finished, it waits for a lock that is held, or it sleeps on a
     * wait queue. Must be deterministic: the same {@code s} and {@code thread} give an equal result.
     */
    S step(S s, int thread);

    /**
     * {@link #step}, possibly as a <em>transient</em> state: one that is valid only until the next call of
     * {@code step}, {@code stepTransient}, {@code successors} or {@link #transientSuccessors} on this system,
     * so the system need not copy its working vector (the reference implementation's duplicate successors,
     * most of those a search generates, then cost no allocation). A caller that keeps the state longer must
     * use {@link #step}. Reading it ({@link #fingerprint}, {@link StateVectors#copyVector}) before the next
     * step is allowed; stepping from it is not. The default is {@code step}.
     */
    default S stepTransient(S s, int thread) {
        return step(s, thread);
    }

    /**
     * Every state {@code thread}'s next atomic step can lead to from {@code s}: empty when the thread
     * cannot move, one state for a deterministic step, several when the step itself makes a
     * nondeterministic choice (the spec language's {@code either} and {@code with}). An explorer must
     * use this method to see every behaviour; {@link #step} returns only the first of these states.
     *
     * <p>The default suits deterministic systems (the reference implementation): the result of {@link
     * #step}, if any. Added for the spec interpreter; additive, existing implementations need no change.
     */
    default List<S> successors(S s, int thread) {
        S next = step(s, thread);
        return next == null ? List.of() : List.of(next);
    }

    /**
     * {@link #successors(Object, int)}, possibly as <em>transient</em> states in a list that is itself
     * transient: both are valid only until the next call of {@code step}, {@code stepTransient},
     * {@code successors} or {@code transientSuccessors} on this system, so the system may write every
     * successor into a reused buffer (most successors a search generates are states it has seen, and then
     * cost no allocation). The same states in the same order as {@code successors}. A caller may read them
     * ({@link #fingerprint}, {@link StateVectors#copyVector}) before the next step, not step from them nor
     * keep them; one that keeps a state must use {@link #successors}. The default is {@code successors}.
     */
    default List<S> transientSuccessors(S s, int thread) {
        return successors(s, thread);
    }

    /**
     * Whether {@link #transientSuccessors(Object, int)}'s states and list for one thread stay valid while
     * other threads step: until the next call of {@code transientSuccessors} (either form) for the same
     * thread, or of {@code stepTransient}. Then a caller may take every thread's successors from a state
     * before it reads them (a search does, to start their store look-ups together). The default is
     * {@code false}: valid only until the next step call of any thread.
     */
    default boolean transientPerThread() {
        return false;
    }

    /**
     * {@link #successors(Object, int)}, and in {@code info} whether the step is local (see
     * {@link StepInfo#local()}): what partial-order reduction needs to explore one order of steps that
     * commute. The default says "not local", which is always sound (no reduction).
     */
    default List<S> successors(S s, int thread, StepInfo info) {
        info.setLocal(false);
        return successors(s, thread);
    }

    /**
     * {@link #successors(Object, int, StepInfo)} as {@link #transientSuccessors(Object, int)} gives them:
     * the same states in the same order and the same answer in {@code info}, possibly transient (valid, with
     * the list, only until the next step call on this system). The default is the allocating
     * {@code successors(s, thread, info)}.
     */
    default List<S> transientSuccessors(S s, int thread, StepInfo info) {
        return successors(s, thread, info);
    }

    /**
     * Whether {@code thread}'s next step from {@code s} is known, without taking it, not to be local:
     * {@code true} only when {@link #successors(Object, int, StepInfo)} would certainly report it not local
     * (or find no successor), so a reduced search need not take the step to choose the thread it explores
     * alone. {@code false} means "unknown", and is the default (the search then takes the step and asks).
     * A wrong {@code true} would change which states are reduced, never make a step local.
     */
    default boolean nextStepNotLocal(S s, int thread) {
        return false;
    }

    /**
     * Whether {@link #successors(Object, int, StepInfo)} may report a local step; when false (the default)
     * the explorer does no partial-order reduction on this system and calls the plain {@code successors}.
     */
    default boolean reportsLocalSteps() {
        return false;
    }

    /**
     * Whether some step of this system may be local ({@link #reportsLocalSteps} and not ruled out for every
     * state, as {@link #nextStepNotLocal} would be): when false, a reduced search is the full one, and the
     * explorer runs the full one without the reduction's bookkeeping. A wrong {@code false} would lose the
     * reduction, never soundness.
     */
    default boolean mayTakeLocalSteps() {
        return reportsLocalSteps();
    }

    /** Where {@code thread} is in its life in {@code s}. */
    ThreadPhase phase(S s, int thread);

    /**
     * Why {@code thread} cannot move in {@code s}, for deadlock reports; {@code null} when it can move
     * or has finished. Called off the hot path only.
     */
    BlockReason blockReason(S s, int thread);

    /** A 64-bit fingerprint of {@code s}; equal states give equal fingerprints. */
    long fingerprint(S s);

    /**
     * A fault recorded in the state itself: a kernel BUG ({@code VM_BUG_ON}-style misuse of an API), a
     * failed {@code assert}, or a model error. {@code null} when there is none. A state with a fault has
     * no successors worth exploring; the checker reports it as a violation.
     */
    Fault fault(S s);

    /** The label of the step {@code thread} took from {@code before} to {@code after}; for traces only. */
    ActionLabel label(S before, int thread, S after);

    /** What changed from {@code before} to {@code after}, in the system's own vocabulary; for traces only. */
    List<Change> diff(S before, S after);

    /**
     * How states are written as {@code int} vectors, or {@code null} when the system does not say (its
     * states are then kept as objects while they wait to be expanded). Systems whose states are vectors
     * (the interpreted specification, the reference implementation) return one, which lets the explorer
     * compress its frontier, spill it to disk and checkpoint. Additive: the default is {@code null}.
     * {@link #withDeadline} keeps it.
     */
    default StateVectors<S> vectors() {
        return null;
    }

    /**
     * This system with work inside a step bounded by {@code deadline}: once it has passed, {@link #step},
     * {@link #successors} and {@link #fault} may throw {@link DeadlinePassed} instead of finishing. The
     * result behaves exactly like this system otherwise (same states, same fingerprints). The default is
     * this system itself, for systems whose steps are short (the reference implementation).
     */
    default TransitionSystem<S> withDeadline(Deadline deadline) {
        return this;
    }

    /**
     * What {@code thread}'s step from {@code before} to {@code after} changed, for traces: by default
     * {@link #diff}. A system whose step runs through the code of several code points may attribute each
     * change to the code point that made it ({@link Change#at}), in the order they were made; a variable
     * changed twice then appears twice, its last entry ending at its value in {@code after}.
     */
    default List<Change> changes(S before, int thread, S after) {
        return diff(before, after);
    }

    /**
     * The whole of {@code s}, one line per object in the system's vocabulary, for a full-state view of a
     * trace ({@code mmspec replay --state N}); empty when the system cannot show it. Off the hot path.
     */
    default List<String> describeState(S s) {
        return List.of();
    }

    /**
     * This system with symmetry reduction on or off: with it on, {@link #fingerprint} is that of a canonical
     * representative of the state's orbit under the system's symmetries (interchangeable threads), so a
     * search that stores fingerprints stores one state per orbit; states, steps and labels are unchanged.
     * A system without symmetries (the default) returns itself. Additive; {@link #replica} and
     * {@link #withDeadline} keep the setting.
     */
    default TransitionSystem<S> withSymmetry(boolean on) {
        return this;
    }

    /**
     * One line saying which symmetry {@link #fingerprint} uses, or why there is none
     * ({@code "symmetry: off (thread id literal 0 at f.mmspec:3:9)"}); {@code null} when the system has no
     * notion of symmetry (the default).
     */
    default String symmetryNote() {
        return null;
    }

    /**
     * A copy of this system that another thread may use at the same time as this one, for a parallel
     * search (one replica per worker); {@code null} when the system cannot be shared that way, and the
     * search then runs on one worker. A replica behaves exactly like this system (same states, same
     * fingerprints, same {@link #withDeadline deadline}); it may share immutable data with it. The default
     * is {@code null}: a system with scratch state must not be used by two threads at once, so sharing is
     * opted into.
     */
    default TransitionSystem<S> replica() {
        return null;
    }
}
