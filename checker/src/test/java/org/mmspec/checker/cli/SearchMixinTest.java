package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.explore.Partition;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.explore.Strategy;
import picocli.CommandLine;

class SearchMixinTest {

    private static SearchMixin parse(String... args) {
        ExploreCommand command = new ExploreCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command.search;
    }

    @Test
    void noOptionsAreTheDefaultsWithTheCoresAsWorkersRampingUpAndReductionOn() {
        assertEquals(SearchOptions.defaults().withWorkers(SearchMixin.defaultWorkers()).withReduction(true)
                .withRampUp(true), parse().options());
        assertEquals(false, parse("--no-reduction").options().reduction());
    }

    @Test
    void workersGivenRunFromTheFirstLevel() {
        SearchOptions o = parse("--workers", "2").options();
        assertEquals(2, o.workers());
        assertEquals(false, o.rampUp());
        assertEquals(false, parse("--workers", "" + SearchMixin.defaultWorkers()).options().rampUp());
    }

    @Test
    void onlyTheOptionsGivenReplaceTheBase() {
        SearchOptions base = SearchOptions.defaults().withStrategy(Strategy.PREEMPT).withMaxPreemptions(0).withMaxDepth(40);
        SearchOptions o = parse("--max-preemptions", "3", "--max-seconds", "2.5").options(base);
        assertEquals(Strategy.PREEMPT, o.strategy());
        assertEquals(3, o.maxPreemptions());
        assertEquals(40, o.maxDepth());
        assertEquals(Duration.ofMillis(2500), o.budget().maxTime());
        assertEquals(base.budget().maxStates(), o.budget().maxStates());
        assertEquals(Strategy.DFS, parse("--strategy", "dfs").options(base).strategy());
        assertEquals(512L << 20, parse("--max-memory", "512m").options(base).budget().maxMemoryBytes());
    }

    @Test
    void thePartitionIsSharedUnlessOwnerIsAsked() {
        assertEquals(Partition.SHARED, parse().options().partition());
        assertEquals(Partition.OWNER, parse("--partition", "owner").options().partition());
        assertEquals(Partition.SHARED, parse("--partition", "SHARED").options(
                SearchOptions.defaults().withPartition(Partition.OWNER)).partition());
        assertEquals(Partition.OWNER, parse().options(SearchOptions.defaults().withPartition(Partition.OWNER))
                .partition());
        assertThrows(CommandLine.ParameterException.class, () -> parse("--partition", "machines"));
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThrows(UsageError.class, () -> parse("--depth", "0").options());
        assertThrows(UsageError.class, () -> parse("--max-preemptions", "-1").options());
        assertThrows(UsageError.class, () -> parse("--max-memory", "lots").options());
    }
}
