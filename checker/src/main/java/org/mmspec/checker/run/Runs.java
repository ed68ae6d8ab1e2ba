package org.mmspec.checker.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mmspec.checker.coverage.CodePoints;
import org.mmspec.checker.coverage.CoverageProbe;
import org.mmspec.checker.coverage.CoverageReport;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.Explorer;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.scenario.Expectation;
import org.mmspec.checker.scenario.InvariantSource;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.specs.SpecCheck;
import org.mmspec.checker.specs.SpecExpectations;
import org.mmspec.checker.specs.SpecExpectations.Judgement;
import org.mmspec.ref.audit.AuditMode;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.system.KernelSystem;
import org.mmspec.spec.load.SpecScenario;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Checks one scenario of either model and gives a {@link CheckRun}: the search (with a coverage probe
 * when coverage is asked for or the scenario has {@code cover} points), a pass whose threads were
 * serialised turned from the explorer's "no interleaving" model error into a flagged pass that says
 * which lock serialised them, and the verdict judged against the expectation (a flagged pass is not as
 * expected).
 */
public final class Runs {

    private Runs() {
    }

    /**
     * A scenario of the reference implementation with {@code bugs} on.
     *
     * @param invariantIds the invariants to check, overriding the scenario's own (empty: the scenario's)
     * @param name the name tables show
     * @param file the file it was written in, or {@code ""}
     */
    public static CheckRun reference(Scenario scenario, Set<BugId> bugs, List<String> invariantIds,
            SearchOptions options, SearchListener listener, boolean coverage, String name, String file) {
        return reference(scenario, bugs, invariantIds, options, listener, coverage, name, file, AuditMode.OFF);
    }

    /**
     * A scenario of the reference implementation with {@code bugs} on and the atomicity audit in
     * {@code audit} mode (docs/model.md, Atomicity): a step that is not reducible is a model error.
     */
    public static CheckRun reference(Scenario scenario, Set<BugId> bugs, List<String> invariantIds,
            SearchOptions options, SearchListener listener, boolean coverage, String name, String file, AuditMode audit) {
        KernelSystem system = scenario.instantiate(bugs, audit);
        List<String> ids = invariantIds.isEmpty() ? scenario.invariants() : invariantIds;
        List<Invariant<KernelState>> invariants = InvariantSource.resolve(system.config(), ids,
                InvariantSource.threadNames(system));
        Expectation expectation = scenario.expectation(bugs);
        Searched<KernelState> s = search(system, invariants, options, listener, coverage, scenario.cover());
        Judgement base = switch (s.result) {
            case CheckResult.Incomplete i -> Judgement.UNDECIDED;
            default -> expectation.isMetBy(s.result) ? Judgement.AS_EXPECTED : Judgement.NOT_AS_EXPECTED;
        };
        List<String> bugIds = bugs.stream().map(BugId::id).sorted().toList();
        return new CheckRun(name, CheckRun.REFERENCE, file, scenario.name(), bugIds, options, expectation.describe(),
                s.result, flagged(base, s), s.coverage, s.flags, system);
    }

    /**
     * A scenario of a spec file.
     *
     * @param shown the file as the loader shows it ({@code dirty_cow.mmspec}), for the scenario's name
     * @param file the file as given, for reports and replay
     */
    public static CheckRun spec(String shown, String file, SpecScenario scenario, SearchOptions options,
            SearchListener listener, boolean coverage) {
        Searched<?> s = search(scenario.spec(), scenario.invariants(), options, listener, coverage, scenario.cover());
        Judgement base = SpecExpectations.judge(scenario.expectation(), s.result);
        return new CheckRun(SpecCheck.qualifiedName(shown, scenario.name()), CheckRun.SPEC, file, scenario.name(),
                List.of(), options, SpecExpectations.describe(scenario.expectation()), s.result, flagged(base, s),
                s.coverage, s.flags, scenario.system());
    }

    private static Judgement flagged(Judgement base, Searched<?> s) {
        return base == Judgement.AS_EXPECTED && s.result instanceof CheckResult.Passed && !s.flags.isEmpty()
                ? Judgement.NOT_AS_EXPECTED : base;
    }

    /** What a search gave: the result (a serialised scenario as a pass), coverage and flags. */
    private record Searched<S>(CheckResult result, Optional<CoverageReport> coverage, List<String> flags) {
    }

    private static <S> Searched<S> search(TransitionSystem<S> system, List<? extends Invariant<? super S>> invariants,
            SearchOptions options, SearchListener listener, boolean coverage, List<String> cover) {
        CodePoints<S> points = CodePoints.of(system);
        CoverageProbe<S> probe = (coverage || !cover.isEmpty()) && points != null
                ? new CoverageProbe<>(system, points) : null;
        List<Invariant<? super S>> all = new ArrayList<>(invariants);
        if (probe != null) {
            all.add(probe);
        }
        CheckResult result = Explorer.check(new CheckRequest<>(system, all, options), listener);
        List<String> flags = new ArrayList<>();
        if (Serialisation.isNoInterleaving(result)) {
            Optional<String> why = Serialisation.explain(system, options);
            if (why.isPresent()) {
                flags.add(why.get());
                result = new CheckResult.Passed(org.mmspec.checker.result.Coverage.EXHAUSTIVE, result.statistics());
            }
        }
        Optional<CoverageReport> report = Optional.ofNullable(probe).map(p -> p.report(cover));
        if (result instanceof CheckResult.Passed) {
            report.ifPresent(r -> flags.addAll(r.flags()));
        }
        return new Searched<>(result, report, flags);
    }
}
