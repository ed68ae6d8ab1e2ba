package org.mmspec.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmspec.spec.diag.Diagnostic;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Seeded robustness of every budget of the front-end and of the interpreter: families of generated inputs
 * whose size (drawn from a seeded random range, always beyond the limit) once crashed the tool, hung it or
 * ran for minutes — deep typedef, record, array and map nesting in either declaration order, long constant
 * chains, long call chains at compile time and at run time, literal and run-time ranges of billions of
 * values, quantifiers that multiply, {@code either} and {@code with} inside long loops. Each must end in a
 * diagnostic (front-end) or in a model-error fault of its first step (interpreter), on a thread with the
 * JVM's default 1 MiB stack, within a generous bound. {@code -Dmmspec.seed=N} replays; failures print the
 * seed, the family and the size.
 */
class ResourceLimitsTest {

    private static final long SEED = Long.getLong("mmspec.seed", System.nanoTime());
    /** A hang guard, not a performance check: every family ends in well under a second on a laptop. */
    private static final long GENEROUS_MILLIS = 120_000;

    private record Family(String name, int lo, int hi, IntFunction<String> text, String expected) {
    }

    private static String lines(IntFunction<String> line, int n) {
        return IntStream.range(0, n).mapToObj(line).collect(Collectors.joining("\n", "", "\n"));
    }

    private static final String TWO_THREADS = "scenario s { thread T = t(); thread U = t(); }\n";

    /** Inputs the front-end must reject with a diagnostic. */
    private static List<Family> frontEnd() {
        return List.of(
                new Family("typedef chain, uses first", 65, 8_000, n -> lines(i -> "typedef t" + (i + 1) + " t" + i + ";", n)
                        + "typedef int<0..1> t" + n + ";\nt0 x;\n", "E0425"),
                new Family("record chain, declaration order", 65, 8_000, n -> "record r0 { int<0..1> a; }\n"
                        + lines(i -> "record r" + (i + 1) + " { r" + i + " a; }", n) + "r" + n + " x;\n", "E0425"),
                new Family("record chain, uses first", 65, 8_000, n -> lines(i -> "record r" + i + " { r" + (i + 1)
                        + " a; }", n) + "record r" + n + " { int<0..1> a; }\nr0 x;\n", "E0425"),
                new Family("records doubling", 31, 60, n -> "record r0 { int<0..1> a; }\n" + lines(i -> "record r"
                        + (i + 1) + " { r" + i + " a; r" + i + " b; }", n) + "r" + n + " x;\nvoid t() {\na:  x = x;\n}\n"
                        + TWO_THREADS, "E0420"),
                new Family("array dimensions", 65, 50_000, n -> "int<0..1> x" + "[1]".repeat(n) + ";\n", "E0425"),
                new Family("map nesting", 65, 250, n -> "map<bool, ".repeat(n) + "bool" + ">".repeat(n) + " m;\n",
                        "E0425"),
                new Family("constant chain, uses first", 201, 8_000, n -> lines(i -> "const c" + i + " = c" + (i + 1)
                        + " + 1;", n) + "const c" + n + " = 1;\nint<0..c0> x;\n", "E0426"),
                new Family("call chain with a cycle", 2_000, 10_000, n -> lines(i -> "int f" + i + "() { return f"
                        + ((i + 1) % n) + "(); }", n), "E0307"),
                new Family("literal quantifier range", 4_097, Integer.MAX_VALUE, n -> "invariant i: exists v in 0.."
                        + n + ": v < 0;\n", "E0413"),
                new Family("literal with range", 4_097, Integer.MAX_VALUE, n -> "int x;\nvoid t() {\na:  with (v in -"
                        + n + "..0) { x = v; }\n}\n" + TWO_THREADS, "E0413"),
                new Family("depth bound zero", 0, 0, n -> "int<0..1> x;\nvoid t() {\na:  x = 1;\n}\nscenario s { thread"
                        + " T = t(); thread U = t(); bounds { depth = " + n + "; } }\n", "E0419"));
    }

    /** Inputs that load, whose first step must end in a model-error fault. */
    private static List<Family> interpreter() {
        return List.of(
                // a call is one level of nesting (its return expression is evaluated in the callee's level):
                // f0 .. f254 still fit the 256 levels with the step's own expression, f0 .. f255 do not
                new Family("call chain run inline", 255, 5_000, n -> "int x;\n" + lines(i -> "int f" + i + "() { return f"
                        + (i + 1) + "(); }", n) + "int f" + n + "() { return 1; }\nvoid t() {\na:  x = f0();\n}\n"
                        + TWO_THREADS, "nested calls and expressions deeper than 256 levels"),
                new Family("run-time range", 4_097, Integer.MAX_VALUE, n -> "int n = " + n + ";\nint x;\nvoid t() {\n"
                        + "a:  x = count v in 0..n: v > 0;\n}\n" + TWO_THREADS, "more than 4096 values"),
                new Family("nested quantifiers", 2_500, 4_095, n -> "int x;\nvoid t() {\na:  x = count v in 0..4095:"
                        + " exists w in 0.." + n + ": v + w < 0;\n}\n" + TWO_THREADS, "units of evaluation work"),
                new Family("either in a loop", 25, 1_000, n -> "int i;\nint x;\nvoid t() {\na:  i = 0;\n    while (i < "
                        + n + ") {\n        either { x = 0; } or { x = 1; }\n        i = i + 1;\n    }\n}\n"
                        + TWO_THREADS, "units of evaluation work"),
                new Family("with in a loop", 3, 1_000, n -> "int i;\nint x;\nvoid t() {\na:  i = 0;\n    while (i < " + n
                        + ") {\n        with (v in 0..4095) { x = v; }\n        i = i + 1;\n    }\n}\n" + TWO_THREADS,
                        "units of evaluation work"));
    }

    /**
     * Each family at both ends of its range (where an off-by-one or a stack overflow shows) and at a seeded size
     * strictly inside it when the range has one (so every run has the same number of cases).
     */
    static Stream<Arguments> families() {
        Random rnd = new Random(SEED);
        return Stream.concat(frontEnd().stream(), interpreter().stream()).flatMap(x -> {
            long inside = (long) x.hi() - x.lo() - 1;
            int n = inside > 0 ? x.lo() + 1 + (int) (rnd.nextDouble() * inside) : x.lo();
            return Stream.of(x.lo(), n, x.hi()).map(k -> Arguments.of(x.name(), k, x.text(), x.expected()));
        });
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("families")
    void everyBudgetEndsInADiagnosticOrAModelError(String family, int n, IntFunction<String> text, String expected)
            throws InterruptedException {
        String where = "seed=" + SEED + " family '" + family + "' size " + n + ": ";
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                outcome.set(run(text.apply(n)));
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "default-stack", 1024 * 1024);
        t.setDaemon(true);
        t.start();
        t.join(GENEROUS_MILLIS);
        if (t.isAlive()) {
            fail(where + "still running after " + GENEROUS_MILLIS / 1000 + " s");
        }
        if (outcome.get() instanceof Throwable e) {
            fail(where + e, e);
        }
        String got = (String) outcome.get();
        assertTrue(got.contains(expected), where + "expected '" + expected + "', got: " + got);
        assertTrue(!got.contains("E0199"), where + got);
    }

    /** The first diagnostic's code and message, or the first step's faults, or "no fault". */
    private static String run(String text) {
        return switch (SpecLoader.loadString("gen.mmspec", text)) {
            case LoadResult.Rejected r -> r.diagnostics().stream().map(ResourceLimitsTest::show)
                    .collect(Collectors.joining("; "));
            case LoadResult.Loaded l -> {
                List<String> faults = new ArrayList<>();
                for (SpecScenario s : l.program().scenarios()) {
                    TransitionSystem<SpecState> ts = s.system();
                    for (SpecState next : ts.successors(ts.initialState(), 0)) {
                        Fault fault = ts.fault(next);
                        if (fault != null) {
                            assertEquals(Fault.Kind.MODEL_ERROR, fault.kind(), fault.message());
                            faults.add(fault.message());
                        }
                    }
                }
                yield faults.isEmpty() ? "no fault" : String.join("; ", faults);
            }
        };
    }

    private static String show(Diagnostic d) {
        return d.code().id() + " " + d.message();
    }

    /** The families name the codes they expect; those codes exist. */
    @org.junit.jupiter.api.Test
    void theExpectedCodesAreReal() {
        for (String code : List.of("E0413", "E0419", "E0420", "E0425", "E0426", "E0307")) {
            assertTrue(Stream.of(DiagnosticCode.values()).anyMatch(c -> c.id().equals(code)), code);
        }
    }
}
