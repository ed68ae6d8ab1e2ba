package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
