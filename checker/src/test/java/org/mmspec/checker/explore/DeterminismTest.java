package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Statistics;
import org.mmspec.checker.toy.Toys;
import org.mmspec.checker.trace.JsonTraceWriter;

class DeterminismTest {

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void theSameRequestGivesTheSameResult(Strategy strategy) {
        for (Toys.Case c : List.of(Toys.lostUpdate(), Toys.abba(), Toys.peterson(false), Toys.preemptionChoice())) {
            SearchOptions options = Checks.with(strategy).withSeed(3);
            assertEquals(withoutTime(Checks.check(c, options)), withoutTime(Checks.check(c, options)));
        }
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void theSameRequestGivesTheSameTraceFileByteForByte(Strategy strategy) {
        SearchOptions options = Checks.with(strategy).withSeed(3);
        assertEquals(json(Checks.check(Toys.lostUpdate(), options)), json(Checks.check(Toys.lostUpdate(), options)));
    }

    private static String json(CheckResult result) {
        CheckResult.Violated v = (CheckResult.Violated) result;
        return JsonTraceWriter.write(java.util.Map.of("scenario", "lost_update"), v.trace(), v.violation());
    }

    private static CheckResult withoutTime(CheckResult result) {
        Statistics s = result.statistics();
        Statistics timeless = new Statistics(s.statesGenerated(), s.distinctStates(), s.maxDepth(), s.transitions(),
                0, s.storeBytes(), s.preemptionBound());
        return switch (result) {
            case CheckResult.Passed p -> new CheckResult.Passed(p.coverage(), timeless);
            case CheckResult.Violated v -> new CheckResult.Violated(v.violation(), v.trace(), timeless);
            case CheckResult.Incomplete i -> new CheckResult.Incomplete(i.reason(), timeless);
        };
    }
}
