package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.specs.SpecSuite;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.load.SpecScenario;
import org.mmspec.spec.semantics.StepInfo;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * {@link TransitionSystem#mayTakeLocalSteps}: a scenario said to have no local step has none in any state a
 * search reaches (then the explorer runs the full search without the reduction's bookkeeping, and the
 * verdict, counts and trace are the reduced search's), and a scenario that has local steps is not said to
 * have none.
 */
class NoLocalStepsTest {

    /** States explored per scenario at most (breadth first). */
    private static final int STATES = 3_000;

    private static List<TransitionSystem<SpecState>> systems(Path dir) throws IOException {
        List<TransitionSystem<SpecState>> out = new ArrayList<>();
        for (SpecSuite.File f : SpecSuite.of(dir).files()) {
            for (SpecScenario s : assertInstanceOf(SpecSuite.Loaded.class, f).program().scenarios()) {
                out.add(s.system());
            }
        }
        return out;
    }

    /** Whether some step from the first {@link #STATES} states (breadth first) reports itself local. */
    private static <S> boolean someStepLocal(TransitionSystem<S> system) {
        StepInfo info = new StepInfo();
        Set<Long> seen = new HashSet<>();
        ArrayDeque<S> queue = new ArrayDeque<>(List.of(system.initialState()));
        seen.add(system.fingerprint(system.initialState()));
        while (!queue.isEmpty() && seen.size() < STATES) {
            S s = queue.poll();
            for (int t = 0; t < system.threadCount(); t++) {
                List<S> next = system.successors(s, t, info);
                if (info.local() && !next.isEmpty()) {
                    return true;
                }
                for (S n : next) {
                    if (seen.add(system.fingerprint(n))) {
                        queue.add(n);
                    }
                }
            }
        }
        return false;
    }

    @Test
    void aScenarioSaidToHaveNoLocalStepHasNone() throws IOException {
        List<TransitionSystem<SpecState>> all = new ArrayList<>(systems(Path.of("src", "test", "resources", "no-local")));
        all.addAll(systems(Path.of("..", "spec", "mm")));
        all.addAll(systems(Path.of("..", "bench", "models")));
        int none = 0;
        int some = 0;
        for (TransitionSystem<SpecState> system : all) {
            if (system.mayTakeLocalSteps()) {
                some++;
            } else {
                none++;
                assertFalse(someStepLocal(system), "a local step in a scenario said to have none");
            }
        }
        assertTrue(none >= 1 && some >= 1, "both kinds of scenario: " + none + " without, " + some + " with");
        TransitionSystem<SpecState> allShared = systems(Path.of("src", "test", "resources", "no-local")).get(0);
        assertFalse(allShared.mayTakeLocalSteps(), "every step of all_shared.mmspec writes the global");
        assertFalse(LocalSteps.applies(allShared, SearchOptions.defaults().withReduction(true)), "no reduction to run");
    }

    /** The check above fails for a scenario with local steps that claims to have none. */
    @Test
    void aScenarioWithLocalStepsIsNeverSaidToHaveNone() throws IOException {
        int withLocal = 0;
        for (TransitionSystem<SpecState> system : systems(Path.of("..", "spec", "mm"))) {
            if (someStepLocal(system)) {
                withLocal++;
                assertTrue(system.mayTakeLocalSteps(), "a scenario with a local step said to have none");
                assertTrue(LocalSteps.applies(system, SearchOptions.defaults().withReduction(true)), "a reduced search reduces it");
            }
        }
        assertTrue(withLocal >= 1, "spec/mm has scenarios with local steps");
    }
}
