package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.observe.ProgressSnapshot;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.toy.CounterGrid;
import org.mmspec.checker.toy.Toys;

class ListenerTest {

    /** Records the calls it gets. */
    private static final class Recorder implements SearchListener {
        final List<String> calls = new ArrayList<>();
        final List<ProgressSnapshot> progress = new ArrayList<>();
        CheckResult finished;

        @Override
        public void onStart() {
            calls.add("start");
        }

        @Override
        public void onProgress(ProgressSnapshot snapshot) {
            progress.add(snapshot);
        }

        @Override
        public void onBoundStart(int preemptionBound) {
            calls.add("bound " + preemptionBound);
        }

        @Override
        public void onFinish(CheckResult result) {
            calls.add("finish");
            finished = result;
        }
    }

    @Test
    void startThenFinishWithTheReturnedResult() {
        Recorder recorder = new Recorder();
        Toys.Case c = Toys.lostUpdate();
        CheckResult result = Explorer.check(new CheckRequest<>(c.system(), c.invariants(), SearchOptions.defaults()), recorder);
        assertEquals(List.of("start", "finish"), recorder.calls);
        assertSame(result, recorder.finished);
    }

    @Test
    void boundsAreAnnouncedInOrder() {
        Recorder recorder = new Recorder();
        Toys.Case c = Toys.lostUpdate();
        Explorer.check(new CheckRequest<>(c.system(), c.invariants(),
                SearchOptions.defaults().withStrategy(Strategy.PREEMPT)), recorder);
        assertEquals(List.of("start", "bound 0", "bound 1", "finish"), recorder.calls);
    }

    @Test
    void progressIsReportedAsTheSearchGrows() {
        Recorder recorder = new Recorder();
        CounterGrid grid = new CounterGrid(3, 30);
        Explorer.check(new CheckRequest<>(grid, List.of(), SearchOptions.defaults()), recorder, () -> 0, 0);
        // With no minimum interval, every clock check (each 1,024 generated states) reports.
        assertTrue(recorder.progress.size() >= 3 * grid.stateCount() / SearchMeter.CHECK_INTERVAL - 3, "" + recorder.progress.size());
        for (int i = 1; i < recorder.progress.size(); i++) {
            assertTrue(recorder.progress.get(i).distinctStates() >= recorder.progress.get(i - 1).distinctStates());
            assertTrue(recorder.progress.get(i).statesGenerated() > recorder.progress.get(i - 1).statesGenerated());
        }
        assertEquals(-1, recorder.progress.get(0).preemptionBound());
    }
}
