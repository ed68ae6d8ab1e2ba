package org.mmspec.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The house-style size limits (STYLE.md: "classes about 400 lines at most, methods about 40"), checked on
 * a module's {@code src/main/java}: a source file over {@link #CLASS_LINES} lines, or a method or
 * constructor over {@link #METHOD_LINES} lines (from its first declaration line to its closing brace), is
 * reported by its path relative to the source root, with the method's name and first line.
 *
 * <p>Each module's {@code SourceSizeTest} calls {@link #oversized} with its own allow-list: a map from an
 * entry ({@code org/mmspec/x/Foo.java} for a class, {@code org/mmspec/x/Foo.java#bar} for a method) to
 * the reason it cannot be split yet. An entry that no longer names anything oversized is reported too, so
 * the list only shrinks.
 *
 * <p>Methods are found without a Java parser: comments and literals are blanked, then a block whose
 * header (the text since the last {@code ;}, <code>{</code> or <code>}</code>) has a parameter list and
 * is neither a statement ({@code if}, {@code for}, {@code switch}, {@code catch}, ...), a lambda, an
 * anonymous class nor a type declaration is a method body. Only the outermost method of a nesting counts.
 */
public final class SourceSizes {

    /** Source files (a top-level class with its nested ones and its Javadoc) longer than this fail. */
    public static final int CLASS_LINES = 450;

    /** Methods and constructors longer than this fail. */
    public static final int METHOD_LINES = 70;

    private static final Pattern STATEMENT = Pattern.compile(
            "^(if|else|for|while|do|switch|try|catch|finally|synchronized|return|case|yield|throw)\\b.*",
            Pattern.DOTALL);
    private static final Pattern TYPE_DECLARATION = Pattern.compile("\\b(class|interface|enum|record)\\s+\\w");
    private static final Pattern ANONYMOUS = Pattern.compile("\\bnew\\b");
    private static final Pattern NAME = Pattern.compile("(\\w+)\\s*(<[^()]*>)?\\s*\\(");
    private static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+(\\s*\\([^()]*\\))?");

    private SourceSizes() {}

    /**
     * What is over the limits under {@code sourceRoot}, plus every allow-list entry that is not, sorted;
     * empty when the module keeps the house style.
     */
    public static List<String> oversized(Path sourceRoot, Map<String, String> allowed) {
        List<String> found = new ArrayList<>();
        TreeSet<String> unused = new TreeSet<>(allowed.keySet());
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String name = sourceRoot.relativize(file).toString().replace('\\', '/');
                for (Finding finding : findings(name, Files.readString(file))) {
                    if (!unused.remove(finding.key()) && !allowed.containsKey(finding.key())) {
                        found.add(finding.message());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String entry : unused) {
            found.add(entry + ": allow-listed but within the limits now; remove the entry");
        }
        return found;
    }

    /** One oversized class or method of a source file: its allow-list key and what to report. */
    public record Finding(String key, String message) {}

    /** The oversized class and methods of one source file named {@code name}. */
    public static List<Finding> findings(String name, String source) {
        List<Finding> found = new ArrayList<>();
        int lines = source.split("\n", -1).length - (source.endsWith("\n") ? 1 : 0);
        if (lines > CLASS_LINES) {
            found.add(new Finding(name, name + ": " + lines + " lines (limit " + CLASS_LINES
                    + "): split it along a seam that means something"));
        }
        for (Method m : methods(blank(source))) {
            if (m.lines() > METHOD_LINES) {
                found.add(new Finding(name + "#" + m.name(), name + ":" + m.line() + ": method " + m.name()
                        + " has " + m.lines() + " lines (limit " + METHOD_LINES + "): extract a named helper"));
            }
        }
        return found;
    }

    /** A method body found in blanked source: its name, first line (1-based) and length in lines. */
    record Method(String name, int line, int lines) {}

    /** The outermost method bodies of {@code code} (comments and literals already blanked). */
    static List<Method> methods(String code) {
        List<Method> methods = new ArrayList<>();
        int depth = 0;
        int segmentStart = 0;
        int methodDepth = -1;
        int methodStart = 0;
        String methodName = "";
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                String name = methodDepth < 0 ? methodName(code.substring(segmentStart, i)) : null;
                if (name != null) {
                    methodDepth = depth;
                    methodName = name;
                    methodStart = firstNonBlank(code, segmentStart);
                }
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == methodDepth) {
                    methodDepth = -1;
                    int first = lineOf(code, methodStart);
                    methods.add(new Method(methodName, first, lineOf(code, i) - first + 1));
                }
            }
            if (c == '{' || c == '}' || c == ';') {
                segmentStart = i + 1;
            }
        }
        return methods;
    }

    /** The method's name when {@code header} declares a method or constructor, else {@code null}. */
    static String methodName(String header) {
        String text = ANNOTATION.matcher(header).replaceAll(" ").strip();
        int close = text.lastIndexOf(')');
        if (close < 0 || text.indexOf('(') < 0 || text.contains("->") || STATEMENT.matcher(text).matches()
                || TYPE_DECLARATION.matcher(text).find() || ANONYMOUS.matcher(text).find()
                || assignsOrLabelsOutsideParentheses(text)) {
            return null;
        }
        String tail = text.substring(close + 1).strip();
        if (!tail.isEmpty() && !tail.startsWith("throws ")) {
            return null;
        }
        Matcher name = NAME.matcher(text);
        return name.find() ? name.group(1) : null;
    }

    private static boolean assignsOrLabelsOutsideParentheses(String text) {
        int parens = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                parens++;
            } else if (c == ')') {
                parens--;
            } else if ((c == '=' || c == ':') && parens == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code source} with comments, string, text-block and character literals replaced by spaces
     * (newlines kept), so that braces and semicolons in them do not count.
     */
    static String blank(String source) {
        StringBuilder out = new StringBuilder(source);
        int i = 0;
        while (i < source.length()) {
            int end = literalOrCommentEnd(source, i);
            if (end > i) {
                for (int k = i; k < end; k++) {
                    if (out.charAt(k) != '\n') {
                        out.setCharAt(k, ' ');
                    }
                }
                i = end;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    /** Where the comment or literal starting at {@code i} ends (exclusive), or {@code i} if none starts. */
    private static int literalOrCommentEnd(String s, int i) {
        if (s.startsWith("//", i)) {
            int nl = s.indexOf('\n', i);
            return nl < 0 ? s.length() : nl;
        }
        if (s.startsWith("/*", i)) {
            int end = s.indexOf("*/", i + 2);
            return end < 0 ? s.length() : end + 2;
        }
        if (s.startsWith("\"\"\"", i)) {
            return closing(s, i + 3, "\"\"\"");
        }
        char c = s.charAt(i);
        return c == '"' || c == '\'' ? closing(s, i + 1, String.valueOf(c)) : i;
    }

    private static int closing(String s, int from, String quote) {
        int k = from;
        while (k < s.length() && !s.startsWith(quote, k)) {
            k += s.charAt(k) == '\\' ? 2 : 1;
        }
        return Math.min(s.length(), k + quote.length());
    }

    private static int firstNonBlank(String code, int from) {
        int k = from;
        while (k < code.length() && Character.isWhitespace(code.charAt(k))) {
            k++;
        }
        return k;
    }

    private static int lineOf(String code, int index) {
        int line = 1;
        for (int k = 0; k < index; k++) {
            if (code.charAt(k) == '\n') {
                line++;
            }
        }
        return line;
    }
}
