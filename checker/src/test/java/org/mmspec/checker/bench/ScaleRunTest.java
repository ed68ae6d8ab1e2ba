package org.mmspec.checker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.result.CheckResult;

/** The scale benchmark's rates: per window of distinct states, and over the search's last half. */
class ScaleRunTest {

    /** Samples of (seconds, distinct, generated): 100 new states a second, then 50. */
    private static final List<double[]> SAMPLES = List.of(new double[] {0, 0, 0}, new double[] {1, 100, 300},
            new double[] {2, 200, 700}, new double[] {4, 300, 1500}, new double[] {6, 400, 2500});

    @Test
    void aWindowsRateIsMeasuredBetweenTheSamplesAroundItsEnds() {
        assertEquals(100, ScaleRun.windowRate(SAMPLES, 100, 200, 1), 1e-9);
        assertEquals(400, ScaleRun.windowRate(SAMPLES, 100, 200, 2), 1e-9);
        assertEquals(50, ScaleRun.windowRate(SAMPLES, 200, 400, 1), 1e-9, "the slower second half");
        assertEquals(450, ScaleRun.windowRate(SAMPLES, 200, 400, 2), 1e-9);
        assertEquals(0, ScaleRun.windowRate(SAMPLES, 250, 500, 1), "a window the search never reached has no rate");
    }

    @Test
    void aSearchReportsTheDecadesItReachedAndItsLastHalf() {
        CheckRequest<?> request = new CheckRequest<>(SyntheticCounters.atLeast(300_000), List.of(),
                SearchOptions.defaults().withWorkers(1));
        ScaleRun run = ScaleRun.measure(request);
        assertTrue(run.result() instanceof CheckResult.Passed, run.result().toString());
        long n = run.result().statistics().distinctStates();
        assertTrue(n >= 300_000 && n < 1_000_000, "states: " + n);
        assertTrue(run.windowRates()[0] > 0, "10^5 was reached");
        assertEquals(0, run.windowRates()[1], "10^6 was not");
        assertTrue(run.lastHalf()[0] > 0 && run.lastHalf()[1] >= run.lastHalf()[0],
                "the last half's distinct and generated rates: " + run.lastHalf()[0] + ", " + run.lastHalf()[1]);
    }
}
