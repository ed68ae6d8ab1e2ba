package org.mmspec.checker.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The fenced code blocks of a Markdown document, as {@link DocsTest} uses them. */
final class DocBlocks {

    /** What a block is for. */
    enum Kind {
        /** A file to write: first line {@code // file: NAME}. */
        FILE,
        /** An {@code sh} block: commands to run. */
        COMMANDS,
        /** A {@code text} block of {@code $ ./mmspec ...} commands, each followed by its output. */
        SESSION,
        /** Anything else: code to read. */
        OTHER
    }

    /** One {@code $ command} of a session block: its line in the document and the lines printed below it. */
    record Session(int line, String command, List<String> expected) {
    }

    /** A block: its kind, the document line of its first body line, and its body. */
    record Block(Kind kind, int start, List<String> body) {
        String fileName() {
            return body.get(0).replaceFirst("^(//|#)\\s*file:\\s*", "").trim();
        }

        List<String> commands() {
            return body.stream().map(String::trim).filter(l -> l.startsWith("./mmspec"))
                    .filter(l -> !PLACEHOLDER.matcher(l.replaceAll("\\s+#.*$", "")).find()).toList();
        }

        List<Session> sessions() {
            List<Session> out = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                if (body.get(i).startsWith("$ ")) {
                    int j = i + 1;
                    while (j < body.size() && !body.get(j).startsWith("$ ")) {
                        j++;
                    }
                    out.add(new Session(start + i, body.get(i).substring(2).trim(), body.subList(i + 1, j)));
                    i = j - 1;
                }
            }
            return out;
        }
    }

    /** An upper-case placeholder in a synopsis line: FILE, FILE.mmspec, NAME, ID, DIR, N. */
    static final Pattern PLACEHOLDER = Pattern.compile("(?<![\\w-])[A-Z][A-Z_]*(\\.[a-z]+)?(?![\\w-])");
    private static final Pattern TIME = Pattern.compile("\\d[\\d,]*\\.\\d{3}");
    private static final Pattern RATE = Pattern.compile("[\\d,]+ distinct states/s");
    /** The store's bytes per state depend on how many workers share it (the cores): compared as {@code #.# bytes/state}. */
    private static final Pattern BYTES = Pattern.compile("\\d+\\.\\d bytes/state");
    /** Java source lines of the reference implementation move with every edit: compared as {@code File.java:#}. */
    private static final Pattern JAVA_LINE = Pattern.compile("(\\w+\\.java):\\d+");

    private final List<Block> blocks = new ArrayList<>();

    DocBlocks(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.startsWith("```")) {
                continue;
            }
            String info = l.substring(3).trim();
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                end++;
            }
            List<String> body = List.copyOf(lines.subList(i + 1, Math.min(end, lines.size())));
            blocks.add(new Block(kind(info, body), i + 1, body));
            i = end;
        }
    }

    List<Block> all() {
        return blocks;
    }

    private static Kind kind(String info, List<String> body) {
        if (!body.isEmpty() && body.get(0).matches("^(//|#)\\s*file:\\s*\\S+.*")) {
            return Kind.FILE;
        }
        if (info.equals("sh")) {
            return Kind.COMMANDS;
        }
        if (info.equals("text") && !body.isEmpty() && body.get(0).startsWith("$ ./mmspec")) {
            return Kind.SESSION;
        }
        return Kind.OTHER;
    }

    /** The words of a command line: spaces split, single quotes group, {@code #} starts a comment. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                w = w == null ? new StringBuilder() : w;
            } else if (!quoted && c == '#' && w == null) {
                break;
            } else if (!quoted && Character.isWhitespace(c)) {
                if (w != null) {
                    out.add(w.toString());
                    w = null;
                }
            } else {
                w = w == null ? new StringBuilder() : w;
                w.append(c);
            }
        }
        if (w != null) {
            out.add(w.toString());
        }
        return out;
    }

    /**
     * Whether {@code actual} is {@code expected}, with {@code ...} lines matching any lines, times as #.###,
     * bytes per state as #.# and Java source lines as {@code File.java:#}.
     */
    static boolean matches(List<String> expected, List<String> actual) {
        return match(expected, 0, actual, 0);
    }

    private static boolean match(List<String> e, int i, List<String> a, int j) {
        if (i == e.size()) {
            return j == a.size();
        }
        if (e.get(i).trim().equals("...")) {
            for (int k = j; k <= a.size(); k++) {
                if (match(e, i + 1, a, k)) {
                    return true;
                }
            }
            return false;
        }
        return j < a.size() && normal(e.get(i)).equals(normal(a.get(j))) && match(e, i + 1, a, j + 1);
    }

    static String normal(String line) {
        String l = BYTES.matcher(JAVA_LINE.matcher(line).replaceAll("$1:#")).replaceAll("#.# bytes/state");
        return TIME.matcher(RATE.matcher(l).replaceAll("# distinct states/s")).replaceAll("#.###").stripTrailing();
    }

    /** Puts {@code actual} in place of session {@code s}'s printed lines; true if anything changed. */
    static boolean replace(List<String> lines, Session s, List<String> actual) {
        int from = s.line() + 1;
        int to = from + s.expected().size();
        if (lines.subList(from, to).equals(actual)) {
            return false;
        }
        for (int k = to - 1; k >= from; k--) {
            lines.remove(k);
        }
        lines.addAll(from, actual);
        return true;
    }
}
