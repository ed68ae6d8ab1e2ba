package org.mmspec.checker.fidelity.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Parses the fidelity scenario language. One step per line; {@code #} starts a comment.
 *
 * <pre>
 * file f1 "AB"                        # a 2-page file: page 0 filled with 'A', page 1 with 'B'
 * mmap r1 2 anon private rw           # region r1: 2 pages of private anonymous memory, read-write
 * mmap r2 1 file f1 offset 1 shared r # region r2: page 1 of f1, shared, read-only
 * read r1 0                           # read the first byte of page 0 of r1 (a read fault)
 * write r1 0                          # store the next distinct byte ('a', 'b', ...) there
 * fork p1                             # p0 forks; the child is p1
 * in p1: write r1 1                   # p1 writes; without "in" a step is p0's
 * munmap r1 1                         # also: munmap r1 / munmap r1 0-1
 * mprotect r1 0 r                     # none | r | rw
 * madvise r1 dontneed                 # dontneed | cold | pageout; optional page range
 * pwrite f1 0                         # write() one byte at the start of page 0 of f1
 * in p1: exit
 * observe                             # report every page of every live process
 * </pre>
 *
 * Bad input is a {@link ParseResult.Invalid} with every problem and its line and column.
 */
public final class ScenarioParser {

    /** At most this many processes, regions, files, pages per region or file, writes and steps. */
    public static final int MAX_PROCESSES = 8;
    public static final int MAX_REGIONS = 8;
    public static final int MAX_FILES = 4;
    public static final int MAX_PAGES = 16;
    public static final int MAX_WRITES = 26;
    public static final int MAX_STEPS = 200;

    private static final List<String> OPERATIONS =
            List.of("mmap", "read", "write", "fork", "munmap", "mprotect", "madvise", "pwrite", "exit", "observe");

    private ScenarioParser() {
    }

    /** Parses {@code text}, the contents of scenario {@code name}. */
    public static ParseResult parse(String name, String text) {
        ParseState state = new ParseState();
        List<Diagnostic> diagnostics = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Token.Line split = Token.split(lines[i]);
            if (split.unterminatedAt() > 0) {
                diagnostics.add(new Diagnostic(i + 1, split.unterminatedAt(), "unterminated string"));
            } else if (!split.tokens().isEmpty()) {
                parseLine(new LineReader(split, i + 1, diagnostics), i + 1, state);
            }
        }
        checkWhole(state, lines.length, diagnostics);
        if (!diagnostics.isEmpty()) {
            return new ParseResult.Invalid(name, diagnostics);
        }
        return new ParseResult.Parsed(new Scenario(name, List.copyOf(state.files.values()),
                List.copyOf(state.regions.values()), state.processes, state.steps));
    }

    private static void checkWhole(ParseState state, int lineCount, List<Diagnostic> diagnostics) {
        boolean observes = state.steps.stream().anyMatch(s -> s.op() instanceof Op.Observe);
        if (!observes && diagnostics.isEmpty()) {
            diagnostics.add(new Diagnostic(lineCount, 1, "the scenario has no 'observe' step"));
        }
    }

    private static void parseLine(LineReader in, int line, ParseState state) {
        if (in.accept("file")) {
            parseFile(in, state);
            return;
        }
        String process = Scenario.FIRST_PROCESS;
        int processColumn = in.column();
        boolean explicit = in.accept("in");
        if (explicit) {
            processColumn = in.column();
            process = in.name("process");
            if (!in.accept(":")) {
                in.error("expected ':' after 'in " + process + "'");
            }
        }
        boolean observe = in.peek().filter("observe"::equals).isPresent();
        if (explicit && observe) {
            in.error("'observe' takes no process: it observes every live process");
        } else if (!observe) {
            checkProcess(in, processColumn, process, state);
        }
        if (in.failed()) {
            return;
        }
        if (state.steps.size() >= MAX_STEPS) {
            in.error("too many steps (at most " + MAX_STEPS + ")");
            return;
        }
        int opColumn = in.column();
        int kind = in.keyword("an operation", OPERATIONS);
        Optional<Op> op = new OpParser(in, state, process).parse(OPERATIONS.get(kind), opColumn);
        in.end();
        if (op.isPresent() && !in.failed()) {
            commit(new Step(state.steps.size() + 1, line, process, op.get()), line, state);
        }
    }

    private static void checkProcess(LineReader in, int column, String process, ParseState state) {
        if (!state.processes.contains(process)) {
            in.errorAt(column, "unknown process '" + process + "' (processes are made by 'fork')");
        } else if (!state.alive(process)) {
            in.errorAt(column, "process '" + process + "' exited at line " + state.exitedAtLine.get(process));
        }
    }

    private static void parseFile(LineReader in, ParseState state) {
        if (!state.steps.isEmpty()) {
            in.error("files must be declared before the first step");
            return;
        }
        int nameColumn = in.column();
        String name = in.name("file name");
        int contentsColumn = in.column();
        String contents = in.string("file contents");
        in.end();
        if (in.failed()) {
            return;
        }
        if (state.known(name)) {
            in.errorAt(nameColumn, "'" + name + "' is already declared");
        } else if (state.files.size() >= MAX_FILES) {
            in.errorAt(nameColumn, "too many files (at most " + MAX_FILES + ")");
        } else if (!contents.matches("[A-Z]{1," + MAX_PAGES + "}")) {
            in.errorAt(contentsColumn, "file contents must be 1 to " + MAX_PAGES
                    + " upper-case letters, one per page");
        } else {
            state.files.put(name, new FileSpec(name, state.files.size(), contents));
        }
    }

    /** Applies a checked step to the parse state. */
    private static void commit(Step step, int line, ParseState state) {
        state.steps.add(step);
        switch (step.op()) {
            case Op.Mmap m -> {
                state.regions.put(m.region().name(), m.region());
                state.regionsOf.get(step.process()).add(m.region().name());
            }
            case Op.Fork f -> {
                state.processes.add(f.child());
                state.regionsOf.put(f.child(), new HashSet<>(state.regionsOf.get(step.process())));
            }
            case Op.Exit e -> state.exitedAtLine.put(step.process(), line);
            case Op.Touch t -> { }
            case Op.Munmap u -> { }
            case Op.Mprotect p -> { }
            case Op.Madvise a -> { }
            case Op.FileWrite w -> { }
            case Op.Observe o -> { }
        }
    }
}
