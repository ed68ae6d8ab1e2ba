package org.mmspec.checker.explore;

import java.util.List;
import java.util.Locale;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Statistics;
import org.mmspec.checker.toy.CounterGrid;
import org.mmspec.checker.toy.Toy;
import org.mmspec.checker.toy.ToyBuilder;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Not a test: a manual throughput figure (distinct states per second and store bytes per state) on toy
 * systems of about a million states. Run after {@code mvn test-compile}:
 *
 * <pre>
 * java -Xmx2g -cp checker/target/test-classes:checker/target/classes:spec/target/classes:LZ4_JAR \
 *     org.mmspec.checker.explore.ThroughputProbe [rounds]
 * </pre>
 *
 * where {@code LZ4_JAR} is {@code at/yawk/lz4/lz4-java/1.14.1/lz4-java-1.14.1.jar} of the local Maven
 * repository (the toy counters have vectors, so their frontier is compressed).
 */
public final class ThroughputProbe {

    private ThroughputProbe() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        CounterGrid grid = new CounterGrid(4, 31); // 32^4 = 1,048,576 states
        Toy toy = fourCounters(31);                // 32^4 states, through the generic toy interpreter
        for (int round = 0; round < rounds; round++) {
            for (Strategy strategy : List.of(Strategy.BFS, Strategy.DFS)) {
                report("CounterGrid(4,31) " + strategy, grid, strategy);
                report("Toy 4x31 counters " + strategy, toy, strategy);
            }
        }
    }

    private static Toy fourCounters(int steps) {
        ToyBuilder b = Toy.builder().variable("sum", 0);
        for (int t = 0; t < 4; t++) {
            String mine = "c" + t;
            b.variable(mine, 0);
            b.thread("T" + t, p -> {
                for (int i = 0; i < steps; i++) {
                    p.step("count", v -> v.set(mine, v.get(mine) + 1));
                }
            });
        }
        return b.build();
    }

    private static <S> void report(String name, TransitionSystem<S> system, Strategy strategy) {
        SearchOptions options = SearchOptions.defaults().withStrategy(strategy).withBudget(Budget.unlimited());
        CheckResult result = Explorer.check(new CheckRequest<>(system, List.of(), options));
        Statistics s = result.statistics();
        System.out.println(String.format(Locale.ROOT,
                "%-26s %-10s distinct=%,d generated=%,d %.2f s  %,.0f distinct/s  %.2f bytes/state",
                name, result.getClass().getSimpleName(), s.distinctStates(), s.statesGenerated(), s.seconds(),
                s.distinctStatesPerSecond(), s.bytesPerState()));
    }
}
