package org.mmspec.checker.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * How a command presents its results, shared by the suite, {@code explore}, {@code check} and
 * {@code replay}: machine-readable reports ({@code --report json[:FILE]}, {@code --report junit[:FILE]}),
 * the HTML report ({@code --html FILE}), the trace view ({@code --view text|columns}), coverage
 * ({@code --coverage}) and the progress heartbeat ({@code --heartbeat SECONDS}).
 */
final class OutputMixin {

    /** The trace views. */
    enum View {
        TEXT, COLUMNS
    }

    /** A report to write: its format and file ({@code null}: standard output, instead of the text). */
    record Report(String format, Path file) {

        /**
         * {@code json}, {@code junit:out.xml}: a relative file is taken from {@code workingDir} (null: the
         * process's working directory). A format other than json or junit is a
         * {@link picocli.CommandLine.TypeConversionException} with a did-you-mean.
         */
        static Report parse(String text, Path workingDir) {
            int colon = text.indexOf(':');
            String format = (colon < 0 ? text : text.substring(0, colon)).toLowerCase(Locale.ROOT);
            if (!format.equals("json") && !format.equals("junit")) {
                throw new picocli.CommandLine.TypeConversionException("'" + text + "': the format is json or junit"
                        + org.mmspec.checker.scenario.Names.closest(format, List.of("json", "junit"))
                                .map(n -> " (did you mean '" + n + "'?)").orElse(""));
            }
            String file = colon < 0 ? "" : text.substring(colon + 1);
            if (file.isEmpty()) {
                return new Report(format, null);
            }
            return new Report(format, workingDir == null ? Path.of(file) : workingDir.resolve(file));
        }
    }

    @Option(names = "--report", paramLabel = "json|junit[:FILE]", description = "Also write a machine-readable report"
            + " of every check (passes included): json or junit, to FILE, or to standard output in place of the text"
            + " when no FILE is given. Repeatable.")
    List<Report> reports = new ArrayList<>();

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report: the verdicts and"
            + " each counterexample with the threads as swim lanes.")
    Path html;

    @Option(names = "--view", paramLabel = "text|columns", description = "How to print a counterexample: one step per"
            + " line (text, the default), or one column per thread (columns).")
    View view = View.TEXT;

    @Option(names = "--coverage", description = "Also report where the search went: the code points each thread"
            + " reached, the pairs of threads that raced and where, the code points never reached.")
    boolean coverage;

    @Option(names = "--heartbeat", paramLabel = "SECONDS", description = "When stderr is not a terminal, print a"
            + " progress line there every SECONDS (default: ${DEFAULT-VALUE}; 0: never).")
    double heartbeat = 5;

    /** The reports asked for, validated; a bad one is a {@link UsageError}. */
    List<Report> reports() {
        List<Report> out = List.copyOf(reports);
        if (out.stream().filter(r -> r.file() == null).count() > 1) {
            throw new UsageError("--report: at most one report can go to standard output; give the others a FILE");
        }
        if (!(heartbeat >= 0)) {
            throw new UsageError("--heartbeat must be 0 (never) or a number of seconds");
        }
        return out;
    }

    /** Whether a report replaces the text on standard output. */
    boolean reportOnStdout() {
        return reports().stream().anyMatch(r -> r.file() == null);
    }
}
