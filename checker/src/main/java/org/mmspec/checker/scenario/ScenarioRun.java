package org.mmspec.checker.scenario;

import java.util.List;
import java.util.Set;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.Explorer;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.ref.audit.AuditMode;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.system.KernelSystem;
import org.mmspec.spec.semantics.Invariant;

/**
 * One check of a scenario: which bugs are on, how to search, and the result. Built with {@link #check}.
 *
 * @param scenario the scenario
 * @param bugs the historic bugs switched on
 * @param expectation what the result should be
 * @param system the transition system that was searched (to replay traces)
 * @param result the verdict
 */
public record ScenarioRun(Scenario scenario, Set<BugId> bugs, Expectation expectation, KernelSystem system,
        CheckResult result) {

    public ScenarioRun {
        bugs = Set.copyOf(bugs);
    }

    /** Whether the result is what the scenario expects with these bugs. */
    public boolean asExpected() {
        return expectation.isMetBy(result);
    }

    /**
     * Checks {@code scenario} with {@code bugs} on, the given invariants (the scenario's own when
     * {@code invariantIds} is empty) and search options.
     *
     * @throws IllegalArgumentException for an unknown invariant id (validate first with {@link InvariantSource})
     */
    public static ScenarioRun check(Scenario scenario, Set<BugId> bugs, List<String> invariantIds, SearchOptions options,
            SearchListener listener) {
        return check(scenario, bugs, invariantIds, options, AuditMode.OFF, listener);
    }

    /**
     * As {@link #check(Scenario, Set, List, SearchOptions, SearchListener)}, with the atomicity audit in
     * {@code audit} mode: with {@link AuditMode#CHECK} a step that is not reducible, or an access that breaks
     * its region's discipline, is reported as a model error with the trace that reached it.
     */
    public static ScenarioRun check(Scenario scenario, Set<BugId> bugs, List<String> invariantIds, SearchOptions options,
            AuditMode audit, SearchListener listener) {
        KernelSystem system = scenario.instantiate(bugs, audit);
        List<String> ids = invariantIds.isEmpty() ? scenario.invariants() : invariantIds;
        List<Invariant<KernelState>> invariants = InvariantSource.resolve(system.config(), ids,
                InvariantSource.threadNames(system));
        CheckResult result = Explorer.check(new CheckRequest<>(system, invariants, options), listener);
        return new ScenarioRun(scenario, bugs, scenario.expectation(bugs), system, result);
    }
}
