package org.mmspec.checker.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mmspec.checker.report.CommandReport;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.file.ScenarioFiles;
import org.mmspec.checker.scenario.file.ScenarioLoad;
import org.mmspec.spec.diag.DiagnosticRenderer;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;
import org.mmspec.spec.load.SpecProgram;

/**
 * The files a command was given, loaded: spec files ({@code .mmspec}, with the library search path) and
 * scenario files of the reference implementation ({@code .scenario}). A file that does not load has its
 * diagnostics printed and is recorded as a failure.
 */
final class Inputs {

    /** A file loaded. */
    sealed interface Input {
        /** The file as given. */
        Path path();

        /** Its name as scenario names show it ({@code my_faults.mmspec}). */
        String name();
    }

    /** A spec file. */
    record SpecInput(Path path, String name, SpecProgram program) implements Input {
    }

    /** A scenario file of the reference implementation. */
    record ScenarioInput(Path path, String name, List<Scenario> scenarios) implements Input {
    }

    private Inputs() {
    }

    /** Whether a command-line argument names a file rather than a standard scenario. */
    static boolean isFile(String arg) {
        return arg.endsWith(".mmspec") || arg.endsWith(ScenarioFiles.EXTENSION) || arg.contains("/")
                || arg.contains("\\");
    }

    /** {@code file} loaded, or null after printing its diagnostics on {@code err} and adding it to {@code failures}. */
    static Input load(Path file, List<Path> libs, PrintWriter err, List<CommandReport.LoadFailure> failures) {
        String shown = file.toString().replace('\\', '/');
        String name = file.getFileName() == null ? shown : file.getFileName().toString();
        if (ScenarioFiles.isScenarioFile(file)) {
            return switch (ScenarioFiles.load(file)) {
                case ScenarioLoad.Loaded l -> new ScenarioInput(file, name, l.scenarios());
                case ScenarioLoad.Rejected r -> reject(shown, r.render(), err, failures);
            };
        }
        if (!name.endsWith(".mmspec") && java.nio.file.Files.isRegularFile(file)) {
            throw new UsageError(shown + ": give a spec file (FILE.mmspec) or a scenario file (FILE" + ScenarioFiles.EXTENSION
                    + ")");
        }
        return switch (SpecLoader.load(file, libs)) {
            case LoadResult.Loaded l -> new SpecInput(file, l.program().file(), l.program());
            case LoadResult.Rejected r -> reject(shown, DiagnosticRenderer.renderAll(r.diagnostics()), err, failures);
        };
    }

    private static Input reject(String shown, String diagnostics, PrintWriter err,
            List<CommandReport.LoadFailure> failures) {
        err.print(diagnostics);
        err.flush();
        failures.add(new CommandReport.LoadFailure(shown, diagnostics));
        return null;
    }

    /** Source links for the spec files among {@code inputs} (by the name steps show). */
    static SourceLinks links(List<Input> inputs) {
        Map<String, Path> specs = new java.util.HashMap<>();
        for (Input i : inputs) {
            if (i instanceof SpecInput s) {
                specs.put(s.name(), s.path());
            }
        }
        return new SourceLinks(specs);
    }
}
