package org.mmspec.checker.specs;

import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.explore.Strategy;
import org.mmspec.spec.load.Bounds;

/**
 * How a spec scenario's {@code bounds { preemptions = P; depth = D; }} and {@code strategy S;} become
 * search options. Applied over the caller's defaults, and under anything the user gives on the command
 * line:
 *
 * <ol>
 *   <li>{@code strategy S;} sets the strategy.</li>
 *   <li>{@code preemptions = P} sets the highest preemption bound; a scenario that states a preemption bound
 *       and no strategy is searched with the preemption-bounded strategy (a bound is only meaningful
 *       there).</li>
 *   <li>{@code depth = D} sets the depth bound.</li>
 * </ol>
 *
 * Budgets, the seed and the number of random walks are never set by a scenario.
 */
public final class ScenarioBounds {

    private ScenarioBounds() {
    }

    /** {@code base} with the scenario's bounds and strategy applied. */
    public static SearchOptions apply(Bounds bounds, SearchOptions base) {
        SearchOptions out = base;
        if (bounds.maxPreemptions().isPresent()) {
            out = out.withMaxPreemptions(bounds.maxPreemptions().getAsInt()).withStrategy(Strategy.PREEMPT);
        }
        if (bounds.strategy().isPresent()) {
            out = out.withStrategy(strategy(bounds.strategy().get()));
        }
        if (bounds.maxDepth().isPresent()) {
            out = out.withMaxDepth(bounds.maxDepth().getAsInt());
        }
        return out;
    }

    /** The explorer's strategy for a scenario's {@code strategy} hint. */
    static Strategy strategy(org.mmspec.spec.load.Strategy hint) {
        return switch (hint) {
            case BFS -> Strategy.BFS;
            case DFS -> Strategy.DFS;
            case PREEMPT -> Strategy.PREEMPT;
            case RANDOM -> Strategy.RANDOM;
        };
    }
}
