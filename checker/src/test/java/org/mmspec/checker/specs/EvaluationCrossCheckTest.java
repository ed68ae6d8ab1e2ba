package org.mmspec.checker.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Statistics;
import org.mmspec.checker.trace.JsonTraceWriter;
import org.mmspec.spec.eval.Evaluation;
import org.mmspec.spec.load.SpecScenario;

/**
 * The compiled spec evaluator against the interpreter, search by search: every scenario of {@code spec/mm}
 * and the bench model's {@code tiny}, searched under their own bounds with reduction
 * on (local steps come from the evaluator), get the same verdict, the same state, transition and depth
 * counts, the same trace and violation byte for byte (as JSON), the same coverage; and a deliberately
 * miscompiled evaluator ({@link Evaluation#MISCOMPILED}) is caught by the same comparison.
 */
class EvaluationCrossCheckTest {

    private record Case(String file, SpecScenario scenario) {
    }

    private static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (Path dir : List.of(Path.of("..", "spec", "mm"), Path.of("..", "bench", "models"))) {
            for (SpecSuite.File f : SpecSuite.of(dir).files()) {
                SpecSuite.Loaded l = assertInstanceOf(SpecSuite.Loaded.class, f);
                for (SpecScenario s : l.program().scenarios()) {
                    if (!dir.endsWith("models") || s.name().equals("tiny")) {
                        out.add(new Case(l.name(), s));
                    }
                }
            }
        }
        return out;
    }

    /** What a search found, as text: verdict class, counts, and the trace and violation or the coverage. */
    static String outcome(Case c, Evaluation e) {
        SearchOptions o = ScenarioBounds.apply(c.scenario().bounds(), SearchOptions.defaults()).withReduction(true);
        CheckResult r = SpecCheck.run(c.file(), c.scenario().evaluated(e), o, SearchListener.NONE).result();
        Statistics s = r.statistics();
        String counts = r.getClass().getSimpleName() + " " + List.of(s.distinctStates(), s.statesGenerated(),
                s.transitions(), (long) s.maxDepth());
        return counts + "\n" + switch (r) {
            case CheckResult.Violated v -> JsonTraceWriter.write(Map.of(), v.trace(), v.violation());
            case CheckResult.Incomplete i -> i.reason().toString();
            case CheckResult.Passed p -> p.coverage().toString();
        };
    }

    @Test
    void everySpecScenarioIsSearchedAlikeCompiledAndInterpreted() throws IOException {
        List<Case> all = cases();
        assertTrue(all.size() >= 50, "scenarios: " + all.size());
        int violated = 0;
        for (Case c : all) {
            String interpreted = outcome(c, Evaluation.INTERPRETED);
            assertEquals(interpreted, outcome(c, Evaluation.COMPILED), c.file() + ":" + c.scenario().name());
            violated += interpreted.startsWith("Violated") ? 1 : 0;
        }
        assertTrue(violated >= 8, "violations compared: " + violated);
    }

    /** The off-by-one shows in the first scenarios compared (the search stops comparing after three). */
    @Test
    void aMiscompiledEvaluatorIsCaughtByTheCrossCheck() throws IOException {
        List<String> caught = new ArrayList<>();
        List<Case> all = cases();
        for (int i = 0; i < all.size() && caught.size() < 3; i++) {
            Case c = all.get(i);
            if (!outcome(c, Evaluation.INTERPRETED).equals(outcome(c, Evaluation.MISCOMPILED))) {
                caught.add(c.scenario().name());
            }
        }
        assertEquals(3, caught.size(), "scenarios where the off-by-one shows: " + caught);
    }
}
