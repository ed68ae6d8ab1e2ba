package org.mmspec.checker.specs;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmspec.checker.result.AssertionFailure;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.KernelBug;
import org.mmspec.checker.result.ModelError;
import org.mmspec.checker.specs.SpecExpectations.Judgement;
import org.mmspec.spec.diag.Diagnostic;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.load.Expectation;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;

/**
 * Walks the spec corpus ({@code spec/src/test/resources/corpus/<category>/*.mmspec}) and compares each
 * file's report ({@link CorpusReport}: diagnostics, or the front-end summary and the explorer's verdict
 * per scenario) with its golden {@code .expected} file beside it. Regenerate goldens with
 * {@code -Dmmspec.updateGoldens=true}. Besides the text, each category checks what it promises: error
 * files are rejected with codes of their phase; valid files load and every scenario with an
 * {@code expect} clause gets the expected verdict; runtime-error files load and every scenario ends in a
 * fault (of the expected kind); audit-error files are checked with the atomicity audit on and every
 * scenario ends in an audit model error; audit-clean files pass their expect clauses with the audit on.
 */
class SpecCorpusTest {

    static final Path CORPUS = Path.of("..", "spec", "src", "test", "resources", "corpus");
    private static final List<String> CATEGORIES =
            List.of("valid", "syntax-error", "resolve-error", "type-error", "runtime-error", "audit-error", "audit-clean");

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
        CorpusReport.Report report = CorpusReport.render(result, category.startsWith("audit-"));
        checkCategory(category, result, report.checks());
        Path golden = file.resolveSibling(file.getFileName().toString().replace(".mmspec", ".expected"));
        if (Boolean.getBoolean("mmspec.updateGoldens")) {
            Files.writeString(golden, report.text(), StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(golden)) {
            fail("no golden " + golden + "; run with -Dmmspec.updateGoldens=true to create it");
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), report.text(), name);
    }

    @Test
    void corpusIsLargeEnough() throws IOException {
        assertTrue(files().count() >= 40, "the corpus must have at least 40 files");
    }

    private static void checkCategory(String category, LoadResult result, List<SpecCheck> checks) {
        if (result instanceof LoadResult.Rejected r) {
            for (Diagnostic d : r.diagnostics()) {
                assertFalse(d.code() == DiagnosticCode.INTERNAL_ERROR, "internal error: " + d.message());
            }
        }
        switch (category) {
            case "valid" -> {
                assertInstanceOf(LoadResult.Loaded.class, result);
                for (SpecCheck c : checks) {
                    if (!(c.scenario().expectation() instanceof Expectation.None)) {
                        assertEquals(Judgement.AS_EXPECTED, c.judgement(), c.name() + ": " + c.result());
                    }
                }
            }
            case "runtime-error" -> {
                assertInstanceOf(LoadResult.Loaded.class, result);
                for (SpecCheck c : checks) {
                    CheckResult.Violated v = assertInstanceOf(CheckResult.Violated.class, c.result(), c.name());
                    boolean specFault = switch (v.violation()) {
                        case KernelBug b -> true;
                        case AssertionFailure a -> true;
                        case ModelError m -> !m.message().startsWith("no interleaving")
                                && !m.message().startsWith("nothing to interleave");
                        default -> false;
                    };
                    assertTrue(specFault, c.name() + " must end in a fault of the spec: " + v.violation());
                    if (c.scenario().expectation() instanceof Expectation.ExpectFault) {
                        assertEquals(Judgement.AS_EXPECTED, c.judgement(), c.name() + ": " + v.violation());
                    }
                }
            }
            case "audit-error" -> {
                assertInstanceOf(LoadResult.Loaded.class, result);
                assertFalse(checks.isEmpty());
                for (SpecCheck c : checks) {
                    CheckResult.Violated v = assertInstanceOf(CheckResult.Violated.class, c.result(), c.name());
                    ModelError m = assertInstanceOf(ModelError.class, v.violation(), c.name());
                    assertTrue(m.message().matches("(?s)(\\w+: )?atomicity audit.*"), c.name() + ": " + m.message());
                    assertEquals(Judgement.AS_EXPECTED, c.judgement(), c.name());
                }
            }
            case "audit-clean" -> {
                assertInstanceOf(LoadResult.Loaded.class, result);
                assertFalse(checks.isEmpty());
                for (SpecCheck c : checks) {
                    assertEquals(Judgement.AS_EXPECTED, c.judgement(), c.name() + ": " + c.result());
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
