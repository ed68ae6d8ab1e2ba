package org.mmspec.checker.toy;

import java.util.function.Function;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/** An invariant given as a function from a state to its witness ({@code null} when it holds). */
public record ToyInvariant<S>(String id, String statement, Function<S, Witness> checker) implements Invariant<S> {

    @Override
    public Witness check(S s) {
        return checker.apply(s);
    }

    /** Itself: toy invariants are functions of the state. */
    @Override
    public Invariant<S> replica() {
        return this;
    }
}
