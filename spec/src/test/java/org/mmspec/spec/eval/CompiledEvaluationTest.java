package org.mmspec.spec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;
import org.mmspec.spec.load.SpecScenario;
import org.mmspec.spec.load.Specs;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.StepInfo;

/**
 * The compiled evaluator against the interpreter, state by state: on the states of every scenario of
 * {@code spec/mm} and of the bench model (breadth-first from the initial state, up to {@value #CAP} states
 * per scenario), every thread's successors (slot by slot, faults included), whether the step was local, why
 * a thread is blocked, the trace label of each successor and every invariant's verdict and witness are the
 * same; so are the faults the budgets end in. A deliberately miscompiled evaluator is caught by the same
 * comparison.
 */
class CompiledEvaluationTest {

    private static final int CAP = 600;

    /** Every scenario of spec/mm and of the bench model, as loaded by default (compiled). */
    static List<SpecScenario> scenarios() throws IOException {
        List<SpecScenario> out = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> mm = Files.list(Path.of("..", "spec", "mm"))) {
            mm.filter(p -> p.toString().endsWith(".mmspec")).sorted().forEach(files::add);
        }
        files.add(Path.of("..", "bench", "models", "swap_faults_vs_reclaim.mmspec"));
        for (Path f : files) {
            LoadResult r = SpecLoader.load(f);
            out.addAll(assertInstanceOf(LoadResult.Loaded.class, r, f.toString()).program().scenarios());
        }
        return out;
    }

    /** Differences between {@code a} and {@code b} on the first {@code cap} states {@code a} reaches. */
    static List<String> differences(SpecScenario s, Evaluation a, Evaluation b, int cap) {
        SpecSystem x = s.spec().withEvaluation(a);
        SpecSystem y = s.spec().withEvaluation(b);
        List<Invariant<SpecState>> ix = x.invariants();
        List<Invariant<SpecState>> iy = y.invariants();
        List<String> diffs = new ArrayList<>();
        Set<SpecState> seen = new HashSet<>(List.of(x.initialState()));
        ArrayDeque<SpecState> queue = new ArrayDeque<>(seen);
        while (!queue.isEmpty() && diffs.isEmpty()) {
            SpecState st = queue.poll();
            for (int k = 0; k < ix.size(); k++) {
                same(diffs, s.name() + " invariant " + ix.get(k).id(), ix.get(k).check(st), iy.get(k).check(st));
            }
            for (int t = 0; t < x.threadCount(); t++) {
                StepInfo fx = new StepInfo();
                StepInfo fy = new StepInfo();
                List<SpecState> nx = x.successors(st, t, fx);
                List<SpecState> ny = y.successors(st, t, fy);
                String where = s.name() + " thread " + t + " in " + st;
                same(diffs, where + ": successors", nx, ny);
                same(diffs, where + ": local", fx.local(), fy.local());
                same(diffs, where + ": blocked", x.blockReason(st, t), y.blockReason(st, t));
                for (SpecState n : nx) {
                    same(diffs, where + ": incremental fingerprint", n.fingerprint(), SpecState.fingerprint(n.raw()));
                    same(diffs, where + ": label", x.label(st, t, n), y.label(st, t, n));
                    same(diffs, where + ": fault", x.fault(n), y.fault(n));
                    if (seen.size() < cap && x.fault(n) == null && seen.add(n)) {
                        queue.add(n);
                    }
                }
            }
        }
        return diffs;
    }

    private static void same(List<String> diffs, String what, Object x, Object y) {
        if (!java.util.Objects.equals(x, y)) {
            diffs.add(what + ": " + x + " against " + y);
        }
    }

    @Test
    void everySpecScenarioStepsAlikeCompiledAndInterpreted() throws IOException {
        List<SpecScenario> all = scenarios();
        assertTrue(all.size() >= 50, "scenarios: " + all.size());
        for (SpecScenario s : all) {
            assertEquals(Evaluation.COMPILED, s.spec().evaluation(), "the default");
            assertEquals(List.of(), differences(s, Evaluation.INTERPRETED, Evaluation.COMPILED, CAP), s.name());
        }
    }

    @Test
    void aMiscompiledEvaluatorIsCaught() throws IOException {
        int caught = 0;
        List<SpecScenario> all = scenarios();
        for (SpecScenario s : all) {
            caught += differences(s, Evaluation.INTERPRETED, Evaluation.MISCOMPILED, 200).isEmpty() ? 0 : 1;
        }
        assertTrue(caught > all.size() / 2, "scenarios where the off-by-one shows: " + caught + " of " + all.size());
    }

    /** Inputs whose first step ends in a budget's fault (as ResourceLimitsTest's interpreter families). */
    static final List<String> BUDGETS = List.of(
            "int x;\n" + chain(300) + "void t() {\na:  x = f0();\n}\n" + twoThreads(),
            "int n = 5000;\nint x;\nvoid t() {\na:  x = count v in 0..n: v > 0;\n}\n" + twoThreads(),
            "int x;\nvoid t() {\na:  x = count v in 0..4095: exists w in 0..2600: v + w < 0;\n}\n" + twoThreads(),
            "int i;\nint x;\nvoid t() {\na:  i = 0;\n    while (i < 30) {\n        either { x = 0; } or { x = 1; }\n"
                    + "        i = i + 1;\n    }\n}\n" + twoThreads(),
            "int i;\nint x;\nvoid t() {\na:  i = 0;\n    while (i < 5) {\n        with (v in 0..4095) { x = v; }\n"
                    + "        i = i + 1;\n    }\n}\n" + twoThreads(),
            // every run fails inside a pure expression: the fuel it used decides how many runs fit the budget
            "int i;\nint x;\nint<0..9> a[3];\nvoid t() {\na:  i = 0;\n    while (i < 30) {\n"
                    + "        either { x = 0; } or { x = 1; }\n        i = i + 1;\n    }\n"
                    + "    x = a[x] * 2 + a[x + 2] + 7;\n}\n" + twoThreads());

    private static String chain(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("int f").append(i).append("() { return f").append(i + 1).append("(); }\n");
        }
        return b.append("int f").append(n).append("() { return 1; }\n").toString();
    }

    private static String twoThreads() {
        return "scenario s { thread T = t(); thread U = t(); }\n";
    }

    @Test
    void budgetsEndInTheSameFaultsAndStates() {
        for (String text : BUDGETS) {
            SpecSystem compiled = Specs.load(text).scenarios().get(0).spec();
            SpecSystem interpreted = compiled.withEvaluation(Evaluation.INTERPRETED);
            List<SpecState> a = interpreted.successors(interpreted.initialState(), 0);
            List<SpecState> b = compiled.successors(compiled.initialState(), 0);
            assertFalse(a.isEmpty(), text);
            assertTrue(a.stream().anyMatch(n -> interpreted.fault(n) != null), text);
            assertEquals(a, b, text);
            assertEquals(a.stream().map(interpreted::fault).toList(), b.stream().map(compiled::fault).toList(), text);
            assertEquals(a.stream().map(SpecState::fingerprint).toList(), b.stream().map(SpecState::fingerprint).toList());
        }
    }
}
