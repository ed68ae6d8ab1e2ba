package org.mmspec.checker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mmspec.checker.report.HtmlReport;
import org.mmspec.checker.report.JsonReport;
import org.mmspec.checker.report.JunitReport;
import org.mmspec.checker.report.CommandReport;

/** Writes the reports a command was asked for ({@link OutputMixin}); a file that cannot be written is exit 2. */
final class ReportFiles {

    private ReportFiles() {
    }

    /**
     * Writes every report of {@code output} for {@code report}; a report without a file goes to {@code out}.
     * {@code sources} makes source links for the HTML report.
     */
    static void write(OutputMixin output, CommandReport report, PrintWriter out, SourceLinks sources) {
        for (OutputMixin.Report r : output.reports()) {
            String text = r.format().equals("json") ? JsonReport.write(report) : JunitReport.write(report);
            if (r.file() == null) {
                out.print(text);
                out.flush();
            } else {
                writeFile(r.file(), text);
            }
        }
        if (output.html != null) {
            writeFile(output.html, HtmlReport.write(report, sources::href));
        }
    }

    static void writeFile(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            throw new UsageError(file + ": cannot write: " + e.getMessage());
        }
    }
}
