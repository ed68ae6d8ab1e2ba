package org.mmspec.checker.explore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.Statistics;
import org.mmspec.checker.trace.JsonTraceWriter;
import org.mmspec.checker.trace.Replay;
import org.mmspec.checker.trace.Replayer;
import org.mmspec.spec.eval.Evaluation;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.eval.SpecSystem;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;
import org.mmspec.spec.load.SpecScenario;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Runs one spec program's scenario on every engine and option the explorer offers that claims completeness,
 * and lists where they disagree ({@link EngineDifferentialTest}). The reference is the BFS on one worker
 * without reduction; {@link ReachableViolations}, a plain search of its own, checks the reference.
 *
 * <p>What must agree: the unreduced BFS on two workers (both partitions) and with the interpreted evaluator
 * gives the reference's result byte for byte (verdict, trace as JSON, counts); the DFS its verdict, and for
 * a pass its count; the preemption-bounded search its verdict unless its pass says it was bounded; a
 * BFS with its frontier spilled to disk, or its fingerprints on disk, the same search in memory byte for byte; each reduced BFS (partial-order reduction with and without thread symmetry) its verdict,
 * with a pass storing no more states, and on two workers (both partitions) or interpreted its own one-worker
 * compiled result byte for byte. A violation must be one the oracle reaches — the reference's when the
 * oracle reaches only one — and no trace is shorter than the shortest; every trace replays, on the plain
 * system, to a state that shows that very violation. (A reduced or DFS trace may be longer, and may end in
 * another of several reachable violations: the README says a reduced BFS trace is a shortest one of the
 * reduced graph.)
 */
final class EngineDifferential {

    /** Programs with more states than this are skipped (the test is about many small programs). */
    static final int STATE_CAP = 20_000;

    /**
     * The preemption bound of the preemption-bounded engine: a pass that pruned nothing is exhaustive and must
     * agree; a bounded pass claims nothing; a violation must be real.
     */
    static final int PREEMPTIONS = 3;

    private static final SearchOptions BASE = SearchOptions.defaults()
            .withBudget(SearchOptions.defaults().budget().withMaxStates(10L * STATE_CAP));

    /**
     * The engine whose pass must reach exactly the shared states (globals, locks) the oracle reaches:
     * partial-order reduction by local steps changes only where threads stand, never which shared states are
     * reachable (the global variables are the visible part; local steps are invisible and the cycle proviso
     * postpones none forever). With symmetry the states stored differ by a permutation of threads: that
     * comparison is {@link #RECORDED_SYMMETRIC}'s.
     */
    static final String RECORDED = "bfs por";

    /** The engine whose pass must reach the oracle's shared states up to a permutation of interchangeable threads. */
    static final String RECORDED_SYMMETRIC = "bfs reduced";

    /**
     * One engine: how it is asked for, whether it reduces (a mutation wraps the reduced engines' system), how
     * the spec is evaluated, and the engine whose result it must give byte for byte (null: none).
     */
    record Engine(String name, SearchOptions options, boolean reduced, Evaluation evaluation, String twin) {}

    /** The reduced engines are searched on {@code mutation.apply(system)}: the identity for the real test. */
    private final UnaryOperator<TransitionSystem<SpecState>> mutation;

    EngineDifferential(UnaryOperator<TransitionSystem<SpecState>> mutation) {
        this.mutation = mutation;
    }

    /** The engines, the reference first; an engine's twin comes before it. */
    static List<Engine> engines() {
        SearchOptions por = BASE.withReduction(true).withSymmetry(false);
        SearchOptions sym = BASE.withReduction(true);
        Evaluation c = Evaluation.COMPILED;
        return List.of(
                new Engine("bfs", BASE, false, c, null),
                new Engine("bfs 2 shared", BASE.withWorkers(2), false, c, "bfs"),
                new Engine("bfs 2 owner", BASE.withWorkers(2).withPartition(Partition.OWNER), false, c, "bfs"),
                new Engine("bfs interpreted", BASE, false, Evaluation.INTERPRETED, "bfs"),
                new Engine("bfs closures", BASE, false, Evaluation.CLOSURES, "bfs"),
                new Engine("bfs spilled", spilled(BASE), false, c, "bfs"),
                new Engine("bfs fingerprints on disk", onDisk(BASE), false, c, "bfs"),
                new Engine("dfs", BASE.withStrategy(Strategy.DFS), false, c, null),
                new Engine("preempt", BASE.withStrategy(Strategy.PREEMPT).withMaxPreemptions(PREEMPTIONS), false, c, null),
                new Engine("bfs reduced", sym, true, c, null),
                new Engine("bfs reduced 2 shared", sym.withWorkers(2), true, c, "bfs reduced"),
                new Engine("bfs reduced 2 owner", sym.withWorkers(2).withPartition(Partition.OWNER), true, c,
                        "bfs reduced"),
                new Engine("bfs reduced interpreted", sym, true, Evaluation.INTERPRETED, "bfs reduced"),
                new Engine("bfs reduced spilled", spilled(sym), true, c, "bfs reduced"),
                new Engine("bfs reduced fingerprints on disk", onDisk(sym), true, c, "bfs reduced"),
                new Engine("bfs por", por, true, c, null),
                new Engine("bfs por 2 shared", por.withWorkers(2), true, c, "bfs por"),
                new Engine("bfs por 2 owner", por.withWorkers(2).withPartition(Partition.OWNER), true, c, "bfs por"));
    }

    /** The frontier on disk from the first state (a temporary spill directory). */
    private static SearchOptions spilled(SearchOptions o) {
        return o.withFiles(o.files().withFrontierMemoryBytes(0));
    }

    /** The fingerprints in a 4 KiB table merged to disk (a temporary spill directory). */
    private static SearchOptions onDisk(SearchOptions o) {
        return o.withFiles(o.files().withFingerprintMemoryBytes(4096));
    }

    /** How one program went. */
    sealed interface Outcome {
        /** Too big for the cap: not compared. */
        record Skipped(long states) implements Outcome {}

        /**
         * Compared; {@code problems} empty when every engine agreed; for a pass, {@code reduced} is the
         * states the default reduced search stored (else -1).
         */
        record Compared(long states, String verdict, List<String> problems, long reduced) implements Outcome {}
    }

    /** Loads {@code text} (a load failure is a problem: the generator must write valid programs) and compares. */
    Outcome run(String text) {
        LoadResult loaded = SpecLoader.loadString("random.mmspec", text);
        if (!(loaded instanceof LoadResult.Loaded l)) {
            return new Outcome.Compared(0, "rejected", List.of("the front end rejected it: " + loaded), -1);
        }
        SpecScenario scenario = l.program().scenarios().get(0);
        SpecSystem plain = (SpecSystem) scenario.system();
        ReachableViolations oracle = ReachableViolations.of(plain, scenario.invariants(), STATE_CAP,
                s -> GlobalsRecorder.project(plain, s));
        if (!oracle.complete()) {
            return new Outcome.Skipped(oracle.states());
        }
        List<String> problems = new ArrayList<>();
        Map<String, CheckResult> results = new HashMap<>();
        for (Engine e : engines()) {
            CheckResult r = search(e, scenario, oracle, problems);
            CheckResult reference = results.isEmpty() ? r : results.get("bfs");
            results.put(e.name(), r);
            problems.addAll(r == reference ? againstOracle(oracle, r) : againstReference(e, oracle, reference, r));
            if (e.twin() != null) {
                String d = same(results.get(e.twin()), r);
                if (d != null) {
                    problems.add(e.name() + " differs from " + e.twin() + ": " + d);
                }
            }
            problems.addAll(replays(e, scenario, r));
        }
        CheckResult reference = results.get("bfs");
        long reduced = reference instanceof CheckResult.Passed ? results.get("bfs reduced").statistics().distinctStates() : -1;
        return new Outcome.Compared(oracle.states(), verdict(reference), problems, reduced);
    }

    /** Searches {@code scenario} as engine {@code e} says; for a recorded engine's pass, compares its shared states. */
    private CheckResult search(Engine e, SpecScenario scenario, ReachableViolations oracle, List<String> problems) {
        SpecSystem plain = (SpecSystem) scenario.system();
        SpecScenario evaluated = e.evaluation() == Evaluation.COMPILED ? scenario : scenario.evaluated(e.evaluation());
        TransitionSystem<SpecState> system = e.reduced() ? mutation.apply(evaluated.system()) : evaluated.system();
        boolean recorded = e.name().equals(RECORDED) || e.name().equals(RECORDED_SYMMETRIC);
        GlobalsRecorder recorder = new GlobalsRecorder(plain);
        List<Invariant<SpecState>> invariants = new ArrayList<>(evaluated.invariants());
        if (recorded) {
            invariants.add(0, recorder);
        }
        CheckResult r = Explorer.check(new CheckRequest<>(system, invariants, e.options()));
        if (recorded && r instanceof CheckResult.Passed) {
            problems.addAll(sharedStates(e, plain, oracle.globals(), recorder.globals()));
        }
        return r;
    }

    /** The shared states an engine reached against the oracle's: the same (with symmetry, the same orbits). */
    private static List<String> sharedStates(Engine e, SpecSystem plain, Set<String> expected, Set<String> actual) {
        if (e.name().equals(RECORDED_SYMMETRIC)) {
            List<List<Integer>> classes = plain.symmetry().active() ? plain.symmetry().classes() : List.of();
            List<String> names = new ArrayList<>();
            for (int t = 0; t < plain.threadCount(); t++) {
                names.add(plain.threadName(t));
            }
            expected = expected.stream().map(p -> GlobalsRecorder.canonical(p, classes, names)).collect(Collectors.toSet());
            actual = actual.stream().map(p -> GlobalsRecorder.canonical(p, classes, names)).collect(Collectors.toSet());
        }
        return expected.equals(actual) ? List.of() : List.of(e.name() + " reached " + actual.size()
                + " shared states, the oracle " + expected.size() + ": " + GlobalsRecorder.difference(expected, actual));
    }

    private static List<String> againstOracle(ReachableViolations oracle, CheckResult r) {
        List<String> out = new ArrayList<>();
        String expected = oracle.violations().isEmpty() ? (oracle.overlap() ? "passed" : "no interleaving") : null;
        switch (r) {
            case CheckResult.Passed p -> {
                if (!"passed".equals(expected)) {
                    out.add("bfs passed, the oracle reaches " + oracle.violations() + " (overlap " + oracle.overlap() + ")");
                } else if (p.statistics().distinctStates() != oracle.states()) {
                    out.add("bfs stored " + p.statistics().distinctStates() + " states, the oracle " + oracle.states());
                }
            }
            case CheckResult.Violated v -> {
                String key = ReachableViolations.key(v.violation());
                if (key.equals("no interleaving") ? !key.equals(expected) : !oracle.violations().containsKey(key)) {
                    out.add("bfs reports '" + key + "', the oracle reaches " + oracle.violations());
                } else if (!key.equals("no interleaving") && v.trace().length() != oracle.firstDepth()) {
                    out.add("bfs trace has " + v.trace().length() + " steps, the shortest violation " + oracle.firstDepth());
                }
            }
            case CheckResult.Incomplete i -> out.add("bfs incomplete: " + i.reason());
        }
        return out;
    }

    /**
     * An engine against the reference: the same verdict; a violation the oracle reaches (the reference's when
     * it reaches only one), by a trace no shorter than the shortest; for a pass, the same number of states
     * without reduction, no more with it.
     */
    private static List<String> againstReference(Engine e, ReachableViolations oracle, CheckResult reference,
            CheckResult r) {
        List<String> out = new ArrayList<>();
        if (r instanceof CheckResult.Passed p && p.coverage() == Coverage.PREEMPTION_BOUNDED) {
            return out;                            // claims nothing beyond its bound
        }
        String mine = verdict(r);
        String theirs = verdict(reference);
        if (r instanceof CheckResult.Violated v && reference instanceof CheckResult.Violated) {
            String key = ReachableViolations.key(v.violation());
            boolean one = oracle.violations().size() <= 1;
            if (one ? !mine.equals(theirs) : !oracle.violations().containsKey(key)) {
                out.add(e.name() + " reports '" + key + "', bfs '" + theirs + "', the oracle reaches " + oracle.violations());
            }
            if (!key.equals("no interleaving") && v.trace().length() < oracle.firstDepth()) {
                out.add(e.name() + " trace has " + v.trace().length() + " steps, shorter than the shortest "
                        + oracle.firstDepth());
            }
        } else if (!mine.equals(theirs)) {
            out.add(e.name() + ": " + mine + ", bfs: " + theirs);
        } else if (r instanceof CheckResult.Passed && e.options().strategy() != Strategy.PREEMPT) {
            long mineStates = r.statistics().distinctStates();
            long theirStates = reference.statistics().distinctStates();
            if (e.reduced() ? mineStates > theirStates : mineStates != theirStates) {
                out.add(e.name() + " stored " + mineStates + " states, bfs " + theirStates);
            }
        }
        return out;
    }

    /** A violation's trace, replayed on the plain system, ends in a state that shows that violation. */
    private static List<String> replays(Engine e, SpecScenario scenario, CheckResult r) {
        if (!(r instanceof CheckResult.Violated v) || ReachableViolations.key(v.violation()).equals("no interleaving")) {
            return List.of();
        }
        TransitionSystem<SpecState> plain = scenario.system();
        return switch (Replayer.replay(plain, v.trace().schedule())) {
            case Replay.DoesNotFit<SpecState> misfit -> List.of(e.name() + ": its trace does not replay: " + misfit.describe());
            case Replay.Fits<SpecState> fits -> {
                String shown = ReachableViolations.judge(plain, scenario.invariants(), fits.finalState());
                String key = ReachableViolations.key(v.violation());
                yield key.equals(shown) ? List.of()
                        : List.of(e.name() + ": its trace replays to a state showing '" + shown + "', not '" + key + "'");
            }
        };
    }

    /** The verdict and the violation's key, what every engine must agree on. */
    static String verdict(CheckResult r) {
        return switch (r) {
            case CheckResult.Passed p -> "passed";
            case CheckResult.Incomplete i -> "incomplete " + i.reason();
            case CheckResult.Violated v -> "violated " + ReachableViolations.key(v.violation());
        };
    }

    /** Null when {@code a} and {@code b} are the same result byte for byte (verdict, JSON trace, counts), else how not. */
    static String same(CheckResult a, CheckResult b) {
        if (!verdict(a).equals(verdict(b))) {
            return verdict(b) + " instead of " + verdict(a);
        }
        if (!counts(a.statistics()).equals(counts(b.statistics()))) {
            return "counts " + counts(b.statistics()) + " instead of " + counts(a.statistics());
        }
        if (a instanceof CheckResult.Violated v && b instanceof CheckResult.Violated w) {
            String x = JsonTraceWriter.write(Map.of(), v.trace(), v.violation());
            String y = JsonTraceWriter.write(Map.of(), w.trace(), w.violation());
            return x.equals(y) ? null : "another trace: " + w.trace().schedule() + " instead of " + v.trace().schedule();
        }
        return null;
    }

    private static List<Long> counts(Statistics s) {
        return List.of(s.distinctStates(), s.statesGenerated(), s.transitions(), (long) s.maxDepth());
    }
}
