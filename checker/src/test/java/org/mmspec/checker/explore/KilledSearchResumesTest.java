package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmspec.checker.result.CheckResult;

/**
 * A search killed outright ({@code SIGKILL}, no shutdown of any kind) after it wrote a checkpoint resumes
 * from it to the same result as a search that was never interrupted.
 */
class KilledSearchResumesTest {

    @Test
    void aKilledSearchResumesToTheSameResult(@TempDir Path dir) throws IOException, InterruptedException {
        Path cp = dir.resolve("cp");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                CheckpointKillProbe.class.getName(), cp.toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.isDirectory(cp.resolve("current")) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        assertTrue(!out.contains("finished"), "the child finished before it was killed: " + out);
        assertTrue(Files.isDirectory(cp.resolve("current")) || Files.isDirectory(cp.resolve("previous")),
                "a checkpoint was written: " + out);

        CheckResult whole = Explorer.check(new CheckRequest<>(SpillAndResumeTest.counters(), List.of(),
                SearchOptions.defaults()));
        CheckResult resumed = Explorer.check(new CheckRequest<>(SpillAndResumeTest.counters(), List.of(),
                SearchOptions.defaults().withFiles(SearchFiles.defaults().withResume(cp))));
        assertInstanceOf(CheckResult.Passed.class, resumed);
        assertEquals(whole.statistics().distinctStates(), resumed.statistics().distinctStates());
        assertEquals(whole.statistics().statesGenerated(), resumed.statistics().statesGenerated());
        assertEquals(whole.statistics().maxDepth(), resumed.statistics().maxDepth());
    }
}
