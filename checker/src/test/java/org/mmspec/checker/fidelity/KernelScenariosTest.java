package org.mmspec.checker.fidelity;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmspec.checker.fidelity.compare.Comparison;
import org.mmspec.checker.fidelity.compare.Verdict;
import org.mmspec.checker.fidelity.golden.Golden;
import org.mmspec.checker.fidelity.golden.GoldenFormat;
import org.mmspec.checker.fidelity.golden.GoldenParse;
import org.mmspec.checker.fidelity.kernel.Availability;
import org.mmspec.checker.fidelity.kernel.KernelRun;
import org.mmspec.checker.fidelity.observe.CellTable;
import org.mmspec.checker.fidelity.scenario.ParseResult;
import org.mmspec.checker.fidelity.scenario.Scenario;
import org.mmspec.checker.fidelity.scenario.ScenarioCatalog;

/**
 * Every bundled scenario on the live kernel: it runs, two runs observe exactly the same thing (after
 * frame labelling), and the kernel still observes what the committed golden file recorded.
 * {@code -Dmmspec.fidelity.regenerate=true} rewrites the goldens instead of checking them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelScenariosTest {

    static final Path GOLDEN_DIR = Path.of("src", "test", "resources", "fidelity", "golden");
    private static final boolean REGENERATE = Boolean.getBoolean("mmspec.fidelity.regenerate");

    private LiveKernel kernel;

    @BeforeAll
    void checkHost() {
        kernel = new LiveKernel();
    }

    static List<String> scenarios() {
        return ScenarioCatalog.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void kernelObservationsAreStableAndMatchTheGolden(String name) throws IOException {
        Scenario scenario = assertInstanceOf(ParseResult.Parsed.class, ScenarioCatalog.load(name)).scenario();
        Availability.Ready ready = kernel.require();
        LiveKernel.assumeFeatures(scenario, ready.facts());

        KernelRun.Completed first = completed(ready.runner().run(scenario));
        KernelRun.Completed second = completed(ready.runner().run(scenario));
        CellTable table = CellTable.of(scenario, first.observations());
        CellTable again = CellTable.of(scenario, second.observations());
        if (Comparison.kernelVersusKernel("run 1", "run 2").compare(scenario, table, again, first.facts())
                instanceof Verdict.Disagreement d) {
            fail("scenario " + name + " is not stable on this kernel:\n" + d.table());
        }

        Path goldenFile = GOLDEN_DIR.resolve(name + ".kernel");
        if (REGENERATE) {
            Files.createDirectories(GOLDEN_DIR);
            Files.writeString(goldenFile, GoldenFormat.render(scenario, first.facts(), table));
            return;
        }
        if (!Files.exists(goldenFile)) {
            fail("no golden " + goldenFile + "; record it with -Dmmspec.fidelity.regenerate=true");
        }
        Golden golden = switch (GoldenFormat.parse(Files.readString(goldenFile))) {
            case GoldenParse.Read r -> r.golden();
            case GoldenParse.Malformed m -> fail(goldenFile + ":" + m.problem());
        };
        assumeTrue(golden.deciding().equals(first.facts().deciding()), "golden " + goldenFile
                + " was recorded on a host with other deciding facts: " + golden.deciding() + " here: "
                + first.facts().deciding());
        if (Comparison.kernelVersusKernel("golden", "kernel now").compare(scenario, golden.table(), table,
                first.facts()) instanceof Verdict.Disagreement d) {
            fail("scenario " + name + ": the kernel no longer observes what " + goldenFile + " recorded:\n"
                    + d.table());
        }
    }

    private static KernelRun.Completed completed(KernelRun run) {
        return switch (run) {
            case KernelRun.Completed c -> c;
            case KernelRun.Failed f -> fail("the probe failed: " + f.reason());
        };
    }
}
