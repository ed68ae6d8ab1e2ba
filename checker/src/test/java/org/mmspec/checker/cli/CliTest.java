package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's commands, output and exit codes (run in-process). */
class CliTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err), false);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void exploreOfAPassingScenarioExitsZero() {
        Run r = run("explore", "fault-vs-fault");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("PASSED: no violation in the whole state space"), r.out());
        assertTrue(r.out().contains("distinct states/s"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void exploreWithAuditChecksEveryStepAndSaysHowMany() throws java.io.IOException {
        Run r = run("explore", "fault-vs-fault", "--audit");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("PASSED: no violation in the whole state space"), r.out());
        assertTrue(r.out().matches("(?s).*audit: [\\d,]+ steps, [\\d,]+ accesses checked.*"), r.out());
        Run root = run("--audit", "explore", "fault-vs-fault");
        assertEquals(r.out().replaceAll("\\d+\\.\\d+ s, [\\d,]+ distinct states/s", ""),
                root.out().replaceAll("\\d+\\.\\d+ s, [\\d,]+ distinct states/s", ""), "--audit before explore audits it too");
        assertFalse(run("explore", "fault-vs-fault").out().contains("audit:"), "no audit unless asked");
        String line = r.out().lines().filter(l -> l.startsWith("audit: ")).findFirst().orElseThrow();
        assertTrue(Files.readString(Path.of("..", "README.md")).contains(
                "./mmspec explore fault-vs-fault --audit    # ... PASSED, then: " + line), "README's example: " + line);
    }

    @Test
    void exploreWithOnlyABugRunsItsScenarioAndPrintsTheTrace() {
        Run r = run("explore", "--bug", "dirty-cow");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().startsWith("scenario gup-vs-madvise with dirty-cow on"), r.out());
        assertTrue(r.out().contains("VIOLATED: invariant cow_isolation violated"), r.out());
        assertTrue(r.out().contains("#1 writer __access_remote_vm:down_read_mmap_sem"), r.out());
    }

    @Test
    void theSameRunPrintsTheSameTraceByteForByte() {
        String a = run("explore", "ttu-vs-munmap", "--bug", "ttu-sync").out().replaceAll("\\d+\\.\\d+ s, [\\d,]+ distinct states/s", "");
        String b = run("explore", "ttu-vs-munmap", "--bug", "ttu-sync").out().replaceAll("\\d+\\.\\d+ s, [\\d,]+ distinct states/s", "");
        assertEquals(a, b);
    }

    @Test
    void aTinyStateBudgetIsIncompleteWithExitThree() {
        Run r = run("explore", "lock-page-contention", "--max-states", "10");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("INCOMPLETE"), r.out());
    }

    @Test
    void everyStrategyIsAccepted() {
        for (String s : new String[] {"bfs", "dfs", "preempt", "random", "BFS"}) {
            Run r = run("explore", "lock-page-killable", "--bug", "lock-page-killable-wakeup", "--strategy", s, "--seed", "7",
                    "--walks", "2000");
            assertEquals(1, r.code(), s + ": " + r.out() + r.err());
        }
    }

    @Test
    void anUnknownScenarioIsBadUsageWithASuggestion() {
        Run r = run("explore", "gup-vs-madvis");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown scenario 'gup-vs-madvis' (did you mean 'gup-vs-madvise'?)"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void badFlagsAndValuesAreBadUsage() {
        assertEquals(2, run("explore", "fault-vs-fault", "--no-such-flag").code());
        assertEquals(2, run("explore", "fault-vs-fault", "--strategy", "sideways").code());
        assertEquals(2, run("explore", "fault-vs-fault", "--max-memory", "lots").code());
        assertEquals(2, run("explore", "fault-vs-fault", "--max-states", "-1").code());
        assertEquals(2, run("explore", "--bug", "no-such-bug").code());
        assertEquals(2, run("explore").code());
        assertEquals(2, run("explore", "fault-vs-fault", "--invariants", "nonsense").code());
        Run r = run("no-such-command");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("mmspec: "), r.err());
    }

    @Test
    void listNamesScenariosBugsAndInvariants() {
        Run r = run("list");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("gup-vs-madvise"));
        assertTrue(r.out().contains("dirty-cow"));
        assertTrue(r.out().contains("cow_isolation"));
        assertTrue(r.out().contains("dirty_cow.mmspec:dirty_cow_bug"), r.out());
    }

    @Test
    void jsonTraceReplaysStepByStep(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("t.json");
        Run explore = run("explore", "--bug", "madv-remove-deadlock", "--json", json.toString());
        assertEquals(1, explore.code());
        assertTrue(Files.size(json) > 0);
        Run replay = run("replay", json.toString());
        assertEquals(1, replay.code(), replay.out() + replay.err());
        assertTrue(replay.out().contains("as recorded: invariant lock_order violated"), replay.out());
    }

    @Test
    void aBrokenTraceFileIsBadInputNamingTheFile(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bad.json");
        Files.writeString(json, "{ not json");
        Run r = run("replay", json.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(json.toString()), r.err());
        assertEquals(2, run("replay", dir.resolve("missing.json").toString()).code());
    }

    @Test
    void benchPrintsKeyValueLines() {
        Run r = run("bench", "--scenario", "fork-vs-fault", "--warmup", "0", "--seconds", "0.2");
        assertEquals(0, r.code(), r.err());
        String line = r.out().lines().filter(l -> l.startsWith("scenario=")).findFirst().orElseThrow();
        for (String key : new String[] {"scenario=fork-vs-fault", "distinct_states=", "distinct_states_per_sec=", "bytes_per_state="}) {
            assertTrue(line.contains(key), line);
        }
    }
}
