package org.mmspec.checker.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import org.mmspec.checker.fidelity.model.ModelMachine;
import org.mmspec.checker.fidelity.model.ReferenceModel;
import org.mmspec.checker.fidelity.observe.CellTable;
import org.mmspec.checker.fidelity.observe.Field;
import org.mmspec.checker.fidelity.observe.PageField;
import org.mmspec.checker.fidelity.observe.PageFlag;
import org.mmspec.checker.fidelity.observe.Site;
import org.mmspec.checker.fidelity.scenario.ParseResult;
import org.mmspec.checker.fidelity.scenario.Scenario;
import org.mmspec.checker.fidelity.scenario.ScenarioCatalog;

/**
 * The model against every recorded golden set, without the live kernel (so it runs on every machine):
 * for each set and scenario, the reference implementation configured from the set's deciding facts must
 * agree with what the kernel recorded, through the known differences only. The set recorded without the
 * zero page shows the three ways its absence spreads — the read costs a frame, the read gives the VMA an
 * {@code anon_vma}, so {@code fork} copies the PTE — and that the model reproduces each only when its
 * {@code mmForbidsZeropage} switch is set from the facts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldenModelTest {

    private static final String ZERO_PAGE_SET = "linux-6.18-ext4-zero-page";
    private static final String NO_ZERO_PAGE_SET = "linux-6.18-ext4-no-zero-page";

    private final FidelityLayer layer = new FidelityLayer("fidelity model-vs-golden comparisons");

    static Stream<Arguments> goldens() throws IOException {
        return GoldenSets.list(KernelScenariosTest.GOLDEN_DIR).stream()
                .flatMap(set -> ScenarioCatalog.names().stream().map(n -> Arguments.of(set.name(), n)));
    }

    @BeforeAll
    void bothFactSetsAreRecorded() throws IOException {
        List<String> names = GoldenSets.list(KernelScenariosTest.GOLDEN_DIR).stream().map(GoldenSet::name).toList();
        assertTrue(names.contains(ZERO_PAGE_SET) && names.contains(NO_ZERO_PAGE_SET), names.toString());
    }

    @AfterAll
    void summarise() {
        layer.finish(System.getenv());
    }

    private static GoldenSet set(String name) throws IOException {
        return GoldenSets.list(KernelScenariosTest.GOLDEN_DIR).stream().filter(s -> s.name().equals(name))
                .findFirst().orElseThrow();
    }

    private static Scenario scenario(String name) {
        return assertInstanceOf(ParseResult.Parsed.class, ScenarioCatalog.load(name)).scenario();
    }

    private static Golden golden(GoldenSet set, String scenario) throws IOException {
        return switch (GoldenFormat.parse(Files.readString(set.file(scenario), StandardCharsets.UTF_8))) {
            case GoldenParse.Read r -> r.golden();
            case GoldenParse.Malformed m -> fail(set.file(scenario) + ":" + m.problem());
        };
    }

    private static CellTable model(GoldenSet set, String scenario, ReferenceModel model) {
        Scenario s = scenario(scenario);
        return CellTable.of(s, model.run(s, set.hostFacts()));
    }

    @ParameterizedTest(name = "{1} [{0}]")
    @MethodSource("goldens")
    void theModelConfiguredFromTheSetsFactsAgreesWithTheRecording(String setName, String name) throws IOException {
        GoldenSet set = set(setName);
        Golden g = golden(set, name);
        assertEquals(set.deciding(), g.deciding(), "every golden of a set records the set's deciding facts");
        layer.ran();
        Verdict v = Comparison.kernelVersusModel().compare(scenario(name), g.table(),
                model(set, name, new ReferenceModel()), set.hostFacts());
        if (v instanceof Verdict.Disagreement d) {
            fail(name + " [" + setName + "]: the model disagrees with the recorded kernel:\n" + d.table());
        }
    }

    private static String at(CellTable t, int step, String process, String place, Field field) {
        return t.get(new Site(step, process, place), field).orElse("(missing)");
    }

    @Test
    void withoutTheZeroPageTheReadCostsAFrame() throws IOException {
        GoldenSet without = set(NO_ZERO_PAGE_SET);
        assertFalse(without.hostFacts().zeroPageOnReadFault());
        assertTrue(ModelMachine.forHost(without.hostFacts()).config().mmForbidsZeropage());
        CellTable withZero = golden(set(ZERO_PAGE_SET), "anon-several-pages").table();
        assertEquals("ZERO", at(withZero, 5, "p0", "r1[1]", PageField.FRAME));
        assertEquals("F2", at(withZero, 5, "p0", "r1[2]", PageField.FRAME));
        CellTable model = model(without, "anon-several-pages", new ReferenceModel());
        for (CellTable t : List.of(golden(without, "anon-several-pages").table(), model)) {
            assertEquals("F2", at(t, 5, "p0", "r1[1]", PageField.FRAME), "the read's own page");
            assertEquals("yes", at(t, 5, "p0", "r1[1]", PageFlag.ANON));
            assertEquals("F3", at(t, 5, "p0", "r1[2]", PageField.FRAME), "a later label renumbered");
        }
    }

    @Test
    void withoutTheZeroPageForkCopiesThePteOfAReadOnlyTouchedVma() throws IOException {
        GoldenSet without = set(NO_ZERO_PAGE_SET);
        CellTable kernel = golden(without, "fork-read-touched-zero-page").table();
        CellTable model = model(without, "fork-read-touched-zero-page", new ReferenceModel());
        for (CellTable t : List.of(kernel, model)) {
            assertEquals("yes", at(t, 4, "p1", "r1[0]", PageField.PRESENT), "the child has the PTE");
            assertEquals(at(t, 4, "p0", "r1[0]", PageField.FRAME), at(t, 4, "p1", "r1[0]", PageField.FRAME));
            assertEquals("2", at(t, 4, "p0", "r1[0]", PageField.MAPCOUNT));
        }
        CellTable withZero = golden(set(ZERO_PAGE_SET), "fork-read-touched-zero-page").table();
        assertEquals("no", at(withZero, 4, "p1", "r1[0]", PageField.PRESENT), "no anon_vma: fork copies nothing");
        CellTable copies = golden(without, "fork-copies-zero-page-pte").table();
        assertEquals("2", at(copies, 5, "p1", "r1[1]", PageField.MAPCOUNT), "the read page is shared after fork");
    }

    @Test
    void aModelIgnoringTheFactDisagreesAndNoRuleHidesIt() throws IOException {
        GoldenSet without = set(NO_ZERO_PAGE_SET);
        ReferenceModel alwaysZeroPage = new ReferenceModel(f -> new ModelMachine(
                ModelMachine.forHost(f).config().toBuilder().mmForbidsZeropage(false).build()));
        for (String name : List.of("anon-several-pages", "fork-read-touched-zero-page", "fork-copies-zero-page-pte")) {
            Verdict.Disagreement d = assertInstanceOf(Verdict.Disagreement.class, Comparison.kernelVersusModel()
                    .compare(scenario(name), golden(without, name).table(), model(without, name, alwaysZeroPage),
                            without.hostFacts()), name);
            assertTrue(d.unexplained().stream().anyMatch(x -> x.field() == PageField.FRAME), name + ":\n" + d.table());
        }
    }
}
