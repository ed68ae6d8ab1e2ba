package org.mmspec.checker.fidelity;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmspec.checker.fidelity.compare.Comparison;
import org.mmspec.checker.fidelity.compare.Verdict;
import org.mmspec.checker.fidelity.golden.Golden;
import org.mmspec.checker.fidelity.golden.GoldenFormat;
import org.mmspec.checker.fidelity.golden.GoldenParse;
import org.mmspec.checker.fidelity.golden.GoldenSet;
import org.mmspec.checker.fidelity.golden.GoldenSets;
import org.mmspec.checker.fidelity.kernel.Availability;
import org.mmspec.checker.fidelity.kernel.KernelRun;
import org.mmspec.checker.fidelity.observe.CellTable;
import org.mmspec.checker.fidelity.observe.HostFacts;
import org.mmspec.checker.fidelity.scenario.ParseResult;
import org.mmspec.checker.fidelity.scenario.Scenario;
import org.mmspec.checker.fidelity.scenario.ScenarioCatalog;

/**
 * Every bundled scenario on the live kernel, as it is and without the zero page ({@link KernelMode}): it
 * runs, two runs observe exactly the same thing (after frame labelling), and the kernel still observes
 * what the golden set recorded on hosts with the same deciding facts. On a host whose deciding facts match
 * no recorded set the stability checks still run and the golden checks are counted as skipped; the class
 * ends with one line naming the set that applied in each mode and what was skipped and why.
 * {@code -Dmmspec.fidelity.regenerate=true} records the goldens instead (into the matching set, or a new
 * one named after the deciding facts).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelScenariosTest {

    static final Path GOLDEN_DIR = Path.of("src", "test", "resources", "fidelity", "golden");
    private static final boolean REGENERATE = Boolean.getBoolean("mmspec.fidelity.regenerate");

    private LiveKernel kernel;
    private List<GoldenSet> sets;
    private final FidelityLayer stability = new FidelityLayer("fidelity stability (kernel run vs kernel run)");
    private final Map<KernelMode, GoldenTally> goldens = new EnumMap<>(KernelMode.class);

    @BeforeAll
    void checkHost() throws IOException {
        kernel = new LiveKernel();
        sets = GoldenSets.list(GOLDEN_DIR);
        for (KernelMode m : KernelMode.values()) {
            goldens.put(m, new GoldenTally());
        }
    }

    static Stream<Arguments> runs() {
        return ScenarioCatalog.names().stream()
                .flatMap(n -> Stream.of(KernelMode.values()).map(m -> Arguments.of(n, m)));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("runs")
    void kernelObservationsAreStableAndMatchTheGolden(String name, KernelMode mode) throws IOException {
        Scenario scenario = assertInstanceOf(ParseResult.Parsed.class, ScenarioCatalog.load(name)).scenario();
        GoldenTally tally = goldens.get(mode);
        Availability.Ready ready = kernel.require();
        if (!scenario.requiredFeatures().stream().allMatch(f -> FidelityCheck.has(ready.facts(), f))) {
            stability.skipped("the host lacks " + scenario.requiredFeatures());
            tally.skipped("the host lacks " + scenario.requiredFeatures());
            LiveKernel.assumeFeatures(scenario, ready.facts());
        }
        KernelRun.Completed first = completed(mode.runner(ready).run(scenario));
        KernelRun.Completed second = completed(mode.runner(ready).run(scenario));
        CellTable table = CellTable.of(scenario, first.observations());
        CellTable again = CellTable.of(scenario, second.observations());
        stability.ran();
        if (Comparison.kernelVersusKernel("run 1", "run 2").compare(scenario, table, again, first.facts())
                instanceof Verdict.Disagreement d) {
            fail("scenario " + name + " [" + mode + "] is not stable on this kernel:\n" + d.table());
        }
        if (REGENERATE) {
            record(scenario, mode, first.facts(), table);
            return;
        }
        checkGolden(scenario, mode, first.facts(), table, tally);
    }

    private void checkGolden(Scenario scenario, KernelMode mode, HostFacts facts, CellTable table, GoldenTally tally)
            throws IOException {
        Optional<GoldenSet> set = GoldenSets.matching(sets, facts);
        tally.facts = facts.deciding();
        if (set.isEmpty()) {
            tally.skipped("no recorded golden set has these deciding facts");
            return;
        }
        tally.set = set.get();
        Path file = set.get().file(scenario.name());
        if (!Files.exists(file)) {
            fail("golden set " + set.get().name() + " has no " + file.getFileName()
                    + "; record it with -Dmmspec.fidelity.regenerate=true");
        }
        Golden golden = switch (GoldenFormat.parse(Files.readString(file, StandardCharsets.UTF_8))) {
            case GoldenParse.Read r -> r.golden();
            case GoldenParse.Malformed m -> fail(file + ":" + m.problem());
        };
        tally.ran++;
        if (Comparison.kernelVersusKernel("golden", "kernel now").compare(scenario, golden.table(), table, facts)
                instanceof Verdict.Disagreement d) {
            fail("scenario " + scenario.name() + " [" + mode + "]: the kernel no longer observes what " + file
                    + " recorded:\n" + d.table());
        }
    }

    private void record(Scenario scenario, KernelMode mode, HostFacts facts, CellTable table) throws IOException {
        Path dir = GoldenSets.matching(sets, facts).map(GoldenSet::dir)
                .orElse(GOLDEN_DIR.resolve(GoldenSets.nameFor(facts.deciding())));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(scenario.name() + ".kernel"),
                GoldenFormat.render(scenario, facts, table, mode.recordedHow()), StandardCharsets.UTF_8);
    }

    @AfterAll
    void summarise() {
        stability.finish(System.getenv());
        System.out.println(goldenLine());
    }

    /** The one line saying which golden set applied in each mode, and what was skipped and why. */
    private String goldenLine() {
        if (REGENERATE) {
            return "mmspec fidelity goldens: recorded (-Dmmspec.fidelity.regenerate=true), not checked";
        }
        Optional<String> unavailable = kernel.unavailableReason();
        if (unavailable.isPresent()) {
            return "mmspec fidelity goldens: none checked: " + unavailable.get();
        }
        List<String> parts = new ArrayList<>();
        goldens.forEach((mode, t) -> parts.add(mode + ": " + t.describe(sets)));
        return "mmspec fidelity goldens: " + String.join("; ", parts);
    }

    private static KernelRun.Completed completed(KernelRun run) {
        return switch (run) {
            case KernelRun.Completed c -> c;
            case KernelRun.Failed f -> fail("the probe failed: " + f.reason());
        };
    }

    /** What happened to the golden checks of one mode. */
    private static final class GoldenTally {
        GoldenSet set;
        SortedMap<String, String> facts;
        int ran;
        private final SortedMap<String, Integer> skipped = new java.util.TreeMap<>();

        void skipped(String reason) {
            skipped.merge(reason, 1, Integer::sum);
        }

        String describe(List<GoldenSet> sets) {
            int n = skipped.values().stream().mapToInt(Integer::intValue).sum();
            if (set != null) {
                return "golden set " + set.name() + " applies, " + ran + " checked, " + n + " skipped"
                        + (n == 0 ? "" : " " + skipped);
            }
            return "no recorded golden set has this host's deciding facts " + (facts == null ? "(unknown)" : facts)
                    + ", so " + n + " golden checks were skipped (the stability and model checks ran); recorded: "
                    + sets.stream().map(GoldenSet::describe).toList()
                    + "; record this host's with -Dmmspec.fidelity.regenerate=true";
        }
    }
}
