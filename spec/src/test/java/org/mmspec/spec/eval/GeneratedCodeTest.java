package org.mmspec.spec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.load.SpecScenario;
import org.mmspec.spec.load.Specs;

/**
 * The step compiled to JVM bytecode ({@link ProcGen}, the default {@link Evaluation#COMPILED}) against the
 * closures alone ({@link Evaluation#CLOSURES}), state by state as {@link CompiledEvaluationTest} compares the
 * compiled evaluator with the interpreter: the same successors, faults, locality, block reasons, labels and
 * invariant verdicts on every scenario of {@code spec/mm} and the bench model, and the same faults, states
 * and fuel where the budgets run out. Two deliberately broken generators are caught: a wrong operator
 * ({@link Evaluation#MISGENERATED}) by the same comparison, a store that does not report its slot
 * ({@link Evaluation#UNLOGGED}) by the write log's cross-check in every scenario, which also shows generated
 * code runs in every scenario.
 */
class GeneratedCodeTest {

    private static final int CAP = 600;

    @Test
    void everySpecScenarioStepsAlikeGeneratedAndThroughClosures() throws IOException {
        List<SpecScenario> all = CompiledEvaluationTest.scenarios();
        assertTrue(all.size() >= 50, "scenarios: " + all.size());
        for (SpecScenario s : all) {
            assertEquals(List.of(), CompiledEvaluationTest.differences(s, Evaluation.CLOSURES, Evaluation.COMPILED, CAP),
                    s.name());
        }
    }

    @Test
    void aGeneratorWithAWrongOperatorIsCaught() throws IOException {
        int caught = 0;
        List<SpecScenario> all = CompiledEvaluationTest.scenarios();
        for (SpecScenario s : all) {
            caught += CompiledEvaluationTest.differences(s, Evaluation.CLOSURES, Evaluation.MISGENERATED, 200).isEmpty()
                    ? 0 : 1;
        }
        assertTrue(caught >= 10, "scenarios where < as <= shows: " + caught + " of " + all.size());   // 14 of 56
    }

    @Test
    void aGeneratedStoreThatDoesNotReportItsSlotIsCaught() throws IOException {
        List<SpecScenario> all = CompiledEvaluationTest.scenarios();
        int thrown = 0;
        for (SpecScenario s : all) {
            SpecSystem plain = s.spec();
            SpecSystem broken = plain.withEvaluation(Evaluation.UNLOGGED).withCheckedWriteLog();
            List<String> d = TransientSuccessorsTest.differences(s.name(), broken, plain, 200);
            thrown += d.size() == 1 && d.get(0).contains("IllegalStateException: write log") ? 1 : 0;
        }
        assertEquals(all.size(), thrown, "scenarios where the unreported store shows");
    }

    /** The budgets run out inside generated code, and inside fast pure operands: the same faults, states and fuel. */
    @Test
    void budgetsEndInTheSameFaultsAndStates() {
        for (String text : CompiledEvaluationTest.BUDGETS) {
            SpecSystem generated = Specs.load(text).scenarios().get(0).spec();
            SpecSystem closures = generated.withEvaluation(Evaluation.CLOSURES);
            List<SpecState> a = closures.successors(closures.initialState(), 0);
            List<SpecState> b = generated.successors(generated.initialState(), 0);
            assertFalse(a.isEmpty(), text);
            assertTrue(a.stream().anyMatch(n -> closures.fault(n) != null), text);
            assertEquals(a, b, text);
            assertEquals(a.stream().map(closures::fault).toList(), b.stream().map(generated::fault).toList(), text);
            assertEquals(a.stream().map(SpecState::fingerprint).toList(), b.stream().map(SpecState::fingerprint).toList());
        }
    }
}
