package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.checker.explore.Checks.passed;
import static org.mmspec.checker.explore.Checks.violated;
import static org.mmspec.checker.explore.Checks.with;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.Deadlock;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.toy.NaiveExplorer;
import org.mmspec.checker.toy.Toys;
import org.mmspec.checker.trace.Schedule;

class RandomWalkSearchTest {

    private static final SearchOptions RANDOM = with(Strategy.RANDOM).withRandomWalks(200).withSeed(42);

    @Test
    void findsTheLostUpdate() {
        CheckResult.Violated v = violated(Toys.lostUpdate(), RANDOM);
        assertEquals("no_lost_update", assertInstanceOf(InvariantViolation.class, v.violation()).invariantId());
        assertEquals(4, v.trace().length());
    }

    @Test
    void theSameSeedGivesTheSameWalks() {
        for (long seed = 0; seed < 20; seed++) {
            CheckResult.Violated first = violated(Toys.preemptionChoice(), RANDOM.withSeed(seed));
            CheckResult.Violated second = violated(Toys.preemptionChoice(), RANDOM.withSeed(seed));
            assertEquals(first.trace(), second.trace());
            assertEquals(first.statistics().statesGenerated(), second.statistics().statesGenerated());
        }
    }

    @Test
    void differentSeedsWalkDifferently() {
        Set<Schedule> schedules = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            schedules.add(violated(Toys.preemptionChoice(), RANDOM.withSeed(seed)).trace().schedule());
        }
        assertTrue(schedules.size() > 1, "20 seeds found only " + schedules);
    }

    @Test
    void findsTheDeadlock() {
        CheckResult.Violated v = violated(Toys.abba(), RANDOM);
        assertInstanceOf(Deadlock.class, v.violation());
    }

    @Test
    void passesACorrectMutexAsASample() {
        CheckResult.Passed p = passed(Toys.peterson(false), RANDOM);
        assertEquals(Coverage.RANDOM_SAMPLE, p.coverage());
        assertTrue(p.statistics().distinctStates() <= NaiveExplorer.reach(Toys.peterson(false).system()).states());
        assertTrue(p.statistics().maxDepth() <= 10);
    }

    @Test
    void walksStopAtTheDepthLimit() {
        CheckResult.Passed p = passed(Toys.independent(20), RANDOM.withRandomWalks(5).withMaxDepth(7));
        assertEquals(7, p.statistics().maxDepth());
        assertEquals(35, p.statistics().transitions());
    }

    @Test
    void splitMix64MatchesTheReferenceSequence() {
        SplitMix64 random = new SplitMix64(0);
        assertEquals(0xE220A8397B1DCDAFL, random.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, random.nextLong());
        assertEquals(0x06C45D188009454FL, random.nextLong());
    }

    @Test
    void boundedIntsStayInRangeAndHitEveryValue() {
        SplitMix64 random = new SplitMix64(7);
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) {
            counts[random.nextInt(3)]++;
        }
        for (int c : counts) {
            assertTrue(c > 800 && c < 1200, java.util.Arrays.toString(counts));
        }
    }
}
