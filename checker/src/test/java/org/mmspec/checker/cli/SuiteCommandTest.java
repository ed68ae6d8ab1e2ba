package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.specs.SpecSuite;

/** {@code mmspec} with no arguments: the reference scenarios and every bundled spec scenario, one table. */
class SuiteCommandTest {

    @Test
    void theSuiteTableHasARowForEverySpecScenarioAfterTheReferenceRows() throws IOException {
        CliRun run = CliRun.of();
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.getFirst().startsWith("scenario "), run::toString);
        List<String> specNames = SpecSuite.bundled().rowNames();
        assertTrue(specNames.size() >= 20, specNames::toString);
        int lastReference = -1;
        for (String name : ScenarioCatalog.standard().all().stream().map(s -> s.name()).toList()) {
            lastReference = Math.max(lastReference, indexOfRow(lines, name));
        }
        for (String name : specNames) {
            int i = indexOfRow(lines, name);
            assertTrue(i > lastReference, name + " comes after the reference rows");
            assertTrue(lines.get(i).endsWith("  ok"), "as expected: " + lines.get(i));
        }
        long rows = lines.stream().filter(l -> l.endsWith("  ok") || l.endsWith("UNEXPECTED")).count();
        assertTrue(run.out().contains(rows + " verdicts"), "the footer counts every row: " + run);
        assertEquals(run.out().contains("NOT as expected") ? ExitCodes.VIOLATION : ExitCodes.PASSED, run.code(), run::toString);
    }

    private static int indexOfRow(List<String> lines, String scenario) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(scenario + " ")) {
                return i;
            }
        }
        throw new AssertionError("no row for " + scenario + " in\n" + String.join("\n", lines));
    }
}
