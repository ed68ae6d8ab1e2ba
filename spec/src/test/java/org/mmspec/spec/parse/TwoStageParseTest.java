package org.mmspec.spec.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.ast.SpecFile;
import org.mmspec.spec.diag.DiagnosticRenderer;
import org.mmspec.spec.diag.Diagnostics;
import org.mmspec.spec.diag.SourceText;
import org.mmspec.spec.syntax.MmSpecLexer;

/**
 * The two-stage parse (SLL prediction first, LL where it fails) gives the AST and the diagnostics of the LL
 * parse alone, on every spec file of the project (spec/mm, the bench models, the test corpus with its
 * syntax errors); both stages are taken on it.
 */
class TwoStageParseTest {

    private static List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(Path.of("mm"), Path.of("..", "bench", "models"), Path.of("src", "test", "resources"))) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(p -> p.toString().endsWith(".mmspec")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /** The file's text, byte for char (the corpus has files that are not UTF-8 on purpose). */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private record Parsed(SpecFile ast, String diagnostics) {
    }

    private static Parsed parse(Path file, boolean sllFirst) throws IOException {
        SourceText source = new SourceText(file.toString(), text(file));
        Diagnostics d = new Diagnostics();
        d.addSource(source);
        SpecFile ast = SpecParser.parse(source, d, sllFirst);
        return new Parsed(ast, DiagnosticRenderer.renderAll(d.sorted()));
    }

    @Test
    void theTwoStageParseIsTheLlParse() throws IOException {
        int sllAlone = 0;
        int fellBack = 0;
        for (Path f : files()) {
            Parsed ll = parse(f, false);
            Parsed two = parse(f, true);
            assertEquals(ll, two, f.toString());
            List<Token> tokens = new ArrayList<>();
            MmSpecLexer lexer = new MmSpecLexer(CharStreams.fromString(text(f), f.toString()));
            lexer.removeErrorListeners();
            for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
                tokens.add(t);
                if (t.getType() == Token.EOF) {
                    break;
                }
            }
            boolean fast = SpecParser.parseSll(tokens, f.toString()) != null;
            sllAlone += fast ? 1 : 0;
            fellBack += fast ? 0 : 1;
            if (fast) {
                assertNotNull(ll.ast(), f + ": SLL accepts only what LL accepts");
            }
        }
        assertTrue(sllAlone >= 50 && fellBack >= 5, "SLL alone " + sllAlone + ", fell back to LL " + fellBack);
    }

    @Test
    void aSyntaxErrorIsReportedByTheLlStage() {
        List<Token> tokens = new ArrayList<>();
        MmSpecLexer lexer = new MmSpecLexer(CharStreams.fromString("int x = ;\n", "e.mmspec"));
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            tokens.add(t);
            if (t.getType() == Token.EOF) {
                break;
            }
        }
        assertNull(SpecParser.parseSll(tokens, "e.mmspec"));
        SourceText source = new SourceText("e.mmspec", "int x = ;\n");
        Diagnostics d = new Diagnostics();
        d.addSource(source);
        assertNull(SpecParser.parse(source, d));
        assertEquals(1, d.count(), DiagnosticRenderer.renderAll(d.sorted()));
    }
}
