package org.mmspec.checker.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.ref.audit.AuditMode;

/** The suite runs each scenario without its bug and with it, and with the audit on says what it checked. */
class SuiteTest {

    private static final ScenarioCatalog TWO = new ScenarioCatalog(List.of(StandardScenarios.faultVsFault(),
            StandardScenarios.ttuVsMunmap()));

    @Test
    void everyScenarioRunsAndEveryBugScenarioRunsWithItsBugOn() {
        List<SuiteRow> seen = new ArrayList<>();
        Suite suite = new Suite(TWO);
        List<SuiteRow> rows = suite.run(seen::add, SearchListener.NONE);
        assertEquals(List.of("fault-vs-fault -", "ttu-vs-munmap -", "ttu-vs-munmap ttu-sync"),
                rows.stream().map(r -> r.scenario() + " " + r.bug()).toList());
        assertEquals(rows, seen, "each row is handed on as soon as it is known");
        assertTrue(rows.stream().allMatch(SuiteRow::asExpected), rows::toString);
        assertEquals(new Suite.Audited(0, 0), suite.audited(), "no audit unless asked");
    }

    @Test
    void withTheAuditOnEveryRunIsAuditedAndCounted() {
        Suite suite = new Suite(TWO, AuditMode.CHECK);
        List<SuiteRow> rows = suite.run(r -> { }, SearchListener.NONE);
        assertTrue(rows.stream().allMatch(SuiteRow::asExpected), rows::toString);
        assertTrue(suite.audited().steps() > 0 && suite.audited().accesses() > suite.audited().steps(),
                suite.audited().toString());
    }
}
