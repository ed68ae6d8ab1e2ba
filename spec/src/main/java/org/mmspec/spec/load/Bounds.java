package org.mmspec.spec.load;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A scenario's bounds: {@code bounds { preemptions = 2; depth = 60; }} and {@code strategy dfs;}.
 * Empty when the scenario leaves the choice to the explorer.
 */
public record Bounds(OptionalInt maxPreemptions, OptionalInt maxDepth, Optional<Strategy> strategy) {
}
