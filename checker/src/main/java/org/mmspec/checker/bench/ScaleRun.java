package org.mmspec.checker.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.Explorer;
import org.mmspec.checker.explore.ProcessMemory;
import org.mmspec.checker.observe.ProgressSnapshot;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Statistics;

/**
 * One measured search for the scale benchmark: the explorer's statistics plus what the process measured
 * ({@code VmHWM}, the peak resident memory, from {@code /proc/self/status}) and the distinct-state rate in
 * windows of the search ({@code [N/2, N]} for N = 10^5, 10^6, 10^7, 10^8), from progress samples taken
 * about every 10 ms.
 *
 * @param result the verdict and statistics
 * @param peakResidentBytes {@code VmHWM} after the search (the whole process, since it started), or -1
 * @param windowRates distinct states per second in the window ending at 10^(5+i) states, or 0 when the
 *     search did not get there
 * @param windowGenerated generated states per second in the same windows (the work done: late in a search
 *     more successors are duplicates, so fewer of them are new)
 * @param lastHalf distinct and generated states per second in the search's last half ({@code [N/2, N]}
 *     for N its distinct states), or zeros when it was too short to sample
 * @param peakHugePageBytes the most resident memory seen in transparent huge pages ({@code AnonHugePages},
 *     sampled about once a second and at the end), or -1 where not measurable: whether the big tables got
 *     them (the launcher asks for them where the kernel offers them)
 */
public record ScaleRun(CheckResult result, long peakResidentBytes, double[] windowRates, double[] windowGenerated,
        double[] lastHalf, long peakHugePageBytes) {

    /** Seconds between two samples of the huge pages (each walks the process's mappings). */
    private static final double HUGE_PAGE_SAMPLE_SECONDS = 1.0;

    /** The decades whose window rates are measured. */
    public static final long[] DECADES = {100_000L, 1_000_000L, 10_000_000L, 100_000_000L};

    /** Searches {@code request} and measures it. */
    public static <S> ScaleRun measure(CheckRequest<S> request) {
        List<double[]> samples = new ArrayList<>();
        samples.add(new double[] {0, 0, 0});
        long[] huge = {ProcessMemory.hugePageBytes()};
        double[] hugeSampled = {0};
        SearchListener sampler = new SearchListener() {
            @Override
            public void onProgress(ProgressSnapshot s) {
                samples.add(new double[] {s.seconds(), s.distinctStates(), s.statesGenerated()});
                if (s.seconds() - hugeSampled[0] >= HUGE_PAGE_SAMPLE_SECONDS) {
                    hugeSampled[0] = s.seconds();
                    huge[0] = Math.max(huge[0], ProcessMemory.hugePageBytes());
                }
            }
        };
        CheckResult result = Explorer.check(request, sampler, Duration.ofMillis(10));
        Statistics st = result.statistics();
        samples.add(new double[] {st.seconds(), st.distinctStates(), st.statesGenerated()});
        double[] rates = new double[DECADES.length];
        double[] generated = new double[DECADES.length];
        for (int i = 0; i < DECADES.length; i++) {
            rates[i] = windowRate(samples, DECADES[i] / 2, DECADES[i], 1);
            generated[i] = windowRate(samples, DECADES[i] / 2, DECADES[i], 2);
        }
        long n = st.distinctStates();
        double[] lastHalf = {windowRate(samples, n / 2, n, 1), windowRate(samples, n / 2, n, 2)};
        huge[0] = Math.max(huge[0], ProcessMemory.hugePageBytes());
        return new ScaleRun(result, ProcessMemory.peakResidentBytes(), rates, generated, lastHalf, huge[0]);
    }

    /**
     * Column {@code column} of the samples (1: distinct, 2: generated) per second, between the samples
     * around {@code from} and {@code to} distinct states.
     */
    static double windowRate(List<double[]> samples, long from, long to, int column) {
        double[] a = null;
        double[] b = null;
        for (double[] s : samples) {
            if (s[1] <= from) {
                a = s;
            }
            if (b == null && s[1] >= to) {
                b = s;
            }
        }
        if (a == null || b == null || b[0] <= a[0]) {
            return 0;
        }
        return (b[column] - a[column]) / (b[0] - a[0]);
    }

    /** Peak resident bytes per distinct state, or -1 when not measured. */
    public double peakBytesPerState() {
        long n = result.statistics().distinctStates();
        return peakResidentBytes < 0 || n == 0 ? -1 : (double) peakResidentBytes / n;
    }
}
