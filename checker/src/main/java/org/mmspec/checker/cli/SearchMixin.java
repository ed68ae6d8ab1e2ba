package org.mmspec.checker.cli;

import java.time.Duration;
import java.util.Locale;
import org.mmspec.checker.explore.Budget;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.explore.Strategy;
import picocli.CommandLine.Option;

/** Search options shared by {@code explore} and {@code check}. */
final class SearchMixin {

    @Option(names = "--strategy", paramLabel = "bfs|dfs|preempt|random",
            description = "Search strategy (default: ${DEFAULT-VALUE}).", defaultValue = "bfs")
    Strategy strategy;

    @Option(names = "--seed", description = "Seed of the random walks (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--walks", description = "Number of random walks (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
    int walks;

    @Option(names = "--depth", description = "Depth bound: longest walk, deepest state expanded (default: ${DEFAULT-VALUE}).",
            defaultValue = "10000")
    int depth;

    @Option(names = "--max-preemptions", description = "Highest preemption bound for --strategy preempt (default: ${DEFAULT-VALUE}).",
            defaultValue = "2")
    int maxPreemptions;

    @Option(names = "--max-states", description = "Budget: distinct states (default: ${DEFAULT-VALUE}).", defaultValue = "5000000")
    long maxStates;

    @Option(names = "--max-seconds", description = "Budget: seconds (default: ${DEFAULT-VALUE}).", defaultValue = "300")
    double maxSeconds;

    @Option(names = "--max-memory", paramLabel = "SIZE", description = "Budget: memory, e.g. 512m or 2g (default: ${DEFAULT-VALUE}).",
            defaultValue = "2g")
    String maxMemory;

    /** The options as the explorer takes them; a bad value is a {@link UsageError}. */
    SearchOptions options() {
        if (walks < 1 || depth < 1 || maxPreemptions < 0 || maxStates < 1 || !(maxSeconds > 0)) {
            throw new UsageError("--walks, --depth, --max-states and --max-seconds must be positive and"
                    + " --max-preemptions at least 0");
        }
        Budget budget = new Budget(maxStates, Duration.ofMillis((long) (maxSeconds * 1000)), parseSize(maxMemory));
        return new SearchOptions(strategy, budget, seed, maxPreemptions, walks, depth);
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
