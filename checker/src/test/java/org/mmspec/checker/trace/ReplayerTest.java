package org.mmspec.checker.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.Explorer;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.explore.Strategy;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.toy.Toy;
import org.mmspec.checker.toy.Toys;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.Change;

class ReplayerTest {

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void replayingAFoundScheduleReproducesItsTrace(Strategy strategy) {
        Toys.Case c = Toys.lostUpdate();
        CheckResult.Violated v = assertInstanceOf(CheckResult.Violated.class, Explorer.check(
                new CheckRequest<>(c.system(), c.invariants(), SearchOptions.defaults().withStrategy(strategy))));
        Replay.Fits<Toy.State> fits = fits(Replayer.replay(c.system(), v.trace().schedule()));
        assertEquals(v.trace(), fits.trace());
        assertEquals(1, c.system().value(fits.finalState(), "x"));
    }

    @Test
    void aTraceHoldsLabelsAndChanges() {
        Toys.Case c = Toys.lostUpdate();
        Trace trace = Replayer.replay(c.system(), Schedule.of(0, 1)).trace();
        assertEquals(List.of(
                new TraceStep(1, new ActionLabel(0, "T0", "counter_inc:read", "x=0"), List.of()),
                new TraceStep(2, new ActionLabel(1, "T1", "counter_inc:read", "x=0"), List.of())), trace.steps());
        Trace write = Replayer.replay(c.system(), Schedule.of(0, 0)).trace();
        assertEquals(List.of(new Change("x", "0", "1")), write.steps().get(1).changes());
        assertEquals(1, trace.contextSwitches());
    }

    @Test
    void aFinishedThreadDoesNotFit() {
        Replay.DoesNotFit<Toy.State> misfit = misfit(Replayer.replay(Toys.lostUpdate().system(), Schedule.of(0, 0, 0, 1)));
        assertEquals(3, misfit.index());
        assertEquals(0, misfit.thread());
        assertEquals("T0 cannot move: it has finished", misfit.reason());
        assertEquals(Schedule.of(0, 0), misfit.trace().schedule());
    }

    @Test
    void aBlockedThreadDoesNotFitAndSaysWhy() {
        Replay.DoesNotFit<Toy.State> misfit = misfit(Replayer.replay(Toys.abba().system(), Schedule.of(0, 1, 0)));
        assertEquals(3, misfit.index());
        assertEquals("T0 cannot move: waits for lockB (held by T1)", misfit.reason());
        assertEquals("step #3: T0 cannot move: waits for lockB (held by T1)", misfit.describe());
    }

    @Test
    void aThreadThatDoesNotExistDoesNotFit() {
        Replay.DoesNotFit<Toy.State> misfit = misfit(Replayer.replay(Toys.abba().system(), Schedule.of(2)));
        assertEquals(1, misfit.index());
        assertEquals("no thread 2 (the system has 2)", misfit.reason());
        assertEquals(Trace.empty(), misfit.trace());
    }

    static <S> Replay.Fits<S> fits(Replay<S> replay) {
        if (replay instanceof Replay.Fits<S> fits) {
            return fits;
        }
        return fail("expected the schedule to fit: " + replay);
    }

    private static <S> Replay.DoesNotFit<S> misfit(Replay<S> replay) {
        if (replay instanceof Replay.DoesNotFit<S> misfit) {
            return misfit;
        }
        return fail("expected the schedule not to fit: " + replay);
    }
}
