package org.mmspec.checker.explore;

import java.util.List;
import org.mmspec.checker.result.Violation;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Judges one state the way the search does — its fault, then the invariants in order, then deadlock
 * (no thread can move, some thread owed progress) — for callers outside a search, such as replay.
 */
public final class StateVerdict {

    private StateVerdict() {
    }

    /** The violation {@code s} shows, or {@code null}. */
    public static <S> Violation of(TransitionSystem<S> system, List<? extends Invariant<? super S>> invariants, S s) {
        StateJudge<S> judge = new StateJudge<>(system, invariants);
        Violation v = judge.check(s);
        if (v != null) {
            return v;
        }
        for (int t = 0; t < system.threadCount(); t++) {
            if (system.step(s, t) != null) {
                return null;
            }
        }
        return judge.allFinished(s) ? null : judge.deadlock(s);
    }
}
