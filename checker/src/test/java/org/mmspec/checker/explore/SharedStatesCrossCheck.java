package org.mmspec.checker.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.trace.Replay;
import org.mmspec.checker.trace.Replayer;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.eval.SpecSystem;
import org.mmspec.spec.load.SpecScenario;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.TransitionSystem;
import org.mmspec.spec.semantics.Witness;

/**
 * Compares, on one spec scenario, the shared states (globals and locks, {@link GlobalsRecorder#project})
 * the unreduced BFS reaches with those the reduced searches reach ({@link ReductionSharedStatesTest}).
 * Partial-order reduction by local steps changes where threads stand, never which shared states are
 * reachable; symmetry changes them only by a renaming of interchangeable threads.
 *
 * <ul>
 *   <li>The unreduced search passes: the reduced search without symmetry reaches exactly its set of shared
 *       states; the default reduced search (with symmetry) the same set up to the renaming
 *       ({@link GlobalsRecorder#canonical}).</li>
 *   <li>The unreduced search violates: the shared state of its violation (its trace's last state, replayed)
 *       is reachable by both reduced searches. For an invariant violation each is searched for that shared
 *       state alone (no scenario invariant, a target invariant in their place) and must reach it, or stop at
 *       a fault or deadlock in it; a fault or deadlock depends on where the threads stand too, so for one the
 *       reduced searches (no invariant) must stop at that fault or deadlock in that shared state.</li>
 * </ul>
 *
 * The scenario's own bounds are not applied: every search is the exhaustive BFS on one worker within
 * {@link #CAP} states; a scenario whose unreduced search does not end within that is skipped.
 */
final class SharedStatesCrossCheck {

    /** Unreduced searches over this many states are skipped (CI time). */
    static final int CAP = 60_000;

    private static final SearchOptions BASE = SearchOptions.defaults()
            .withBudget(SearchOptions.defaults().budget().withMaxStates(CAP));

    /** How one scenario went. */
    sealed interface Outcome {
        /** Not compared, and why. */
        record Skipped(String why) implements Outcome {}

        /** Compared; {@code problems} empty when the reduced searches reached what the unreduced one did. */
        record Compared(String verdict, List<String> problems) implements Outcome {}
    }

    /** The reduced searches run on {@code mutation.apply(system)}: the identity for the real test. */
    private final UnaryOperator<TransitionSystem<SpecState>> mutation;

    SharedStatesCrossCheck(UnaryOperator<TransitionSystem<SpecState>> mutation) {
        this.mutation = mutation;
    }

    /** Searches {@code s} unreduced, then reduced with and without symmetry, and compares. */
    Outcome run(SpecScenario s) {
        SpecSystem plain = (SpecSystem) s.system();
        GlobalsRecorder full = new GlobalsRecorder(plain);
        CheckResult off = Explorer.check(new CheckRequest<>(plain, with(full, s.invariants()), BASE));
        return switch (off) {
            case CheckResult.Incomplete i -> new Outcome.Skipped("over " + CAP + " states");
            case CheckResult.Passed p when p.coverage() != Coverage.EXHAUSTIVE -> new Outcome.Skipped(p.coverage().toString());
            case CheckResult.Passed p -> new Outcome.Compared("passed", passed(s, full.globals()));
            case CheckResult.Violated v -> violated(s, v);
        };
    }

    /** The reduced searches' shared states against the unreduced search's. */
    private List<String> passed(SpecScenario s, Set<String> expected) {
        SpecSystem plain = (SpecSystem) s.system();
        List<String> problems = new ArrayList<>();
        for (boolean symmetric : new boolean[] {false, true}) {
            GlobalsRecorder recorder = new GlobalsRecorder(plain);
            CheckResult on = Explorer.check(new CheckRequest<>(mutation.apply(plain), with(recorder, s.invariants()),
                    options(symmetric)));
            String name = symmetric ? "reduced" : "por";
            if (!(on instanceof CheckResult.Passed)) {
                problems.add(name + ": " + ReductionCrossCheckTest.outcome(on) + ", unreduced: passed");
                continue;
            }
            Set<String> want = canonical(plain, expected, symmetric);
            Set<String> got = canonical(plain, recorder.globals(), symmetric);
            if (!want.equals(got)) {
                problems.add(name + " reached " + got.size() + " shared states, unreduced " + want.size() + ": "
                        + GlobalsRecorder.difference(want, got));
            }
        }
        return problems;
    }

    /** Each reduced search must reach the shared state of the unreduced search's violation. */
    private Outcome violated(SpecScenario s, CheckResult.Violated v) {
        SpecSystem plain = (SpecSystem) s.system();
        String verdict = ReductionCrossCheckTest.outcome(v);
        SpecState last = lastState(plain, v);
        if (last == null) {
            return new Outcome.Compared(verdict, List.of("the unreduced trace does not replay"));
        }
        List<String> problems = new ArrayList<>();
        for (boolean symmetric : new boolean[] {false, true}) {
            String target = canonical(plain, GlobalsRecorder.project(plain, last), symmetric);
            boolean invariant = v.violation() instanceof InvariantViolation;
            List<Invariant<SpecState>> targets = invariant ? List.of(new Target(plain, target, symmetric)) : List.of();
            SearchOptions o = options(symmetric).withBudget(BASE.budget().withMaxStates(4L * CAP));
            CheckResult on = Explorer.check(new CheckRequest<>(mutation.apply(plain), targets, o));
            String name = symmetric ? "reduced" : "por";
            String problem = reaches(plain, on, target, symmetric, invariant ? null : verdict);
            if (problem != null) {
                problems.add(name + " does not reach the shared state of the unreduced violation (" + verdict + ", "
                        + target.replace('\n', ' ') + "): " + problem);
            }
        }
        return new Outcome.Compared(verdict, problems);
    }

    /**
     * Null when {@code on} reached {@code target}, else what it did instead. An invariant violation is one of
     * the shared state: reaching it is enough. A fault or deadlock ({@code verdict} not null) is one of where
     * the threads stand too: the reduced search must show that very verdict in that shared state.
     */
    private static String reaches(SpecSystem plain, CheckResult on, String target, boolean symmetric, String verdict) {
        if (!(on instanceof CheckResult.Violated w)) {
            return ReductionCrossCheckTest.outcome(on);
        }
        if (verdict == null && w.violation() instanceof InvariantViolation iv && iv.invariantId().equals(Target.ID)) {
            return null;
        }
        SpecState end = lastState(plain, w);
        boolean there = end != null && canonical(plain, GlobalsRecorder.project(plain, end), symmetric).equals(target);
        return there && (verdict == null || verdict.equals(ReductionCrossCheckTest.outcome(on))) ? null
                : "stopped first at " + ReductionCrossCheckTest.outcome(on) + (there ? "" : " elsewhere");
    }

    /** The last state of {@code v}'s trace replayed on the plain system, or null if it does not replay. */
    private static SpecState lastState(SpecSystem plain, CheckResult.Violated v) {
        return Replayer.replay(plain, v.trace().schedule()) instanceof Replay.Fits<SpecState> fits ? fits.finalState()
                : null;
    }

    private static SearchOptions options(boolean symmetric) {
        return BASE.withReduction(true).withSymmetry(symmetric);
    }

    private static List<Invariant<SpecState>> with(GlobalsRecorder recorder, List<Invariant<SpecState>> invariants) {
        List<Invariant<SpecState>> out = new ArrayList<>();
        out.add(recorder);
        out.addAll(invariants);
        return out;
    }

    private static Set<String> canonical(SpecSystem plain, Set<String> projections, boolean symmetric) {
        return projections.stream().map(p -> canonical(plain, p, symmetric)).collect(Collectors.toSet());
    }

    /** {@code projection} up to renaming interchangeable threads when {@code symmetric}, else as it is (lines sorted). */
    static String canonical(SpecSystem plain, String projection, boolean symmetric) {
        List<List<Integer>> classes = symmetric && plain.symmetry().active() ? plain.symmetry().classes() : List.of();
        List<String> names = new ArrayList<>();
        for (int t = 0; t < plain.threadCount(); t++) {
            names.add(plain.threadName(t));
        }
        return GlobalsRecorder.canonical(projection, classes, names);
    }

    /** An invariant that fails on the states whose shared part is {@code target}. */
    private record Target(SpecSystem plain, String target, boolean symmetric) implements Invariant<SpecState> {
        static final String ID = "reaches_shared_state";

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String statement() {
            return "the search has not reached the target shared state";
        }

        @Override
        public Witness check(SpecState s) {
            return canonical(plain, GlobalsRecorder.project(plain, s), symmetric).equals(target)
                    ? Witness.of("reached " + target.replace('\n', ' ')) : null;
        }
    }
}
