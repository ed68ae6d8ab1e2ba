package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.ref.bugs.BugId;

/** Help with examples, the help subcommand, lists read from the catalogs, and did-you-mean for every name. */
class HelpTest {

    @Test
    void everyCommandsHelpHasExamples() {
        for (String cmd : new String[] {"", "explore", "check", "replay", "list"}) {
            CliRun run = cmd.isEmpty() ? CliRun.of("--help") : CliRun.of(cmd, "--help");
            assertEquals(0, run.code(), run::toString);
            assertTrue(run.out().contains("Examples:"), cmd + ":\n" + run.out());
        }
    }

    /**
     * picocli formats every description as a format string and, when one is malformed (a bare {@code %}),
     * prints a warning straight to the process's standard error: no command's help may do that.
     */
    @Test
    void everyCommandsHelpFormatsWithoutPicocliWarnings() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            for (String cmd : new String[] {"", "explore", "check", "replay", "list", "bench"}) {
                CliRun run = cmd.isEmpty() ? CliRun.of("--help") : CliRun.of(cmd, "--help");
                assertEquals(0, run.code(), run::toString);
                assertFalse(run.out().contains("%n"), cmd + ":\n" + run.out());
            }
        } finally {
            System.setErr(saved);
        }
        String err = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(err.contains("picocli WARN"), err);
    }

    @Test
    void theHelpSubcommandShowsACommandsHelp() {
        CliRun run = CliRun.of("help", "check");
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().startsWith("Usage: mmspec check"), run::toString);
    }

    @Test
    void exploresHelpListsTheBugsAndScenariosOfTheCatalogs() {
        String help = CliRun.of("explore", "--help").out().replaceAll("\\s+", " ");
        for (BugId b : BugId.values()) {
            assertTrue(help.contains(b.id()), b.id() + " in:\n" + help);
        }
        ScenarioCatalog.standard().all().forEach(s -> assertTrue(help.contains(s.name()), s.name()));
    }

    @Test
    void misspeltNamesGetADidYouMean() {
        assertTrue(CliRun.of("chek", "x.mmspec").err().contains("did you mean 'check'?"));
        assertTrue(CliRun.of("explore", "fault-vs-fault", "--max-state", "3").err().contains("did you mean '--max-states'?"));
        assertTrue(CliRun.of("explore", "--bug", "dirty-co").err().contains("did you mean 'dirty-cow'?"));
        assertTrue(CliRun.of("explore", "fault-vs-fault", "--invariants", "cow_isolaton").err()
                .contains("did you mean 'cow_isolation'?"));
        assertTrue(CliRun.of("explore", "fault-vs-faul").err().contains("did you mean 'fault-vs-fault'?"));
        assertTrue(CliRun.of("explore", "fault-vs-fault", "--strategy", "bfss").err().contains("did you mean 'bfs'?"));
        assertTrue(CliRun.of("explore", "fault-vs-fault", "--view", "colums").err().contains("did you mean 'columns'?"));
    }
}
