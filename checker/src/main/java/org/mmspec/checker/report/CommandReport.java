package org.mmspec.checker.report;

import java.util.List;
import java.util.Objects;
import org.mmspec.checker.run.CheckRun;

/**
 * What one command did, for the report writers: its checks (passes included), the files it could not
 * load, and its exit code.
 *
 * @param command the command as typed ({@code check}, {@code explore}, {@code replay}) or {@code suite}
 * @param runs the checks, in the order they ran
 * @param failures the files rejected before anything was checked
 * @param exitCode the command's exit code
 */
public record CommandReport(String command, List<CheckRun> runs, List<LoadFailure> failures, int exitCode) {

    public CommandReport {
        Objects.requireNonNull(command, "command");
        runs = List.copyOf(runs);
        failures = List.copyOf(failures);
    }

    /**
     * A file that did not load.
     *
     * @param file the file as shown
     * @param diagnostics its diagnostics, rendered
     */
    public record LoadFailure(String file, String diagnostics) {
    }
}
