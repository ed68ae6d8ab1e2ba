package org.mmspec.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.Vocabulary;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.syntax.MmSpecLexer;

/**
 * The editor grammar ({@code editors/vscode/syntaxes/mmspec.tmLanguage.json}) highlights exactly the
 * keywords the ANTLR lexer has: a keyword added to or removed from {@code MmSpec.g4} fails this test
 * until the TextMate grammar follows.
 */
class TextMateGrammarTest {

    private static final Path GRAMMAR = Path.of("../editors/vscode/syntaxes/mmspec.tmLanguage.json");
    private static final Pattern KEYWORD_LIST = Pattern.compile("\"name\": \"(keyword|storage|constant\\.language)[^\"]*\","
            + " \"match\": \"\\\\\\\\b\\(\\?:([A-Za-z_|]+)\\)\\\\\\\\b\"");

    private static Set<String> lexerKeywords() {
        Vocabulary v = MmSpecLexer.VOCABULARY;
        Set<String> out = new TreeSet<>();
        for (int t = 0; t <= v.getMaxTokenType(); t++) {
            String literal = v.getLiteralName(t);
            if (literal != null && literal.matches("'[A-Za-z_]+'")) {
                out.add(literal.substring(1, literal.length() - 1));
            }
        }
        return out;
    }

    private static Set<String> grammarKeywords(String json) {
        Set<String> out = new TreeSet<>();
        Matcher m = KEYWORD_LIST.matcher(json);
        while (m.find()) {
            for (String w : m.group(2).split("\\|")) {
                out.add(w);
            }
        }
        return out;
    }

    @Test
    void theEditorGrammarHighlightsExactlyTheLexersKeywords() throws Exception {
        String json = Files.readString(GRAMMAR);
        Set<String> lexer = lexerKeywords();
        assertTrue(lexer.size() > 40, "the lexer has its keywords: " + lexer);
        assertEquals(lexer, grammarKeywords(json));
    }

    @Test
    void theKeywordPatternsMatchWholeWordsOnly() throws Exception {
        String json = Files.readString(GRAMMAR);
        Matcher m = KEYWORD_LIST.matcher(json);
        assertTrue(m.find());
        Pattern p = Pattern.compile("\\b(?:" + m.group(2) + ")\\b");
        assertTrue(p.matcher("import \"x.mmspec\";").find());
        assertTrue(!p.matcher("importer = 1;").find(), "a name that starts with a keyword is not one");
    }
}
