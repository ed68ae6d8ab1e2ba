package org.mmspec.checker.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.file.ScenarioFiles;
import org.mmspec.checker.scenario.file.ScenarioLoad;
import org.mmspec.checker.specs.ScenarioBounds;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.spec.diag.DiagnosticRenderer;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;
import org.mmspec.spec.load.SpecScenario;

/**
 * Checks every scenario of a file against what it expects, as {@code mmspec check FILE} does: a spec
 * file's scenarios under their own bounds, a scenario file's scenarios with every bug off and, for a
 * {@code bug} clause, with that bug on. For libraries and test integrations ({@code mmspec-junit}).
 */
public final class FileChecks {

    /** What checking a file gave. */
    public sealed interface Outcome permits Checked, Rejected {
        /** The file as given. */
        String file();
    }

    /** The file loaded; one run per check, in file order. */
    public record Checked(String file, List<CheckRun> runs) implements Outcome {
        public Checked {
            Objects.requireNonNull(file, "file");
            runs = List.copyOf(runs);
        }
    }

    /** The file has errors; nothing was checked. */
    public record Rejected(String file, String diagnostics) implements Outcome {
        public Rejected {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(diagnostics, "diagnostics");
        }
    }

    private FileChecks() {
    }

    /** Checks {@code file} ({@code .mmspec} or {@code .scenario}); {@code libs} extend a spec's library search path. */
    public static Outcome check(Path file, List<Path> libs, SearchListener listener) {
        String shown = file.toString().replace('\\', '/');
        String name = file.getFileName() == null ? shown : file.getFileName().toString();
        if (ScenarioFiles.isScenarioFile(file)) {
            return switch (ScenarioFiles.load(file)) {
                case ScenarioLoad.Rejected r -> new Rejected(shown, r.render());
                case ScenarioLoad.Loaded l -> new Checked(shown, scenarios(name, shown, l.scenarios(), listener));
            };
        }
        return switch (SpecLoader.load(file, libs)) {
            case LoadResult.Rejected r -> new Rejected(shown, DiagnosticRenderer.renderAll(r.diagnostics()));
            case LoadResult.Loaded l -> {
                List<CheckRun> runs = new ArrayList<>();
                for (SpecScenario s : l.program().scenarios()) {
                    runs.add(Runs.spec(l.program().file(), shown, s, ScenarioBounds.apply(s.bounds(), SearchOptions.defaults()),
                            listener, false));
                }
                yield new Checked(shown, runs);
            }
        };
    }

    /** The checks of scenarios of the reference implementation: bugs off, and each one's own bug on. */
    public static List<CheckRun> scenarios(String fileName, String file, List<Scenario> scenarios, SearchListener listener) {
        List<CheckRun> runs = new ArrayList<>();
        for (Scenario s : scenarios) {
            String name = fileName.isEmpty() ? s.name() : fileName + ":" + s.name();
            for (Set<BugId> bugs : s.checkedBugSets()) {
                runs.add(Runs.reference(s, bugs, List.of(), s.search(), listener, false, name, file));
            }
        }
        return runs;
    }
}
