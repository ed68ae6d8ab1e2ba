package org.mmspec.spec.load;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded robustness: at least 10,000 generated and mutated inputs (mutations of every corpus and
 * spec/mm file, random token soup, random programs, deep nesting, huge numbers, invalid UTF-8) must
 * each end in a loaded program or in diagnostics. Set {@code -Dmmspec.seed=N} to replay; a failure
 * names the seed and the input. The timeout is a hang guard, not a performance check.
 */
class RobustnessTest {

    private static final int INPUTS = 10_000;
    /** The corpus; its goldens are checked by the checker module's SpecCorpusTest (verdicts need the explorer). */
    static final Path CORPUS = Path.of("src", "test", "resources", "corpus");

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyInputEndsInAProgramOrDiagnostics() throws IOException {
        long seed = Long.getLong("mmspec.seed", 0x6d6d73706563L);
        Random rnd = new Random(seed);
        List<byte[]> seeds = seedFiles();
        InputGenerator gen = new InputGenerator(rnd, seeds);
        int done = 0;
        int loaded = 0;
        for (int i = 0; i < INPUTS; i++) {
            InputGenerator.Input in = gen.next(i);
            try {
                loaded += FrontEndHarness.exercise(in.bytes()) ? 1 : 0;
            } catch (Throwable t) {
                fail("seed=" + seed + " input #" + i + " (" + in.kind() + "): " + t + "\ninput: "
                        + preview(in.bytes()), t);
            }
            done++;
        }
        assertTrue(done >= 10_000);
        assertTrue(loaded >= INPUTS / 20, "too few inputs reach the checker and interpreter: " + loaded);
    }

    /** Every corpus file and every spec/mm file with its imports inlined (a single self-contained text). */
    static List<byte[]> seedFiles() throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(CORPUS)) {
            for (Path p : s.filter(x -> x.toString().endsWith(".mmspec")).sorted().toList()) {
                out.add(Files.readAllBytes(p));
            }
        }
        try (Stream<Path> s = Files.list(SpecMmTest.MM)) {
            for (Path p : s.filter(x -> x.toString().endsWith(".mmspec")).sorted().toList()) {
                out.add(Inliner.inline(p).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String preview(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 400), StandardCharsets.UTF_8);
        return s.replace("\n", "\\n") + (b.length > 400 ? "... (" + b.length + " bytes)" : "");
    }
}
