package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmspec.checker.explore.Budget;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.Explorer;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;
import org.mmspec.spec.load.SpecScenario;

/**
 * {@code --max-seconds} ends searches that would run for hours — wide ones (millions of short steps) and
 * ones whose every step is long (the deadline reaches inside a step) — as incomplete, exit 3. Asserted with
 * a generous bound (a hang guard), never a tight figure: without the deadline inside steps the long-step
 * search below would first look at the clock after 1,024 states, minutes later. The thread counts are
 * seeded ({@code -Dmmspec.seed=N}).
 */
class BudgetRobustnessTest {

    private static final long SEED = Long.getLong("mmspec.seed", System.nanoTime());
    private static final long GENEROUS_SECONDS = 60;

    @TempDir
    Path dir;

    /** {@code threads} threads, each counting its own cell modulo 4,096 for ever: 4096^threads states. */
    private static String wide(int threads) {
        StringBuilder b = new StringBuilder("int<0..4095> x[" + threads + "];\nvoid t(int<0..7> k) {\n"
                + "a:  while (true) {\nb:      x[k] = (x[k] + 1) % 4096;\n    }\n}\nscenario s {");
        for (int i = 0; i < threads; i++) {
            b.append(" thread T").append(i).append(" = t(").append(i).append(");");
        }
        return b.append(" }\n").toString();
    }

    /** Every step counts through about a million pairs: a fraction of a second each, for ever more states. */
    private static final String LONG_STEPS = """
            int x;
            void t() {
            a:  while (true) {
            b:      x = count v in 0..4095: exists w in 0..300: v + w == x;
                }
            }
            scenario s { thread A = t(); thread B = t(); }
            """;

    private void endsAsIncompleteWithinTheBound(String name, String text) throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve(name), text);
        long start = System.nanoTime();
        CliRun run = InputRobustnessTest.cli("check", file.toString(), "--max-seconds", "1");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(ExitCodes.INCOMPLETE, run.code(), "seed=" + SEED + " " + name + ":\n" + run);
        assertTrue(run.out().contains("INCOMPLETE: the time budget ran out"), run::toString);
        assertTrue(seconds < GENEROUS_SECONDS, "seed=" + SEED + " " + name + ": " + seconds + " s for --max-seconds 1");
    }

    @Test
    void aSearchThatWouldRunForHoursEnds() throws IOException, InterruptedException {
        endsAsIncompleteWithinTheBound("wide.mmspec", wide(3 + new Random(SEED).nextInt(4)));
    }

    @Test
    void aSearchOfLongStepsEnds() throws IOException, InterruptedException {
        endsAsIncompleteWithinTheBound("long-steps.mmspec", LONG_STEPS);
    }

    @Test
    void theDeadlineStopsTheSearchInsideItsFirstStep() {
        SpecScenario s = assertInstanceOf(LoadResult.Loaded.class, SpecLoader.loadString("long.mmspec", LONG_STEPS))
                .program().scenarios().get(0);
        SearchOptions options = SearchOptions.defaults().withBudget(Budget.defaults().withMaxTime(Duration.ofMillis(1)));
        CheckResult r = Explorer.check(new CheckRequest<>(s.system(), s.invariants(), options));
        CheckResult.Incomplete i = assertInstanceOf(CheckResult.Incomplete.class, r);
        assertEquals(IncompleteReason.TIME_BUDGET, i.reason());
        // the meter looks at the clock every 1,024 generated states (SearchMeter.CHECK_INTERVAL)
        assertTrue(i.statistics().statesGenerated() < 1024, "stopped before the meter's first look at the clock: " + i);
    }
}
