package org.mmspec.spec.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.syntax.MmSpecLexer;

/**
 * The hand-written lexer ({@link Tokenizer}) against the lexer ANTLR generates from {@code MmSpec.g4}: the same
 * tokens (type, channel, text, line, column, start and stop) on every spec file of the project (UTF-8 and byte
 * for char), on the edge cases of each lexer rule, and on 3,000 inputs mutated from them with a fixed seed.
 */
class TokenizerTest {

    private static final List<String> EDGES = List.of("", " ", "\n", "\r\n\f\t x", "a", "_", "counter", "count",
        "NULL", "NULLx", "if1", "0", "00", "007", "0x", "0X1f", "0xg", "00x1", "0x1Fz", "1..3", "...", ".5", "==>", "=>",
        "===", "!==", "&&=", "||=", "++=", "<==", "->", "/", "/=", "//", "// x\r\ny", "/*", "/**/", "/*/", "/* a * / b",
        "/* x */ */", "\"\"", "\"abc", "\"a\\\"b\"", "\"a\\q\"", "\"a\\", "\"a\nb\"", "\"a\rb\"", "\"\\n\\t\\\\\"",
        "'x'", "#", "@$^`\\", "\u00e9t\u00e9", "x\uD83D\uDE00y", "\u0000", "\u007f", "a\u00a0b", "\"\u00e9\"",
        "int<0..3> x[pfn_t]; // c\n/* d\n e */ x = 0x1F % 2 ==> y;\n");

    @Test
    void theTokensAreTheGeneratedLexersOnEverySpecFile() throws IOException {
        int files = 0;
        for (Path dir : List.of(Path.of("mm"), Path.of("..", "bench", "models"), Path.of("src", "test", "resources"),
                Path.of("..", "docs"), Path.of("..", "checker", "src", "test", "resources"))) {
            List<Path> paths;
            try (Stream<Path> s = Files.walk(dir)) {
                paths = s.filter(p -> p.toString().endsWith(".mmspec") || p.toString().endsWith(".md")).sorted().toList();
            }
            for (Path p : paths) {
                byte[] bytes = Files.readAllBytes(p);
                assertSame(new String(bytes, StandardCharsets.UTF_8), p.toString());
                assertSame(new String(bytes, StandardCharsets.ISO_8859_1), p.toString());
                files++;
            }
        }
        assertTrue(files > 100, "files: " + files);
    }

    @Test
    void theTokensAreTheGeneratedLexersOnEdgeCases() {
        for (String e : EDGES) {
            assertSame(e, "edge");
        }
    }

    @Test
    void theTokensAreTheGeneratedLexersOnMutatedInputs() {
        Random r = new Random(14);
        String alphabet = " \n\t\r/*\"\\x0_9.=<>!&|+-%~?:;,()[]{}#\u00e9\uD83D\uDE00";
        List<String> seeds = new ArrayList<>(EDGES);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder b = new StringBuilder(seeds.get(r.nextInt(seeds.size())));
            for (int k = 1 + r.nextInt(4); k > 0; k--) {
                int at = b.isEmpty() ? 0 : r.nextInt(b.length() + 1);
                if (r.nextBoolean() || b.isEmpty()) {
                    b.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                } else {
                    b.deleteCharAt(Math.min(at, b.length() - 1));
                }
            }
            String m = b.toString();
            assertSame(m, "mutant " + i);
            if (m.length() < 200) {
                seeds.add(m);
            }
        }
    }

    private static void assertSame(String text, String what) {
        assertEquals(tokens(new MmSpecLexer(CharStreams.fromString(text, "f.mmspec"))),
                tokens(new Tokenizer(text, "f.mmspec")), what + ": " + text);
    }

    private static List<String> tokens(TokenSource source) {
        if (source instanceof MmSpecLexer l) {
            l.removeErrorListeners();
        }
        List<String> out = new ArrayList<>();
        for (Token t = source.nextToken(); ; t = source.nextToken()) {
            out.add(t.getType() + "/" + t.getChannel() + " '" + t.getText() + "' " + t.getLine() + ":"
                    + t.getCharPositionInLine() + " " + t.getStartIndex() + "-" + t.getStopIndex());
            if (t.getType() == Token.EOF) {
                return out;
            }
        }
    }
}
