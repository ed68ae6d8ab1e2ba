package org.mmspec.checker.audit;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioRun;
import org.mmspec.checker.scenario.StandardScenarios;
import org.mmspec.checker.trace.TextTraceWriter;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.ref.audit.AuditMode;

class AuditProbeTest {
    @Test
    void probe() {
        for (Scenario s : StandardScenarios.all()) {
            ScenarioRun r = ScenarioRun.check(s, Set.of(), List.of(), SearchOptions.defaults(), AuditMode.CHECK, SearchListener.NONE);
            String text = switch (r.result()) {
                case CheckResult.Violated v -> TextTraceWriter.write(v.trace(), v.violation());
                default -> r.result().toString();
            };
            System.out.println("=== " + s.name() + "\n" + text);
        }
    }
}
