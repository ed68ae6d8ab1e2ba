package org.mmspec.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmspec.spec.diag.Diagnostic;
import org.mmspec.spec.diag.DiagnosticCode;

/**
 * Walks the corpus ({@code src/test/resources/corpus/<category>/*.mmspec}) and compares each file's
 * load report with its golden {@code .expected} file. Regenerate goldens with
 * {@code -Dmmspec.updateGoldens=true}. Besides the text, each category checks what it promises:
 * valid files load, error files are rejected with codes of their phase, runtime-error files load and
 * fault along the lowest-thread schedule.
 */
class CorpusTest {

    static final Path CORPUS = Path.of("src", "test", "resources", "corpus");
    private static final List<String> CATEGORIES =
            List.of("valid", "syntax-error", "resolve-error", "type-error", "runtime-error");

    static Stream<Arguments> files() throws IOException {
        Stream.Builder<Arguments> out = Stream.builder();
        for (String category : CATEGORIES) {
            try (Stream<Path> s = Files.list(CORPUS.resolve(category))) {
                s.filter(p -> p.toString().endsWith(".mmspec")).sorted()
                        .forEach(p -> out.add(Arguments.of(category + "/" + p.getFileName(), category, p)));
            }
        }
        return out.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void matchesGolden(String name, String category, Path file) throws IOException {
        LoadResult result = SpecLoader.load(file);
        checkCategory(category, result);
        String actual = LoadReport.render(result);
        Path golden = file.resolveSibling(file.getFileName().toString().replace(".mmspec", ".expected"));
        if (Boolean.getBoolean("mmspec.updateGoldens")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(golden)) {
            fail("no golden " + golden + "; run with -Dmmspec.updateGoldens=true to create it");
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, name);
    }

    @org.junit.jupiter.api.Test
    void corpusIsLargeEnough() throws IOException {
        assertTrue(files().count() >= 40, "the corpus must have at least 40 files");
    }

    private static void checkCategory(String category, LoadResult result) {
        if (result instanceof LoadResult.Rejected r) {
            for (Diagnostic d : r.diagnostics()) {
                assertFalse(d.code() == DiagnosticCode.INTERNAL_ERROR, "internal error: " + d.message());
            }
        }
        switch (category) {
            case "valid" -> assertInstanceOf(LoadResult.Loaded.class, result);
            case "runtime-error" -> {
                SpecProgram p = assertInstanceOf(LoadResult.Loaded.class, result).program();
                for (SpecScenario s : p.scenarios()) {
                    LowestThreadRun.Result run = LowestThreadRun.run(s, LoadReport.RUN_STEPS);
                    assertEquals(LowestThreadRun.End.FAULT, run.end(), s.name() + ": " + run.lines());
                    if (s.expectation() instanceof Expectation.ExpectFault f) {
                        assertEquals(f.kind(), run.fault().kind(), s.name());
                    }
                }
            }
            case "syntax-error" -> assertCodes(result, "E01");
            case "resolve-error" -> assertCodes(result, "E02", "E03");
            case "type-error" -> assertCodes(result, "E04");
            default -> fail("unknown category " + category);
        }
    }

    /** Rejected, and every diagnostic (for type errors: at least one) has a code of the phase. */
    private static void assertCodes(LoadResult result, String... prefixes) {
        List<Diagnostic> ds = assertInstanceOf(LoadResult.Rejected.class, result).diagnostics();
        assertFalse(ds.isEmpty());
        boolean typePhase = prefixes[0].equals("E04");
        long matching = ds.stream().filter(d -> Stream.of(prefixes).anyMatch(d.code().id()::startsWith)).count();
        if (typePhase) {
            assertTrue(matching > 0, "expected a type error among " + ds);
        } else {
            assertEquals(ds.size(), matching, "unexpected codes in " + ds);
        }
    }
}
