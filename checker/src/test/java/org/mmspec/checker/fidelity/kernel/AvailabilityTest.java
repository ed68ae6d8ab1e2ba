package org.mmspec.checker.fidelity.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmspec.checker.fidelity.kernel.Availability.Disposition;

class AvailabilityTest {

    private static final Availability MISSING = new Availability.Unavailable("no C compiler found");

    @Test
    void unavailableIsSkippedOnDeveloperMachinesAndFailsUnderCi() {
        assertEquals(Disposition.SKIP, Availability.disposition(MISSING, Map.of()));
        assertEquals(Disposition.SKIP, Availability.disposition(MISSING, Map.of("CI", "false")));
        assertEquals(Disposition.FAIL, Availability.disposition(MISSING, Map.of("CI", "true")));
        assertEquals(Disposition.FAIL, Availability.disposition(MISSING, Map.of("CI", "TRUE")));
    }

    @Test
    void readyRunsEverywhere(@TempDir Path dir) {
        Availability ready = new Availability.Ready(new KernelRunner(dir, dir, Duration.ofSeconds(1)),
                ProbeOutput.parseFacts(ProbeOutputTest.FACTS + "END\n") instanceof KernelRun.Completed c
                        ? c.facts() : null);
        assertEquals(Disposition.RUN, Availability.disposition(ready, Map.of("CI", "true")));
        assertEquals(Disposition.RUN, Availability.disposition(ready, Map.of()));
    }

    @Test
    void noCompilerOnPathSaysSo(@TempDir Path dir) {
        ProbeBuild.NotBuilt n = assertInstanceOf(ProbeBuild.NotBuilt.class,
                ProbeBuilder.build(dir, Map.of("PATH", dir.toString())));
        assertEquals("no C compiler found: none of [cc, gcc, clang] is on $PATH", n.reason());
    }

    @Test
    void aMissingCcSaysSo(@TempDir Path dir) {
        ProbeBuild.NotBuilt n = assertInstanceOf(ProbeBuild.NotBuilt.class,
                ProbeBuilder.build(dir, Map.of("CC", "/nonexistent/cc", "PATH", "/usr/bin")));
        assertEquals("the C compiler $CC=/nonexistent/cc was not found or is not executable", n.reason());
    }

    @Test
    void aCompilerThatFailsSaysWhatItPrinted(@TempDir Path dir) throws IOException {
        Path cc = dir.resolve("broken-cc");
        Files.writeString(cc, "#!/bin/sh\necho 'probe.c:1: error: this compiler refuses'\nexit 1\n");
        assertTrue(cc.toFile().setExecutable(true));
        ProbeBuild.NotBuilt n = assertInstanceOf(ProbeBuild.NotBuilt.class,
                ProbeBuilder.build(dir.resolve("out"), Map.of("CC", cc.toString())));
        assertEquals("the probe does not compile with " + cc + " (exit 1):\nprobe.c:1: error: this compiler refuses",
                n.reason());
    }

    @Test
    void aMissingProbeBinaryIsAFailedRunNotACrash(@TempDir Path dir) {
        KernelRunner runner = new KernelRunner(dir.resolve("no-such-probe"), dir, Duration.ofSeconds(5));
        KernelRun.Failed f = assertInstanceOf(KernelRun.Failed.class, runner.facts());
        assertTrue(f.reason().startsWith("cannot run the probe "), f.reason());
    }
}
