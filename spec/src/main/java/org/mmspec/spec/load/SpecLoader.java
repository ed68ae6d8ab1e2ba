package org.mmspec.spec.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.mmspec.spec.ast.Decl;
import org.mmspec.spec.ast.ScenarioItem;
import org.mmspec.spec.ast.SpecFile;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.Diagnostics;
import org.mmspec.spec.diag.SourceSpan;
import org.mmspec.spec.eval.SpecSystem;
import org.mmspec.spec.ir.Lowerer;
import org.mmspec.spec.ir.ScenarioIr;
import org.mmspec.spec.resolve.CallGraph;
import org.mmspec.spec.resolve.DeclarationCollector;
import org.mmspec.spec.resolve.GlobalScope;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.types.CheckedProgram;
import org.mmspec.spec.types.CheckedScenario;
import org.mmspec.spec.types.ProgramChecker;

/**
 * The front-end's entry point: read, parse, resolve, type-check and lower a spec, and build one
 * {@link SpecSystem} per scenario. Every problem in the input is a diagnostic; no input makes this
 * class throw.
 *
 * <pre>
 *   switch (SpecLoader.load(Path.of("spec/mm/dirty_cow.mmspec"))) {
 *       case LoadResult.Loaded l -&gt; l.program().scenarios() ...
 *       case LoadResult.Rejected r -&gt; System.err.print(DiagnosticRenderer.renderAll(r.diagnostics()));
 *   }
 * </pre>
 */
public final class SpecLoader {

    private SpecLoader() {
    }

    /**
     * Loads {@code file}; relative imports may reach anything under the file's own directory, and
     * {@code import <path>;} finds the bundled library ({@code import <mm/fault.mmspec>;}).
     */
    public static LoadResult load(Path file) {
        return load(file, List.of());
    }

    /**
     * Loads {@code file}; relative imports may reach anything under the file's own directory, and
     * {@code import <path>;} searches {@code libraryDirs} in order, then the bundled library
     * ({@link SearchPath}).
     */
    public static LoadResult load(Path file, List<Path> libraryDirs) {
        Path abs = file.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        return load(abs, parent == null ? abs : parent, SearchPath.of(libraryDirs));
    }

    /** Loads {@code file} with relative imports confined to the directory {@code specRoot}. */
    public static LoadResult load(Path file, Path specRoot) {
        return load(file, specRoot, SearchPath.bundled());
    }

    /** Loads {@code file} with relative imports confined to {@code specRoot} and {@code import <path>;} searching {@code library}. */
    public static LoadResult load(Path file, Path specRoot, SearchPath library) {
        Diagnostics d = new Diagnostics();
        Path root = specRoot.toAbsolutePath().normalize();
        return guarded(d, () -> {
            SourceReader reader = new SourceReader(root, d, library);
            SpecFile main = reader.readMain(file);
            return finish(main, reader.files(), d);
        });
    }

    /** Loads spec text that did not come from a file ({@code import} is then an error). */
    public static LoadResult loadString(String name, String text) {
        return loadBytes(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Loads spec bytes (decoded as strict UTF-8) that did not come from a file. */
    public static LoadResult loadBytes(String name, byte[] bytes) {
        Diagnostics d = new Diagnostics();
        return guarded(d, () -> {
            SourceReader reader = new SourceReader(null, d);
            SpecFile main = reader.readText(name, bytes);
            return finish(main, reader.files(), d);
        });
    }

    private interface Stage {
        LoadResult run();
    }

    /**
     * Runs the pipeline; a bug in mmspec (an exception or a stack overflow) becomes an internal-error
     * diagnostic instead of a stack trace. Tests treat that diagnostic as a failure.
     */
    private static LoadResult guarded(Diagnostics d, Stage stage) {
        try {
            return stage.run();
        } catch (RuntimeException | StackOverflowError e) {
            Diagnostics fresh = new Diagnostics();
            fresh.error(DiagnosticCode.INTERNAL_ERROR, SourceSpan.point("<mmspec>", 1, 1), e.toString());
            return new LoadResult.Rejected(fresh.sorted());
        }
    }

    private static LoadResult finish(SpecFile main, List<SpecFile> files, Diagnostics d) {
        if (main == null || d.hasErrors()) {
            return rejected(d);
        }
        GlobalScope scope = DeclarationCollector.collect(files, d);
        CallGraph calls = CallGraph.build(scope, d);
        CheckedProgram program = ProgramChecker.check(scope, calls, d);
        if (d.hasErrors()) {
            return rejected(d);
        }
        List<SpecScenario> scenarios = new ArrayList<>();
        for (Decl decl : main.decls()) {
            if (decl instanceof Decl.Scenario s) {
                CheckedScenario cs = program.scenarios().get(s.name().text());
                ScenarioIr ir = Lowerer.lower(program, cs, d);
                if (ir != null) {
                    SpecSystem system = new SpecSystem(ir);
                    limits(cs, system, scope, d);
                    scenarios.add(scenario(cs, system, cover(s, system, d)));
                }
            }
        }
        if (d.hasErrors()) {
            return rejected(d);
        }
        return new LoadResult.Loaded(new SpecProgram(main.name(), scenarios,
                scope.invariants().values().stream().filter(i -> !i.limit()).map(i -> i.name().text()).toList()));
    }

    /** A scenario beyond a {@code limit} of the specification is an error now, not a model error mid-search. */
    private static void limits(CheckedScenario cs, SpecSystem system, GlobalScope scope, Diagnostics d) {
        for (var w : system.exceededLimits()) {
            String id = w.summary().substring(0, w.summary().indexOf(':'));
            Decl.Invariant decl = scope.invariant(id);
            List<String> hints = new ArrayList<>();
            hints.add("the limit is declared at " + decl.span().where());
            w.objects().forEach(o -> hints.add(o));
            d.errorWithHints(DiagnosticCode.LIMIT_EXCEEDED, cs.span(), hints, cs.name(), w.summary());
        }
    }

    private static LoadResult rejected(Diagnostics d) {
        return new LoadResult.Rejected(d.sorted());
    }

    /** The scenario's {@code cover} points, each checked against the code points of its procedures. */
    private static List<String> cover(Decl.Scenario s, SpecSystem system, Diagnostics d) {
        List<String> known = new ArrayList<>(system.labels());
        known.addAll(system.entries());
        List<String> out = new ArrayList<>();
        for (ScenarioItem item : s.items()) {
            if (item instanceof ScenarioItem.Cover c) {
                for (int i = 0; i < c.points().size(); i++) {
                    String p = c.points().get(i);
                    if (known.contains(p)) {
                        out.add(p);
                    } else {
                        d.errorWithHints(DiagnosticCode.UNKNOWN_CODE_POINT, c.spans().get(i),
                                org.mmspec.spec.diag.Hints.didYouMean(p, known), p);
                    }
                }
            }
        }
        return out;
    }

    private static SpecScenario scenario(CheckedScenario cs, SpecSystem system, List<String> cover) {
        Bounds bounds = new Bounds(
                cs.preemptions() < 0 ? OptionalInt.empty() : OptionalInt.of(cs.preemptions()),
                cs.depth() < 0 ? OptionalInt.empty() : OptionalInt.of(cs.depth()),
                Optional.ofNullable(cs.strategy()).map(s -> Strategy.valueOf(s.toUpperCase(java.util.Locale.ROOT))));
        return new SpecScenario(cs.name(), cs.span(), system, system.invariants(), bounds, expectation(cs.expect()),
                cover);
    }

    private static Expectation expectation(ScenarioItem.Expect e) {
        if (e == null) {
            return new Expectation.None();
        }
        return switch (e.kind()) {
            case PASS -> new Expectation.ExpectPass();
            case DEADLOCK -> new Expectation.ExpectDeadlock();
            case VIOLATION -> new Expectation.ExpectViolation(e.name().text());
            case FAULT -> new Expectation.ExpectFault(switch (e.name().text()) {
                case "assertion" -> Fault.Kind.ASSERTION;
                case "kernel_bug" -> Fault.Kind.KERNEL_BUG;
                default -> Fault.Kind.MODEL_ERROR;
            });
        };
    }
}
