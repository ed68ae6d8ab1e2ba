package org.mmspec.checker.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.explore.Strategy;
import org.mmspec.spec.load.Bounds;

class ScenarioBoundsTest {

    private static final SearchOptions BASE = SearchOptions.defaults();

    @Test
    void noBoundsKeepTheDefaults() {
        assertEquals(BASE, ScenarioBounds.apply(new Bounds(OptionalInt.empty(), OptionalInt.empty(), Optional.empty()), BASE));
    }

    @Test
    void aPreemptionBoundWithoutAStrategyMeansThePreemptionBoundedSearch() {
        SearchOptions o = ScenarioBounds.apply(new Bounds(OptionalInt.of(1), OptionalInt.empty(), Optional.empty()), BASE);
        assertEquals(Strategy.PREEMPT, o.strategy());
        assertEquals(1, o.maxPreemptions());
        assertEquals(BASE.maxDepth(), o.maxDepth());
    }

    @Test
    void aStatedStrategyWinsAndTheDepthApplies() {
        SearchOptions o = ScenarioBounds.apply(new Bounds(OptionalInt.of(3), OptionalInt.of(40),
                Optional.of(org.mmspec.spec.load.Strategy.DFS)), BASE);
        assertEquals(Strategy.DFS, o.strategy());
        assertEquals(3, o.maxPreemptions());
        assertEquals(40, o.maxDepth());
        assertEquals(BASE.budget(), o.budget());
        assertEquals(BASE.seed(), o.seed());
    }
}
