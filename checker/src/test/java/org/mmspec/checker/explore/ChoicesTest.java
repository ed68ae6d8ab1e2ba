package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.toy.Branching;
import org.mmspec.checker.trace.JsonTraceReader;
import org.mmspec.checker.trace.JsonTraceWriter;
import org.mmspec.checker.trace.Replay;
import org.mmspec.checker.trace.Replayer;
import org.mmspec.checker.trace.Schedule;
import org.mmspec.checker.trace.TextTraceWriter;
import org.mmspec.checker.trace.TraceDocument;
import org.mmspec.checker.trace.TraceReadResult;
import org.mmspec.checker.trace.TraceStep;
import org.mmspec.spec.semantics.TransitionSystem;

/** Steps with several successors: every strategy searches them all, and the branch taken replays. */
class ChoicesTest {

    private static SearchOptions options(Strategy strategy) {
        return SearchOptions.defaults().withStrategy(strategy).withRandomWalks(200);
    }

    private static CheckResult check(TransitionSystem<Branching.State> system, Branching b, Strategy strategy) {
        return Explorer.check(new CheckRequest<>(system, List.of(b.vNotLast()), options(strategy)));
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aViolationOnlyTheSecondBranchReachesIsFound(Strategy strategy) {
        Branching b = new Branching(2, 2);
        CheckResult.Violated v = assertInstanceOf(CheckResult.Violated.class, check(b, b, strategy));
        assertEquals("v_not_last", assertInstanceOf(InvariantViolation.class, v.violation()).invariantId());
        Schedule schedule = v.trace().schedule();
        int last = schedule.length() - 1;
        assertEquals(0, schedule.thread(last), "T0's pick is the last step");
        assertEquals(1, schedule.choice(last), "the second successor of pick");
        TraceStep pick = v.trace().steps().get(last);
        assertEquals(1, pick.choice());
        assertEquals(2, pick.choices());
        assertEquals("v=1", pick.label().detail());
        Replay.Fits<Branching.State> fits = assertInstanceOf(Replay.Fits.class, Replayer.replay(b, schedule));
        assertEquals(1, fits.finalState().v());
        assertEquals(v.trace(), fits.trace());
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void followingOnlyTheFirstSuccessorMissesIt(Strategy strategy) {
        Branching b = new Branching(2, 2);
        CheckResult.Passed p = assertInstanceOf(CheckResult.Passed.class, check(b.firstSuccessorOnly(), b, strategy));
        assertEquals(strategy == Strategy.RANDOM ? Coverage.RANDOM_SAMPLE : Coverage.EXHAUSTIVE, p.coverage());
    }

    @Test
    void bfsCountsEveryBranchAsAState() {
        Branching b = new Branching(1, 3);
        CheckResult.Violated v = assertInstanceOf(CheckResult.Violated.class, check(b, b, Strategy.BFS));
        assertEquals(new Schedule(new int[] {0, 0}, new int[] {0, 2}), v.trace().schedule(),
                "the shortest path: T0 ticks once, then picks its third value");
        CheckResult.Passed all = assertInstanceOf(CheckResult.Passed.class,
                Explorer.check(new CheckRequest<>(b, List.of(), options(Strategy.BFS))));
        // pc0 in {0, 1} x pc1 in {0, 1, 2} before the pick: 6; after it (pc0 2 or 3) x 3 values x 3 pc1: 18
        assertEquals(24, all.statistics().distinctStates());
    }

    /**
     * A wide choice met after many states: the store widens its choice field in the middle of the search
     * and repacks the links already stored; the trace, rebuilt from the repacked links, must replay to the
     * state the search found (else the explorer reports a model error).
     */
    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"BFS", "DFS", "PREEMPT"})
    void aWideChoiceLateInTheSearchRepacksTheLinks(Strategy strategy) {
        Branching b = new Branching(40, 37);
        CheckResult.Violated v = assertInstanceOf(CheckResult.Violated.class,
                check(b, b, strategy), "a model error here means the repacked parent links are wrong");
        assertInstanceOf(InvariantViolation.class, v.violation());
        Schedule schedule = v.trace().schedule();
        assertEquals(36, schedule.choice(schedule.length() - 1));
        assertTrue(v.statistics().distinctStates() > 40, "states stored before the pick: " + v.statistics());
    }

    @Test
    void theBranchTakenRoundTripsThroughJsonAndText() {
        Branching b = new Branching(1, 2);
        CheckResult.Violated v = assertInstanceOf(CheckResult.Violated.class, check(b, b, Strategy.DFS));
        String json = JsonTraceWriter.write(Map.of("scenario", "branching"), v.trace(), v.violation());
        assertTrue(json.contains("\"choices\""), json);
        TraceDocument doc = assertInstanceOf(TraceReadResult.Read.class, JsonTraceReader.read(json)).document();
        assertEquals(v.trace().schedule(), doc.schedule());
        assertEquals(v.trace(), doc.trace());
        Replay.Fits<Branching.State> fits = assertInstanceOf(Replay.Fits.class, Replayer.replay(b, doc.schedule()));
        assertEquals(v.trace(), fits.trace());
        String text = TextTraceWriter.write(v.trace(), v.violation());
        assertTrue(text.contains("T0 pick v=1  [choice 2 of 2]"), text);
    }

    @Test
    void aChoiceBeyondTheStepsSuccessorsDoesNotFit() {
        Branching b = new Branching(0, 2);
        Replay.DoesNotFit<Branching.State> misfit = assertInstanceOf(Replay.DoesNotFit.class,
                Replayer.replay(b, new Schedule(new int[] {0}, new int[] {2})));
        assertEquals(1, misfit.index());
        assertTrue(misfit.reason().contains("has 2 successors, so there is no choice 2"), misfit.reason());
    }
}
