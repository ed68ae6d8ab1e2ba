package org.mmspec.checker.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.trace.JsonTraceWriter;

/** Writes a counterexample to a JSON trace file; failing to write is bad input (exit 2). */
final class TraceFiles {

    private TraceFiles() {
    }

    static void write(Path file, Map<String, String> header, CheckResult.Violated v) {
        try {
            Files.writeString(file, JsonTraceWriter.write(header, v.trace(), v.violation()), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            throw new UsageError(file + ": cannot write: " + e.getMessage());
        }
    }
}
