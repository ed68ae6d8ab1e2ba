package org.mmspec.checker.cli;

import java.time.Duration;
import java.util.Locale;
import org.mmspec.checker.explore.Budget;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.explore.Strategy;
import picocli.CommandLine.Option;

/**
 * Search options shared by {@code explore} and {@code check}. An option left out is {@code null} here, so
 * that {@link #options(SearchOptions)} can tell what the user gave from what a default (or, for
 * {@code check}, a spec scenario's {@code bounds}) supplies. The defaults are
 * {@link SearchOptions#defaults()}; the help texts spell them out.
 */
final class SearchMixin {

    @Option(names = "--strategy", paramLabel = "bfs|dfs|preempt|random",
            description = "Search strategy (default: bfs; for check: the scenario's, else bfs).")
    Strategy strategy;

    @Option(names = "--seed", description = "Seed of the random walks (default: 0).")
    Long seed;

    @Option(names = "--walks", description = "Number of random walks (default: 1000).")
    Integer walks;

    @Option(names = "--depth", description = "Depth bound: longest walk, deepest state expanded (default: 10000;"
            + " for check: the scenario's, else 10000).")
    Integer depth;

    @Option(names = "--max-preemptions", description = "Highest preemption bound for --strategy preempt (default: 2;"
            + " for check: the scenario's, else 2).")
    Integer maxPreemptions;

    @Option(names = "--max-states", description = "Budget: distinct states (default: 5000000).")
    Long maxStates;

    @Option(names = "--max-seconds", description = "Budget: seconds (default: 300).")
    Double maxSeconds;

    @Option(names = "--max-memory", paramLabel = "SIZE", description = "Budget: memory, e.g. 512m or 2g (default: 2g).")
    String maxMemory;

    /** The options as the explorer takes them: the defaults with every option given applied. */
    SearchOptions options() {
        return options(SearchOptions.defaults());
    }

    /**
     * {@code base} with every option given on the command line applied; options not given keep
     * {@code base}'s values. A bad value is a {@link UsageError}.
     */
    SearchOptions options(SearchOptions base) {
        if (walks != null && walks < 1 || depth != null && depth < 1 || maxPreemptions != null && maxPreemptions < 0
                || maxStates != null && maxStates < 1 || maxSeconds != null && !(maxSeconds > 0)) {
            throw new UsageError("--walks, --depth, --max-states and --max-seconds must be positive and"
                    + " --max-preemptions at least 0");
        }
        Budget budget = base.budget();
        if (maxStates != null) {
            budget = budget.withMaxStates(maxStates);
        }
        if (maxSeconds != null) {
            budget = budget.withMaxTime(Duration.ofMillis((long) Math.min(maxSeconds * 1000, Long.MAX_VALUE / 2)));
        }
        if (maxMemory != null) {
            budget = budget.withMaxMemoryBytes(parseSize(maxMemory));
        }
        return new SearchOptions(strategy != null ? strategy : base.strategy(), budget,
                seed != null ? seed : base.seed(),
                maxPreemptions != null ? maxPreemptions : base.maxPreemptions(),
                walks != null ? walks : base.randomWalks(),
                depth != null ? depth : base.maxDepth());
    }

    static long parseSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k")) {
            unit = 1L << 10;
        } else if (t.endsWith("m")) {
            unit = 1L << 20;
        } else if (t.endsWith("g")) {
            unit = 1L << 30;
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(digits);
            if (v <= 0 || v > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return v * unit;
        } catch (NumberFormatException e) {
            throw new UsageError("--max-memory: '" + text + "' is not a size (use e.g. 512m or 2g)");
        }
    }
}
