package org.mmspec.checker.specs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.Statistics;
import org.mmspec.checker.scenario.SuiteRow;
import org.mmspec.spec.diag.Diagnostic;
import org.mmspec.spec.load.BundledSpec;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;
import org.mmspec.spec.load.SpecProgram;
import org.mmspec.spec.load.SpecScenario;

/**
 * Every scenario of every {@code .mmspec} file of a spec tree, checked against its {@code expect}
 * clause: the spec part of the standard suite. Files are loaded once, in name order, with imports
 * confined to the tree; a file the front-end rejects is one row that is never as expected (its
 * diagnostics are in {@link #rejected()}). Files that declare no scenario (libraries) give no row.
 */
public final class SpecSuite {

    /** A file of the tree, loaded or rejected. */
    public sealed interface File {
        /** The file's name relative to the tree's root. */
        String name();
    }

    /** A file that loaded. */
    public record Loaded(String name, SpecProgram program) implements File {
        public Loaded {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(program, "program");
        }
    }

    /** A file the front-end rejected, with its diagnostics. */
    public record Rejected(String name, List<Diagnostic> diagnostics) implements File {
        public Rejected {
            Objects.requireNonNull(name, "name");
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private static final Statistics NOTHING = new Statistics(0, 0, 0, 0, 0, 0, -1);

    private final List<File> files;

    private SpecSuite(List<File> files) {
        this.files = List.copyOf(files);
    }

    /** The specification bundled with mmspec ({@code spec/mm}, from the class path: {@link BundledSpec}). */
    public static SpecSuite bundled() throws IOException {
        return of(BundledSpec.root());
    }

    /** Every {@code .mmspec} file directly in {@code root}, loaded with imports confined to {@code root}. */
    public static SpecSuite of(Path root) throws IOException {
        List<File> files = new ArrayList<>();
        for (Path path : BundledSpec.files(root)) {
            String name = root.relativize(path).toString().replace('\\', '/');
            files.add(switch (SpecLoader.load(path, root)) {
                case LoadResult.Loaded l -> new Loaded(name, l.program());
                case LoadResult.Rejected r -> new Rejected(name, r.diagnostics());
            });
        }
        return new SpecSuite(files);
    }

    public List<File> files() {
        return files;
    }

    /** The files the front-end rejected. */
    public List<Rejected> rejected() {
        return files.stream().filter(f -> f instanceof Rejected).map(f -> (Rejected) f).toList();
    }

    /** The names the rows will have, in order: {@code file:scenario}, or the file for a rejected file. */
    public List<String> rowNames() {
        List<String> names = new ArrayList<>();
        for (File f : files) {
            switch (f) {
                case Loaded l -> l.program().scenarios().forEach(s -> names.add(SpecCheck.qualifiedName(l.name(), s.name())));
                case Rejected r -> names.add(r.name());
            }
        }
        return names;
    }

    /** The row of a file that does not load: it was expected to. */
    public static SuiteRow rejectedRow(Rejected r) {
        return new SuiteRow(r.name(), "-", "loads", "rejected: " + r.diagnostics().size() + " diagnostic"
                + (r.diagnostics().size() == 1 ? "" : "s"), false, NOTHING, 0);
    }

    /**
     * Checks every scenario with {@code defaults} under the scenario's own bounds
     * ({@link ScenarioBounds}), handing each row to {@code sink} as soon as it is known.
     */
    public List<SuiteRow> run(SearchOptions defaults, Consumer<SuiteRow> sink, SearchListener listener) {
        return run(defaults, false, sink, listener);
    }

    /** {@link #run(SearchOptions, Consumer, SearchListener)}, with every step audited for atomicity when {@code audit}. */
    public List<SuiteRow> run(SearchOptions defaults, boolean audit, Consumer<SuiteRow> sink, SearchListener listener) {
        List<SuiteRow> rows = new ArrayList<>();
        for (File f : files) {
            switch (f) {
                case Loaded l -> {
                    for (SpecScenario s : l.program().scenarios()) {
                        SpecCheck check = SpecCheck.run(l.name(), s.audited(audit),
                                ScenarioBounds.apply(s.bounds(), defaults), listener);
                        rows.add(check.row());
                        sink.accept(rows.getLast());
                    }
                }
                case Rejected r -> {
                    rows.add(rejectedRow(r));
                    sink.accept(rows.getLast());
                }
            }
        }
        return rows;
    }
}
