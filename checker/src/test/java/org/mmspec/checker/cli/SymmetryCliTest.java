package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmspec.checker.trace.JsonTraceReader;
import org.mmspec.checker.trace.TraceDocument;
import org.mmspec.checker.trace.TraceReadResult;

/**
 * Thread symmetry on the command line: the scenario line says which threads are interchangeable, or why
 * symmetry is off; {@code --no-symmetry} keeps partial-order reduction and drops symmetry;
 * {@code --no-reduction} drops both; a trace from a symmetric search says so in its header.
 */
class SymmetryCliTest {

    private static final String TOY = Path.of("src", "test", "resources", "symmetry", "lost_update.mmspec").toString();

    @Test
    void theScenarioLineNamesTheInterchangeableThreads() {
        CliRun on = CliRun.of("check", TOY, "--scenario", "locked", "--workers", "1");
        assertEquals(ExitCodes.PASSED, on.code(), on::toString);
        assertTrue(on.out().contains("scenario lost_update.mmspec:locked, strategy bfs, partial-order reduction,"
                + " symmetry: A, B, C interchangeable, expect pass"), on::toString);
        assertTrue(on.out().contains("29 distinct states"), on::toString);

        CliRun off = CliRun.of("check", TOY, "--scenario", "locked", "--workers", "1", "--no-symmetry");
        assertEquals(ExitCodes.PASSED, off.code(), off::toString);
        assertTrue(off.out().contains("scenario lost_update.mmspec:locked, strategy bfs, partial-order reduction,"
                + " expect pass"), off::toString);
        assertTrue(off.out().contains("151 distinct states"), off::toString);

        CliRun none = CliRun.of("check", TOY, "--scenario", "locked", "--workers", "1", "--no-reduction");
        assertTrue(none.out().contains("scenario lost_update.mmspec:locked, strategy bfs, expect pass"), none::toString);
        assertTrue(none.out().contains("151 distinct states"), none::toString);
    }

    @Test
    void aRefusalSaysWhy(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("named.mmspec");
        Files.writeString(spec, """
                spinlock_t m;
                bool z[thread_t];
                void w() {
                a:  lock(m);
                    z[1] = true;
                b:  unlock(m);
                c:  z[self] = false;
                }
                scenario s { thread A = w(); thread B = w(); expect pass; }
                """);
        CliRun run = CliRun.of("check", spec.toString(), "--workers", "1");
        assertEquals(ExitCodes.PASSED, run.code(), run::toString);
        assertTrue(run.out().contains("partial-order reduction, symmetry: off (thread id literal 1 at "), run::toString);
        assertTrue(run.out().contains("named.mmspec:5:"), run::toString);
    }

    @Test
    void aTraceOfASymmetricSearchSaysSo(@TempDir Path dir) {
        Path json = dir.resolve("trace.json");
        CliRun run = CliRun.of("check", TOY, "--scenario", "racy", "--workers", "1", "--json", json.toString());
        assertEquals(ExitCodes.PASSED, run.code(), run::toString);
        TraceDocument doc = assertInstanceOf(TraceReadResult.Read.class,
                JsonTraceReader.read(readString(json))).document();
        assertEquals("local-steps, symmetry", doc.header().get("reduction"));
        CliRun replay = CliRun.of("replay", json.toString());
        assertEquals(ExitCodes.VIOLATION, replay.code(), replay::toString);
        assertTrue(replay.out().contains("as recorded: invariant no_lost_update violated"), replay::toString);
        CliRun plain = CliRun.of("check", TOY, "--scenario", "racy", "--workers", "1", "--no-symmetry");
        assertFalse(plain.out().contains("symmetry"), plain::toString);
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
