package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.ModelError;
import org.mmspec.checker.toy.Toy;
import org.mmspec.checker.toy.Toys;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.BlockReason;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;

/** A system whose steps change between search and replay is caught when its trace is rebuilt. */
class NondeterminismTest {

    /**
     * Delegates to a toy, but behaves differently after the first run (counted in calls to
     * {@code initialState()}): thread 1 cannot move when {@code stallLater}, fingerprints change when
     * {@code saltLater}.
     */
    private static final class Flaky implements TransitionSystem<Toy.State> {
        private final Toy toy;
        private final boolean stallLater;
        private final boolean saltLater;
        private int epoch;

        Flaky(Toy toy, boolean stallLater, boolean saltLater) {
            this.toy = toy;
            this.stallLater = stallLater;
            this.saltLater = saltLater;
        }

        @Override public Toy.State initialState() { epoch++; return toy.initialState(); }
        @Override public int threadCount() { return toy.threadCount(); }
        @Override public String threadName(int t) { return toy.threadName(t); }
        @Override public Toy.State step(Toy.State s, int t) { return stallLater && epoch > 1 && t == 1 ? null : toy.step(s, t); }
        @Override public ThreadPhase phase(Toy.State s, int t) { return toy.phase(s, t); }
        @Override public BlockReason blockReason(Toy.State s, int t) { return toy.blockReason(s, t); }
        @Override public long fingerprint(Toy.State s) { return toy.fingerprint(s) + (saltLater ? epoch : 0); }
        @Override public Fault fault(Toy.State s) { return toy.fault(s); }
        @Override public ActionLabel label(Toy.State b, int t, Toy.State a) { return toy.label(b, t, a); }
        @Override public List<Change> diff(Toy.State b, Toy.State a) { return toy.diff(b, a); }
    }

    @Test
    void aScheduleThatDoesNotReplayIsAModelError() {
        Toys.Case lost = Toys.lostUpdate();
        Flaky flaky = new Flaky(lost.system(), true, false);
        CheckResult result = Explorer.check(new CheckRequest<>(flaky, lost.invariants(), SearchOptions.defaults()));
        CheckResult.Violated v = assertInstanceOf(CheckResult.Violated.class, result);
        ModelError e = assertInstanceOf(ModelError.class, v.violation());
        assertTrue(e.message().contains("not deterministic"), e.message());
        assertTrue(e.message().contains("T1 cannot move"), e.message());
    }

    @Test
    void aReplayThatEndsInAnotherStateIsAModelError() {
        Toys.Case lost = Toys.lostUpdate();
        Flaky flaky = new Flaky(lost.system(), false, true);
        CheckResult result = Explorer.check(new CheckRequest<>(flaky, lost.invariants(), SearchOptions.defaults()));
        ModelError e = assertInstanceOf(ModelError.class, assertInstanceOf(CheckResult.Violated.class, result).violation());
        assertTrue(e.message().contains("another fingerprint"), e.message());
    }
}
