package org.mmspec.checker.explore;

import java.util.List;
import java.util.Objects;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * What to check: a system, the invariants to check on every state (the first failing one in list order
 * is reported), and how to search.
 */
public record CheckRequest<S>(
        TransitionSystem<S> system, List<? extends Invariant<? super S>> invariants, SearchOptions options) {

    public CheckRequest {
        Objects.requireNonNull(system, "system");
        invariants = List.copyOf(invariants);
        Objects.requireNonNull(options, "options");
    }

    /** A request with {@link SearchOptions#defaults()}. */
    public static <S> CheckRequest<S> of(TransitionSystem<S> system, List<? extends Invariant<? super S>> invariants) {
        return new CheckRequest<>(system, invariants, SearchOptions.defaults());
    }
}
