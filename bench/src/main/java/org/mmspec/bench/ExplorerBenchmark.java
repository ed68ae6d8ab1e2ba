package org.mmspec.bench;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.Explorer;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.scenario.InvariantSource;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.system.KernelSystem;
import org.mmspec.spec.semantics.Invariant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the explorer on the standard scenarios, a cross-check of {@code mmspec bench}:
 * one full BFS check (all invariants) per operation, one step of the reference implementation, and
 * the whole invariant catalog on one state.
 * Run with {@code java -jar bench/target/benchmarks.jar ExplorerBenchmark} (after {@code mvn -B package}).
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExplorerBenchmark {

    @Param({"anon-fault-vs-reclaim", "lock-page-killable"})
    public String scenario;

    private KernelSystem system;
    private List<Invariant<KernelState>> invariants;
    private KernelState initial;
    private KernelState afterFirstStep;

    @Setup
    public void setUp() {
        Scenario s = ScenarioCatalog.standard().byName(scenario).orElseThrow();
        system = s.instantiate(Set.of());
        invariants = InvariantSource.resolve(system.config(), List.of());
        initial = system.initialState();
        afterFirstStep = system.step(initial, 0);
    }

    /** A whole exhaustive check; divide the scenario's distinct states by the time per operation. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public CheckResult exhaustiveCheck() {
        return Explorer.check(new CheckRequest<>(system, invariants, SearchOptions.defaults()));
    }

    /** One atomic step of thread 0 from the initial state (copy, step, fingerprint). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public KernelState oneStep() {
        return system.step(initial, 0);
    }

    /** All 17 invariants of the catalog on the state after the first step. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int allInvariants() {
        int violated = 0;
        for (Invariant<KernelState> inv : invariants) {
            if (inv.check(afterFirstStep) != null) {
                violated++;
            }
        }
        return violated;
    }
}
