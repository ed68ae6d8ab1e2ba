package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.eval.SpecInvariant;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.eval.SpecSystem;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;
import org.mmspec.spec.load.Specs;
import org.mmspec.spec.semantics.Invariant;

/**
 * The breadth-first search on one worker, and the shared engine on two, judge a new state's invariants from
 * its parent's ({@link StateJudge#holdsInSuccessor}): with the skip on, off, reduced or not, they give the
 * same result — verdict, counts, trace — on the bench model's {@code tiny} and {@code seeded_bug} and on a
 * counter whose violation is reached by a step that writes one slot the invariant reads; the skip is taken;
 * an invariant that does not count the lowest slot a step changed misses that violation; and so does a shared
 * engine that marks every new state's invariants held without judging them (the bit its records carry).
 */
class InvariantsFromParentTest {

    private static final String COUNTER = "int x;\nint y;\ninvariant x_small: x < 2;\n"
            + "void t() {\na:  x = x + 1;\nb:  y = 1;\nc:  x = x + 1;\n}\nvoid u() {\nd:  y = 2;\n}\n"
            + "scenario s { thread T = t(); thread U = u(); }\n";

    private static SpecSystem bench(String name) {
        LoadResult r = SpecLoader.load(Path.of("..", "bench", "models", "swap_faults_vs_reclaim.mmspec"));
        return assertInstanceOf(LoadResult.Loaded.class, r).program().scenarios().stream()
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow().spec();
    }

    private static List<SpecInvariant> invariants(SpecSystem spec, SpecInvariant.Skip how) {
        List<SpecInvariant> out = new ArrayList<>();
        for (Invariant<SpecState> i : spec.invariants()) {
            out.add(((SpecInvariant) i).withSkip(how));
        }
        return out;
    }

    private static String result(SpecSystem spec, List<SpecInvariant> invariants, SearchOptions o) {
        return TransientSuccessorsSearchTest.result(Explorer.check(new CheckRequest<>(spec, invariants, o)));
    }

    private static String shared(SpecSystem spec, List<SpecInvariant> invariants, SearchOptions o, SharedTuning t) {
        return TransientSuccessorsSearchTest.result(Explorer.check(new CheckRequest<>(spec, invariants, o), t));
    }

    @Test
    void judgingFromTheParentGivesTheResultOfJudgingInFull() {
        long skipped = 0;
        List<SpecSystem> systems = List.of(bench("tiny"), bench("seeded_bug"), Specs.load(COUNTER).scenarios().get(0).spec());
        for (SpecSystem spec : systems) {
            for (boolean reduce : List.of(false, true)) {
                SearchOptions o = SearchOptions.defaults().withReduction(reduce).withWorkers(1);
                List<SpecInvariant> sound = invariants(spec, SpecInvariant.Skip.SOUND);
                String full = result(spec, invariants(spec, SpecInvariant.Skip.OFF), o);
                assertEquals(full, result(spec, sound, o), spec.ir().name() + " reduced " + reduce);
                skipped += sound.stream().mapToLong(SpecInvariant::unchangedCount).sum();
                List<SpecInvariant> shared = invariants(spec, SpecInvariant.Skip.SOUND);
                assertEquals(full, result(spec, shared, o.withWorkers(2)), spec.ir().name() + " reduced " + reduce + ", two workers");
                assertTrue(shared.stream().mapToLong(SpecInvariant::unchangedCount).sum() > 0, "two workers skip");
            }
        }
        assertTrue(skipped > 1_000, "invariants found unchanged: " + skipped);
    }

    @Test
    void aMaskWithoutTheLowestChangeMissesTheViolation() {
        SpecSystem spec = Specs.load(COUNTER).scenarios().get(0).spec();
        SearchOptions o = SearchOptions.defaults().withReduction(false).withWorkers(1);
        assertTrue(result(spec, invariants(spec, SpecInvariant.Skip.SOUND), o).startsWith("violated"));
        assertTrue(result(spec, invariants(spec, SpecInvariant.Skip.DROP_FIRST_CHANGE), o).startsWith("Passed"),
                "x is the lowest slot the violating step changes");
    }

    @Test
    void aSharedEngineThatMarksEveryStateHeldMissesTheViolation() {
        SpecSystem spec = Specs.load(COUNTER).scenarios().get(0).spec();
        SearchOptions o = SearchOptions.defaults().withReduction(false).withWorkers(2);
        SharedTuning tuned = new SharedTuning(1, 2, false);     // the shared engine, in chunks of one state
        assertTrue(shared(spec, invariants(spec, SpecInvariant.Skip.SOUND), o, tuned).startsWith("violated"));
        assertTrue(shared(spec, invariants(spec, SpecInvariant.Skip.SOUND), o, tuned.withAllHeld()).startsWith("Passed"),
                "the violating state was marked held");
    }
}
