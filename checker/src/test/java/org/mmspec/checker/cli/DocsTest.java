package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documentation cannot drift: every {@code ./mmspec} command in README.md and docs/*.md runs, and
 * every printed output is compared. In each document, in order:
 *
 * <ul>
 *   <li>a code block whose first line is {@code // file: NAME} is written to {@code NAME} in the
 *       document's working directory (a fresh directory where {@code spec/} and {@code checker/} are the
 *       repository's);</li>
 *   <li>each {@code ./mmspec} line of a {@code sh} block (but the scale benchmarks, which
 *       {@link ReadmeScaleExamplesTest} runs with a budget) runs there and must not be bad usage or an
 *       internal error; a line with an upper-case placeholder ({@code FILE.mmspec}, {@code NAME}) is a
 *       synopsis and is not run, nor is a command whose output a session block of the document
 *       compares (it runs there);</li>
 *   <li>a {@code text} block of {@code $ ./mmspec ...} lines runs each command and compares what it
 *       printed (standard output, then standard error) with the lines below it; a line {@code ...} stands
 *       for any number of lines; times and rates are compared as {@code #.###}, bytes per state (which
 *       depend on the number of workers, the cores by default) as {@code #.#}.</li>
 * </ul>
 *
 * Regenerate the printed outputs with {@code -Dmmspec.updateDocs=true} (blocks with {@code ...} are
 * checked, never rewritten).
 */
class DocsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /**
     * The README's scale benchmarks run for minutes on a workload outside the project:
     * {@link ReadmeScaleExamplesTest} runs each with a state budget (and says when the workload is absent).
     */
    private static final String SCALE_BENCH = "./mmspec bench --scale ";

    static Stream<String> documents() throws IOException {
        List<String> out = new ArrayList<>(List.of("README.md"));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(p -> out.add("docs/" + p.getFileName()));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyCommandRunsAndEveryOutputIsAsPrinted(String document, @TempDir Path sandbox) throws IOException {
        List<String> before = moduleFiles();
        Files.createSymbolicLink(sandbox.resolve("spec"), ROOT.resolve("spec"));
        Files.createSymbolicLink(sandbox.resolve("checker"), ROOT.resolve("checker"));
        Path doc = ROOT.resolve(document);
        List<String> lines = new ArrayList<>(Files.readAllLines(doc, StandardCharsets.UTF_8));
        DocBlocks blocks = new DocBlocks(lines);
        List<String> compared = blocks.all().stream().filter(b -> b.kind() == DocBlocks.Kind.SESSION)
                .flatMap(b -> b.sessions().stream()).map(DocBlocks.Session::command).toList();
        List<Update> updates = new ArrayList<>();
        for (DocBlocks.Block b : blocks.all()) {
            switch (b.kind()) {
                case FILE -> write(sandbox, b);
                case COMMANDS -> b.commands().stream().filter(c -> !compared.contains(c.replaceAll("\\s+#.*$", "")))
                        .filter(c -> !c.startsWith(SCALE_BENCH))
                        .forEach(c -> runs(document, sandbox, c));
                case SESSION -> session(document, sandbox, b, updates);
                case OTHER -> { }
            }
        }
        boolean changed = false;
        for (Update u : updates.reversed()) {
            changed |= DocBlocks.replace(lines, u.session(), u.actual());
        }
        if (changed) {
            Files.write(doc, lines, StandardCharsets.UTF_8);
        }
        assertEquals(before, moduleFiles(), document + "'s commands wrote outside their working directory");
    }

    /** The files in the module's directory: a command must not write there. */
    private static List<String> moduleFiles() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("."))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A printed output to rewrite ({@code mmspec.updateDocs}). */
    private record Update(DocBlocks.Session session, List<String> actual) {
    }

    private static void write(Path sandbox, DocBlocks.Block b) throws IOException {
        Path target = sandbox.resolve(b.fileName());
        Files.createDirectories(target.getParent());
        Files.writeString(target, String.join("\n", b.body()) + "\n", StandardCharsets.UTF_8);
    }

    private static void runs(String document, Path sandbox, String command) {
        Run r = run(sandbox, command);
        assertNotEquals(2, r.code(), document + ": `" + command + "` is bad usage:\n" + r.err());
        assertNotEquals(4, r.code(), document + ": `" + command + "` is an internal error:\n" + r.err());
    }

    /** Runs the commands of a session block, comparing (or, with {@code mmspec.updateDocs}, noting) outputs. */
    private static void session(String document, Path sandbox, DocBlocks.Block b, List<Update> updates) {
        for (DocBlocks.Session s : b.sessions()) {
            Run r = run(sandbox, s.command());
            assertNotEquals(4, r.code(), document + ": `" + s.command() + "` is an internal error:\n" + r.err());
            List<String> actual = r.output();
            if (Boolean.getBoolean("mmspec.updateDocs") && !s.expected().contains("...")) {
                updates.add(new Update(s, actual));
                continue;
            }
            assertTrue(DocBlocks.matches(s.expected(), actual), document + ":" + (s.line() + 1) + ": the output of `"
                    + s.command() + "` is not as printed (update with -Dmmspec.updateDocs=true)\n--- printed\n"
                    + String.join("\n", s.expected()) + "\n--- actual\n" + String.join("\n", actual));
        }
    }

    /** What a command printed, with the sandbox's path taken out. */
    record Run(int code, String out, String err, String sandbox) {
        List<String> output() {
            String all = (out + err).replace(sandbox + "/", "").replace(sandbox, ".");
            List<String> lines = new ArrayList<>(List.of(all.split("\n", -1)));
            // heartbeat lines come every few seconds of a search: how many depends on the machine's speed
            lines.removeIf(l -> l.startsWith("mmspec: still searching"));
            while (!lines.isEmpty() && lines.getLast().isEmpty()) {
                lines.removeLast();
            }
            return lines;
        }
    }

    static Run run(Path sandbox, String command) {
        assertTrue(command.startsWith("./mmspec"), command);
        List<String> args = DocBlocks.words(command.substring("./mmspec".length()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), false, sandbox);
        assertFalse(err.toString().contains("Exception"), command + ":\n" + err);
        return new Run(code, out.toString(), err.toString(), sandbox.toString());
    }

    @org.junit.jupiter.api.Test
    void theHarnessComparesElisionsAndTimes() {
        assertTrue(DocBlocks.matches(List.of("a", "...", "d 0.123 s"), List.of("a", "b", "c", "d 9.876 s")));
        assertTrue(DocBlocks.matches(List.of("x 12,345 distinct states/s"), List.of("x 7 distinct states/s")));
        assertFalse(DocBlocks.matches(List.of("a", "c"), List.of("a", "b", "c")));
        assertFalse(DocBlocks.matches(List.of("65 distinct states"), List.of("66 distinct states")));
        assertEquals(List.of("check", "a b.mmspec", "--x"), DocBlocks.words(" check 'a b.mmspec' --x   # comment"));
    }
}
