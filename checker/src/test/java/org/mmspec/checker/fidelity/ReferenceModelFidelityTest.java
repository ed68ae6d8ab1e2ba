package org.mmspec.checker.fidelity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmspec.checker.fidelity.compare.Comparison;
import org.mmspec.checker.fidelity.compare.Difference;
import org.mmspec.checker.fidelity.compare.Verdict;
import org.mmspec.checker.fidelity.kernel.Availability;
import org.mmspec.checker.fidelity.model.ModelMachine;
import org.mmspec.checker.fidelity.model.ReferenceModel;
import org.mmspec.checker.fidelity.observe.PageField;
import org.mmspec.checker.fidelity.observe.Site;
import org.mmspec.checker.fidelity.scenario.ParseResult;
import org.mmspec.checker.fidelity.scenario.Scenario;
import org.mmspec.checker.fidelity.scenario.ScenarioCatalog;

/**
 * The fidelity check proper: every bundled scenario on the live kernel — as it is, and without the zero
 * page ({@link KernelMode}) — and on the reference implementation ({@link ReferenceModel}) configured from
 * that kernel run's host facts, compared with the documented known differences
 * ({@link Comparison#kernelVersusModel()}). A difference no rule explains fails the scenario with the
 * side-by-side table. Skipped with the reason where the probe cannot run, failed under {@code CI=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceModelFidelityTest {

    private LiveKernel kernel;
    private final FidelityLayer layer = new FidelityLayer("fidelity model-vs-kernel comparisons");

    @BeforeAll
    void checkHost() {
        kernel = new LiveKernel();
    }

    @AfterAll
    void summarise() {
        layer.finish(System.getenv());
    }

    static Stream<Arguments> runs() {
        return ScenarioCatalog.names().stream()
                .flatMap(n -> Stream.of(KernelMode.values()).map(m -> Arguments.of(n, m)));
    }

    private FidelityResult.Compared check(String name, KernelMode mode, ModelRunner model) {
        Scenario s = assertInstanceOf(ParseResult.Parsed.class, ScenarioCatalog.load(name)).scenario();
        Availability.Ready ready = kernel.require();
        if (!s.requiredFeatures().stream().allMatch(f -> FidelityCheck.has(ready.facts(), f))) {
            layer.skipped("the host lacks " + s.requiredFeatures());
            LiveKernel.assumeFeatures(s, ready.facts());
        }
        FidelityResult result = new FidelityCheck(mode.runner(ready), model, Comparison.kernelVersusModel()).check(s);
        layer.ran();
        return switch (result) {
            case FidelityResult.Compared c -> c;
            case FidelityResult.KernelFailed f -> fail(f.reason());
            case FidelityResult.NotOnThisHost n -> fail(n.reason());
        };
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("runs")
    void theReferenceImplementationAgreesWithTheKernel(String name, KernelMode mode) {
        FidelityResult.Compared c = check(name, mode, new ReferenceModel());
        if (mode == KernelMode.NO_ZERO_PAGE) {
            assertFalse(c.facts().zeroPageOnReadFault(), "the emulated kernel reports zero_page_on_read_fault=no");
        }
        if (c.verdict() instanceof Verdict.Disagreement d) {
            fail("scenario " + name + " [" + mode + "]: the reference implementation disagrees with the kernel:\n"
                    + d.table());
        }
    }

    /** The check has teeth against a real model change, not only against hand-made tables. */
    @Test
    void theReferenceImplementationWithoutFaultAroundIsCaught() {
        ReferenceModel noFaultAround = new ReferenceModel(f -> new ModelMachine(
                ModelMachine.forHost(f).config().toBuilder().faultAroundPages(1).build()));
        Verdict.Disagreement d = assertInstanceOf(Verdict.Disagreement.class,
                check("file-private-read", KernelMode.HOST, noFaultAround).verdict());
        assertTrue(d.unexplained().contains(new Difference(new Site(3, "p0", "r1[1]"), PageField.PRESENT, "yes", "no")),
                d.table());
    }

    /**
     * A model that ignores the host's zero-page fact (always maps the zero page) disagrees with a kernel
     * without it, and no known difference hides it: the read's page, its frame label, and what fork copies.
     */
    @Test
    void aModelThatKeepsTheZeroPageIsCaughtOnAKernelWithoutIt() {
        ReferenceModel alwaysZeroPage = new ReferenceModel(f -> new ModelMachine(
                ModelMachine.forHost(f).config().toBuilder().mmForbidsZeropage(false).build()));
        Verdict.Disagreement fork = assertInstanceOf(Verdict.Disagreement.class,
                check("fork-read-touched-zero-page", KernelMode.NO_ZERO_PAGE, alwaysZeroPage).verdict());
        assertTrue(fork.unexplained().contains(new Difference(new Site(4, "p1", "r1[0]"), PageField.PRESENT, "yes",
                "no")), "fork copied the PTE of a VMA the read gave an anon_vma:\n" + fork.table());
        Verdict.Disagreement several = assertInstanceOf(Verdict.Disagreement.class,
                check("anon-several-pages", KernelMode.NO_ZERO_PAGE, alwaysZeroPage).verdict());
        assertTrue(several.unexplained().contains(new Difference(new Site(5, "p0", "r1[1]"), PageField.FRAME, "F2",
                "ZERO")), "the read cost the kernel a frame:\n" + several.table());
        assertTrue(several.unexplained().contains(new Difference(new Site(5, "p0", "r1[2]"), PageField.FRAME, "F3",
                "F2")), "which renumbers later frames:\n" + several.table());
    }
}
