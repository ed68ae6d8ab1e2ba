package org.mmspec.checker.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.junit.Mmspec;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.ModelError;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioRun;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.ref.audit.AuditMode;
import org.mmspec.ref.audit.StepAudit;
import org.mmspec.ref.bugs.BugId;

/**
 * The atomicity audit over the whole standard suite: every scenario with the historic bugs off, and every
 * bug's scenario with its bug on, searched exhaustively (BFS) with every step audited. Each must give its
 * expected verdict with no atomicity model error, and the audit must have checked every step it ran.
 */
class AuditedScenariosTest {

    static Stream<Arguments> runs() {
        return ScenarioCatalog.standard().all().stream().flatMap(s -> s.bug().isPresent()
                ? Stream.of(Arguments.of(s.name(), Set.of()), Arguments.of(s.name(), Set.of(s.bug().get())))
                : Stream.of(Arguments.of(s.name(), Set.<BugId>of())));
    }

    @Test
    void thereIsSomethingToAudit() {
        assertTrue(runs().count() >= ScenarioCatalog.standard().all().size(), "no scenarios to audit");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void everyStepOfTheScenarioIsReducible(String name, Set<BugId> bugs) {
        Scenario s = ScenarioCatalog.standard().all().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        ScenarioRun run = ScenarioRun.check(s, bugs, List.of(), s.search(), AuditMode.CHECK, SearchListener.NONE);
        CheckResult r = run.result();
        assertFalse(r instanceof CheckResult.Violated v && v.violation() instanceof ModelError,
                () -> name + " " + bugs + ": " + Mmspec.traceText((CheckResult.Violated) r));
        assertTrue(run.asExpected(), () -> name + " " + bugs + " not as expected: " + r);
        StepAudit audit = run.system().audit().orElseThrow();
        assertTrue(audit.steps() > 0 && audit.accesses() > 0, name + ": the audit checked nothing");
    }
}
