package org.mmspec.checker.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.mmspec.checker.explore.Budget;
import org.mmspec.checker.explore.Partition;
import org.mmspec.checker.explore.SearchFiles;
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

    /** Most workers a search may have. */
    static final int MAX_WORKERS = 256;

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

    @Option(names = "--max-states", description = "Budget: distinct states (default: no limit; memory and disk bound the"
            + " search).")
    Long maxStates;

    @Option(names = "--max-seconds", description = "Budget: seconds (default: 300).")
    Double maxSeconds;

    @Option(names = "--max-memory", paramLabel = "SIZE", description = "Budget: resident memory of the process, measured,"
            + " e.g. 512m or 2g (default: what the machine has available when the search starts).")
    String maxMemory;

    @Option(names = "--max-disk", paramLabel = "SIZE", description = "Budget: frontier spilled to disk and"
            + " fingerprints on disk (--fp-memory), e.g. 10g (default: the free space of the spill directory's disk less 1 GiB or 5%%).")
    String maxDisk;

    @Option(names = "--spill-dir", paramLabel = "DIR", description = "Where the frontier spills when its memory is"
            + " used up (default: a temporary directory, deleted at the end).")
    Path spillDir;

    @Option(names = "--frontier-memory", paramLabel = "SIZE", description = "Delta-encoded frontier (bfs queue,"
            + " dfs stack) kept in memory before it spills to disk; bfs blocks are LZ4-compressed once half of it is"
            + " taken (default: an eighth of the heap, at most 256m).")
    String frontierMemory;

    @Option(names = "--fp-memory", paramLabel = "SIZE", description = "Fingerprint table kept in memory, e.g. 2g;"
            + " beyond it the fingerprints go to a sorted file in the spill directory, counted in --max-disk, and are"
            + " looked up there (default: all in memory). A bfs with it runs on one worker.")
    String fpMemory;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "Write checkpoints of the search to DIR,"
            + " every --checkpoint-interval and when a time, memory or heap budget ends it.")
    Path checkpoint;

    @Option(names = "--checkpoint-interval", paramLabel = "SECONDS", description = "Seconds between checkpoints"
            + " (default: 600).")
    Double checkpointInterval;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the search checkpointed in DIR (same"
            + " scenario and options); it goes on checkpointing there.")
    Path resume;

    @Option(names = "--workers", paramLabel = "N", description = "Threads of a bfs search (default: the number of"
            + " cores, taken once a level holds 32,768 states: a short search runs on one). N: N threads from the"
            + " first level. The same verdict and trace with any number; dfs, preempt, random, checkpointed,"
            + " --fp-memory and audited searches run on one thread.")
    Integer workers;

    @Option(names = "--partition", paramLabel = "shared|owner", description = "How a bfs on several workers"
            + " shares its work (default: shared): one lock-free fingerprint table all workers insert into"
            + " while they expand a level (the faster), or a store per owner of a fingerprint range with successors routed to their owner"
            + " (the design that can run across machines). The same verdict, trace and counts either way.")
    Partition partition;

    @Option(names = "--no-reduction", description = "No state-space reduction: neither partial-order reduction (on"
            + " by default for bfs searches of spec files: a step that touches only its thread's locals is explored"
            + " alone; the same verdicts, fewer states, and a trace that may be longer than the shortest) nor thread"
            + " symmetry (see --no-symmetry).")
    boolean noReduction;

    @Option(names = "--no-symmetry", description = "No thread symmetry, keeping partial-order reduction (symmetry is"
            + " on wherever reduction is: spec threads that run the same procedure with the same arguments are"
            + " interchangeable, and states that differ only by a permutation of them are stored once; the same"
            + " verdicts, and BFS traces no longer than without it).")
    boolean noSymmetry;

    /** True when the command line asks for checkpoints or a resume. */
    boolean checkpoints() {
        return checkpoint != null || resume != null;
    }

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
            budget = budget.withMaxMemoryBytes(parseSize("--max-memory", maxMemory));
        }
        if (maxDisk != null) {
            budget = budget.withMaxDiskBytes(parseSize("--max-disk", maxDisk));
        }
        if (workers != null && (workers < 1 || workers > MAX_WORKERS)) {
            throw new UsageError("--workers must be from 1 to " + MAX_WORKERS);
        }
        Strategy chosen = strategy != null ? strategy : base.strategy();
        return new SearchOptions(chosen, budget,
                seed != null ? seed : base.seed(),
                maxPreemptions != null ? maxPreemptions : base.maxPreemptions(),
                walks != null ? walks : base.randomWalks(),
                depth != null ? depth : base.maxDepth(),
                files(base.files()),
                workers != null ? workers : defaultWorkers(),
                !noReduction, !noSymmetry, partition != null ? partition : base.partition(),
                workers == null);
    }

    /** The default number of workers: the cores the JVM may use. */
    static int defaultWorkers() {
        return Math.min(MAX_WORKERS, Runtime.getRuntime().availableProcessors());
    }

    private SearchFiles files(SearchFiles base) {
        SearchFiles f = base;
        if (spillDir != null) {
            f = f.withSpillDirectory(spillDir);
        }
        if (frontierMemory != null) {
            f = f.withFrontierMemoryBytes(parseSize("--frontier-memory", frontierMemory));
        }
        if (fpMemory != null) {
            f = f.withFingerprintMemoryBytes(parseSize("--fp-memory", fpMemory));
        }
        if (checkpointInterval != null && !(checkpointInterval >= 0)) {
            throw new UsageError("--checkpoint-interval must be at least 0 seconds");
        }
        Duration interval = checkpointInterval == null ? f.checkpointInterval()
                : Duration.ofMillis((long) Math.min(checkpointInterval * 1000, Long.MAX_VALUE / 2));
        if (checkpoint != null && resume != null && !checkpoint.equals(resume)) {
            throw new UsageError("--resume DIR goes on checkpointing in DIR; give --checkpoint the same DIR or leave it out");
        }
        if (resume != null) {
            f = f.withResume(resume).withCheckpoint(resume, interval);
        } else if (checkpoint != null) {
            f = f.withCheckpoint(checkpoint, interval);
        }
        return f;
    }

    static long parseSize(String text) {
        return parseSize("--max-memory", text);
    }

    static long parseSize(String option, String text) {
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
            throw new UsageError(option + ": '" + text + "' is not a size (use e.g. 512m or 2g)");
        }
    }
}
