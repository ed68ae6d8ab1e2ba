package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --checkpoint} and {@code --resume} from the command line; disk budgets and their errors. */
class CheckpointCliTest {

    /** The verdict and trace of a run: its output less the statistics lines (whose times vary). */
    private static String verdictAndTrace(CliRun run) {
        int cut = run.out().indexOf(" distinct states, ");
        return run.out().substring(0, run.out().lastIndexOf('\n', cut) + 1);
    }

    /** The counts of a run's statistics line (distinct, generated, transitions, depth), without its times. */
    private static String statistics(CliRun run) {
        int at = run.out().indexOf(" distinct states, ");
        int start = run.out().lastIndexOf('\n', at) + 1;
        String line = run.out().substring(start, run.out().indexOf('\n', at));
        return line.substring(0, line.indexOf(", depth ") + ", depth ".length() + 3);
    }

    @Test
    void aResumedRunPrintsTheVerdictAndTraceOfAnUninterruptedOne(@TempDir Path dir) {
        CliRun whole = CliRun.of("explore", "--bug", "dirty-cow");
        assertEquals(1, whole.code(), whole.toString());
        String cp = dir.resolve("cp").toString();
        CliRun first = CliRun.of("explore", "--bug", "dirty-cow", "--checkpoint", cp, "--checkpoint-interval", "0",
                "--max-states", "60");
        assertEquals(3, first.code(), first.toString());
        CliRun resumed = CliRun.of("explore", "--bug", "dirty-cow", "--resume", cp);
        assertEquals(1, resumed.code(), resumed.toString());
        assertEquals(verdictAndTrace(whole), verdictAndTrace(resumed));
        assertTrue(whole.out().contains("fingerprint collision probability"), whole.out());
    }

    @Test
    void aResumedDepthFirstRunPrintsTheVerdictAndTraceOfAnUninterruptedOne(@TempDir Path dir) {
        CliRun whole = CliRun.of("explore", "--bug", "dirty-cow", "--strategy", "dfs");
        assertEquals(1, whole.code(), whole.toString());
        String cp = dir.resolve("cp").toString();
        CliRun first = CliRun.of("explore", "--bug", "dirty-cow", "--strategy", "dfs", "--checkpoint", cp,
                "--checkpoint-interval", "0", "--max-states", "60");
        assertEquals(3, first.code(), first.toString());
        CliRun resumed = CliRun.of("explore", "--bug", "dirty-cow", "--strategy", "dfs", "--resume", cp);
        assertEquals(1, resumed.code(), resumed.toString());
        assertEquals(verdictAndTrace(whole), verdictAndTrace(resumed));
        CliRun bfs = CliRun.of("explore", "--bug", "dirty-cow", "--resume", cp);
        assertEquals(2, bfs.code(), bfs.toString());
        assertTrue(bfs.err().contains("another search"), bfs.err());
    }

    @Test
    void resumedPreemptionBoundedAndRandomRunsPrintTheVerdictAndTraceOfUninterruptedOnes(@TempDir Path dir) {
        for (String strategy : new String[] {"preempt", "random"}) {
            // random walks (seed 0) find this lost wakeup, not dirty-cow
            String bug = strategy.equals("random") ? "lock-page-killable-wakeup" : "dirty-cow";
            CliRun whole = CliRun.of("explore", "--bug", bug, "--strategy", strategy);
            assertEquals(1, whole.code(), whole.toString());
            assertTrue(whole.out().contains("VIOLATED"), whole.out());
            String cp = dir.resolve(strategy).toString();
            CliRun first = CliRun.of("explore", "--bug", bug, "--strategy", strategy, "--checkpoint", cp,
                    "--checkpoint-interval", "0", "--max-states", "100");
            assertEquals(3, first.code(), first.toString());
            CliRun resumed = CliRun.of("explore", "--bug", bug, "--strategy", strategy, "--resume", cp);
            assertEquals(1, resumed.code(), resumed.toString());
            assertEquals(verdictAndTrace(whole), verdictAndTrace(resumed));
            assertEquals(statistics(whole), statistics(resumed));
        }
    }

    @Test
    void aCheckpointOfAnotherSearchOrNoneIsBadUsage(@TempDir Path dir) {
        String cp = dir.resolve("cp").toString();
        assertEquals(3, CliRun.of("explore", "--bug", "dirty-cow", "--checkpoint", cp, "--checkpoint-interval", "0",
                "--max-states", "30").code());
        CliRun other = CliRun.of("explore", "fault-vs-fault", "--resume", cp);
        assertEquals(2, other.code(), other.toString());
        assertTrue(other.err().contains("another search"), other.err());
        CliRun none = CliRun.of("explore", "fault-vs-fault", "--resume", dir.resolve("nothing").toString());
        assertEquals(2, none.code(), none.toString());
        CliRun random = CliRun.of("explore", "fault-vs-fault", "--strategy", "random", "--resume", cp);
        assertEquals(2, random.code(), random.toString());
        assertTrue(random.err().contains("another search"), random.err());
        assertEquals(2, CliRun.of("explore", "fault-vs-fault", "--max-disk", "much").code());
        CliRun several = CliRun.of("check", "../spec/mm/dirty_cow.mmspec", "--checkpoint", cp);
        assertEquals(2, several.code(), several.toString());
        assertTrue(several.err().contains("--scenario"), several.err());
        assertEquals(2, CliRun.of("explore", "fault-vs-fault", "--checkpoint-interval", "-1", "--checkpoint", cp).code());
    }

    /** A checkpoint of the earlier format (varint frontier records) is refused, not misread. */
    @Test
    void aCheckpointOfAnEarlierFormatIsBadUsage(@TempDir Path dir) throws IOException {
        String cp = dir.resolve("cp").toString();
        assertEquals(3, CliRun.of("explore", "--bug", "dirty-cow", "--checkpoint", cp, "--checkpoint-interval", "0",
                "--max-states", "30").code());
        Path meta = dir.resolve("cp").resolve("current").resolve("meta.properties");
        String text = Files.readString(meta);
        assertTrue(text.contains("format=mmspec-checkpoint-2"), text);
        assertEquals(3, CliRun.of("explore", "--bug", "dirty-cow", "--resume", cp, "--max-states", "40").code());
        Files.writeString(meta, Files.readString(meta).replace("mmspec-checkpoint-2", "mmspec-checkpoint-1"));
        CliRun old = CliRun.of("explore", "--bug", "dirty-cow", "--resume", cp);
        assertEquals(2, old.code(), old.toString());
        assertTrue(old.err().contains("not an mmspec checkpoint of this version"), old.err());
    }

    @Test
    void fingerprintsOnDiskGiveTheSameVerdictAndTraceAndKeepTheCollisionLine(@TempDir Path dir) {
        CliRun whole = CliRun.of("explore", "--bug", "dirty-cow", "--workers", "1");
        CliRun disk = CliRun.of("explore", "--bug", "dirty-cow", "--fp-memory", "1k", "--spill-dir",
                dir.resolve("spill").toString());
        assertEquals(1, disk.code(), disk.toString());
        assertEquals(verdictAndTrace(whole), verdictAndTrace(disk));
        assertTrue(disk.out().contains("fingerprint collision probability"), disk.out());
        assertTrue(disk.out().contains("on disk (frontier, fingerprints): "), disk.out());
        CliRun full = CliRun.of("explore", "lock-page-killable", "--fp-memory", "1k", "--max-disk", "2k");
        assertEquals(3, full.code(), full.toString());
        assertTrue(full.out().contains("INCOMPLETE: the disk budget ran out"), full.out());
        assertTrue(full.out().contains("distinct states"), full.out());
        CliRun bad = CliRun.of("explore", "lock-page-killable", "--fp-memory", "lots");
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("--fp-memory: 'lots' is not a size"), bad.err());
    }

    @Test
    void aTinyMemoryBudgetIsIncompleteWithExitThree() {
        CliRun run = CliRun.of("explore", "lock-page-killable", "--max-memory", "1m");
        assertEquals(3, run.code(), run.toString());
        assertTrue(run.out().contains("INCOMPLETE: the memory budget ran out"), run.out());
    }
}
