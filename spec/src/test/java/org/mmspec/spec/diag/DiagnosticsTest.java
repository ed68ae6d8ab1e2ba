package org.mmspec.spec.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;

class DiagnosticsTest {

    private static List<Diagnostic> reject(String text) {
        return assertInstanceOf(LoadResult.Rejected.class, SpecLoader.loadString("t.mmspec", text)).diagnostics();
    }

    @Test
    void everyErrorOfARunIsReported() {
        List<Diagnostic> ds = reject("""
                int<0..3> x;
                void f() {
                    x = true;
                    y = 1;
                    x = g();
                }
                """);
        assertEquals(List.of(DiagnosticCode.TYPE_MISMATCH, DiagnosticCode.UNKNOWN_NAME, DiagnosticCode.UNKNOWN_PROCEDURE),
                ds.stream().map(Diagnostic::code).toList());
        assertEquals(3, ds.get(0).span().line());
        assertEquals(9, ds.get(0).span().column());
    }

    @Test
    void misspeltNamesGetAHint() {
        Diagnostic d = reject("""
                pte_t e;
                bool b = pte_presnt(e);
                """).get(0);
        assertEquals(DiagnosticCode.UNKNOWN_PROCEDURE, d.code());
        assertEquals(List.of("did you mean 'pte_present'?"), d.hints());
    }

    @Test
    void theRendererQuotesTheLineWithACaretUnderTheSpan() {
        Diagnostic d = reject("bool b = nope;\n").get(0);
        assertEquals("""
                t.mmspec:1:10: error[E0301]: unknown name 'nope'
                 1 | bool b = nope;
                   |          ^^^^
                """, DiagnosticRenderer.render(d));
        assertTrue(DiagnosticRenderer.renderAll(List.of(d)).endsWith("1 error\n"));
    }

    @Test
    void codesAreUniqueAndStable() {
        Set<String> ids = new HashSet<>();
        for (DiagnosticCode c : DiagnosticCode.values()) {
            assertTrue(ids.add(c.id()), "duplicate code " + c.id());
            assertTrue(c.id().matches("E0[1-4][0-9][0-9]"), c.id());
        }
        assertEquals("E0301", DiagnosticCode.UNKNOWN_NAME.id());
    }

    @Test
    void importsNeedAFile() {
        assertEquals(DiagnosticCode.IMPORT_WITHOUT_FILE, reject("import \"x.mmspec\";\n").get(0).code());
    }

    @Test
    void hintsOnlyForCloseNames() {
        assertEquals(List.of(), Hints.didYouMean("zzzzzz", List.of("pte_present", "lock")));
        assertEquals(List.of("did you mean 'lock'?"), Hints.didYouMean("lokc", List.of("pte_present", "lock")));
    }
}
