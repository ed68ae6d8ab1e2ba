package org.mmspec.checker.scenario.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.build.Problems;
import org.mmspec.checker.scenario.build.ScenarioCode;
import org.mmspec.checker.scenario.build.ScenarioCompiler;
import org.mmspec.checker.scenario.build.ScenarioDef;
import org.mmspec.spec.diag.SourceSpan;

/**
 * Loads scenario files ({@code *.scenario}): scenarios of the reference implementation written as text
 * — the machine, the set-up, the threads as kernel procedures with typed named arguments, and what the
 * check must find (see {@code docs/scenarios.md}). Every problem is a diagnostic with file, line and
 * column; no input makes this class throw.
 *
 * <pre>{@code
 * switch (ScenarioFiles.load(Path.of("two-writers.scenario"))) {
 *     case ScenarioLoad.Loaded l -> l.scenarios() ...
 *     case ScenarioLoad.Rejected r -> System.err.print(r.render());
 * }
 * }</pre>
 */
public final class ScenarioFiles {

    /** The file name extension of scenario files. */
    public static final String EXTENSION = ".scenario";
    /** Files larger than this are refused. */
    public static final long MAX_BYTES = 1 << 20;

    private ScenarioFiles() {
    }

    /** Whether {@code file} is named like a scenario file. */
    public static boolean isScenarioFile(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().endsWith(EXTENSION);
    }

    /** Loads {@code file}; messages show it as given. */
    public static ScenarioLoad load(Path file) {
        String shown = file.toString().replace('\\', '/');
        Problems problems = new Problems(null);
        SourceSpan top = SourceSpan.point(shown, 1, 1);
        byte[] bytes = switch (org.mmspec.spec.load.InputFile.read(file, MAX_BYTES)) {
            case org.mmspec.spec.load.InputFile.Read r -> r.bytes();
            case org.mmspec.spec.load.InputFile.Refused r -> {
                problems.error(ScenarioCode.FILE_UNREADABLE, top, shown, r.reason());
                yield null;
            }
        };
        if (bytes == null) {
            return new ScenarioLoad.Rejected(shown, problems.sorted());
        }
        return loadBytes(shown, bytes, shown);
    }

    /** Loads scenario text that did not come from a file ({@code name} is shown in messages). */
    public static ScenarioLoad loadText(String name, String text) {
        return loadBytes(name, text.getBytes(StandardCharsets.UTF_8), name);
    }

    private static ScenarioLoad loadBytes(String shown, byte[] bytes, String origin) {
        if (bytes.length > MAX_BYTES) {
            Problems p = new Problems(null);
            p.error(ScenarioCode.FILE_TOO_LARGE, SourceSpan.point(shown, 1, 1), shown, MAX_BYTES);
            return new ScenarioLoad.Rejected(shown, p.sorted());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            Problems p = new Problems(null);
            p.error(ScenarioCode.NOT_UTF8, SourceSpan.point(shown, 1, 1), firstBadByte(bytes));
            return new ScenarioLoad.Rejected(shown, p.sorted());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return compile(shown, text, origin);
    }

    private static ScenarioLoad compile(String shown, String text, String origin) {
        Problems problems = new Problems(text);
        try {
            List<Token> tokens = new ScenarioLexer(shown, text, problems).tokens();
            List<ScenarioDef> defs = new ScenarioParser(tokens, problems).file();
            if (defs.isEmpty() && !problems.hasErrors()) {
                problems.error(ScenarioCode.NO_SCENARIO, tokens.get(tokens.size() - 1).span());
            }
            if (problems.hasErrors()) {
                return new ScenarioLoad.Rejected(shown, problems.sorted());
            }
            List<Scenario> scenarios = new ScenarioCompiler(problems, origin).compile(defs);
            return problems.hasErrors() ? new ScenarioLoad.Rejected(shown, problems.sorted())
                    : new ScenarioLoad.Loaded(shown, scenarios);
        } catch (RuntimeException | StackOverflowError e) {
            Problems p = new Problems(null);
            p.error(ScenarioCode.INTERNAL, SourceSpan.point(shown, 1, 1), e.toString());
            return new ScenarioLoad.Rejected(shown, p.sorted());
        }
    }

    private static int firstBadByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            decoder.decode(in);
        } catch (CharacterCodingException e) {
            return in.position();
        }
        return 0;
    }
}
