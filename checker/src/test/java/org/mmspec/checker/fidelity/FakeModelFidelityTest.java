package org.mmspec.checker.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmspec.checker.fidelity.compare.Comparison;
import org.mmspec.checker.fidelity.compare.Difference;
import org.mmspec.checker.fidelity.compare.KnownDifferences;
import org.mmspec.checker.fidelity.compare.Verdict;
import org.mmspec.checker.fidelity.kernel.Availability;
import org.mmspec.checker.fidelity.kernel.KernelRun;
import org.mmspec.checker.fidelity.observe.Observations;
import org.mmspec.checker.fidelity.observe.OpOutcome;
import org.mmspec.checker.fidelity.observe.PageField;
import org.mmspec.checker.fidelity.observe.PageFlag;
import org.mmspec.checker.fidelity.observe.PageState;
import org.mmspec.checker.fidelity.observe.RunField;
import org.mmspec.checker.fidelity.observe.Site;
import org.mmspec.checker.fidelity.observe.StepOutcome;
import org.mmspec.checker.fidelity.scenario.ParseResult;
import org.mmspec.checker.fidelity.scenario.Scenario;
import org.mmspec.checker.fidelity.scenario.ScenarioCatalog;

/**
 * The whole pipeline (kernel run, model run, labelling, comparison, known differences, table) with
 * stand-in models whose right answer is known, independent of the reference implementation (which
 * {@link ReferenceModelFidelityTest} checks): a model that is the kernel itself agrees with no difference
 * at all; a "Linux 4.x" model that puts new anonymous pages on the active list agrees through the
 * documented known difference; a model with a copy-on-write bug is caught with a side-by-side table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FakeModelFidelityTest {

    private LiveKernel kernel;

    @BeforeAll
    void checkHost() {
        kernel = new LiveKernel();
    }

    static List<String> scenarios() {
        return ScenarioCatalog.names();
    }

    private static Scenario load(String name) {
        return assertInstanceOf(ParseResult.Parsed.class, ScenarioCatalog.load(name)).scenario();
    }

    /** A "model" that runs the scenario on the kernel again: kernel-identical observations. */
    private ModelRunner kernelAsModel(Availability.Ready ready) {
        return (scenario, facts) -> switch (ready.runner().run(scenario)) {
            case KernelRun.Completed c -> c.observations();
            case KernelRun.Failed f -> fail(f.reason());
        };
    }

    private FidelityResult.Compared check(String name, ModelRunner model) {
        Availability.Ready ready = kernel.require();
        Scenario s = load(name);
        LiveKernel.assumeFeatures(s, ready.facts());
        return switch (new FidelityCheck(ready.runner(), model, Comparison.kernelVersusModel()).check(s)) {
            case FidelityResult.Compared c -> c;
            case FidelityResult.KernelFailed f -> fail(f.reason());
            case FidelityResult.NotOnThisHost n -> fail(n.reason());
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aModelThatBehavesLikeTheKernelAgreesWithNoDifferenceAtAll(String name) {
        FidelityResult.Compared c = check(name, kernelAsModel(kernel.require()));
        assertEquals(new Verdict.Agreement(List.of()), c.verdict());
    }

    @Test
    void aLinux4ModelThatStartsAnonPagesActiveAgreesThroughTheKnownDifference() {
        ModelRunner linux4 = (scenario, facts) -> {
            Observations k = kernelAsModel(kernel.require()).run(scenario, facts);
            List<PageState> pages = k.pages().stream().map(p -> p.present() && p.has(PageFlag.ANON)
                    ? withFlags(p, PageFlag.ACTIVE) : p).toList();
            return new Observations(k.outcomes(), pages, k.fileContents(), k.frameSamples());
        };
        FidelityResult.Compared c = check("fork-child-writes", linux4);
        Verdict.Agreement a = assertInstanceOf(Verdict.Agreement.class, c.verdict());
        assertEquals(2, a.explained().size());
        a.explained().forEach(e -> {
            assertEquals(KnownDifferences.NEW_ANON_INACTIVE, e.rule());
            assertEquals(PageFlag.ACTIVE, e.difference().field());
        });
    }

    @Test
    void aModelWhoseChildWriteDoesNotCopyTheSharedPageIsCaughtWithATable() {
        ModelRunner noCow = (scenario, facts) -> {
            Observations k = kernelAsModel(kernel.require()).run(scenario, facts);
            PageState parent = find(k, 5, "p0");
            List<PageState> pages = new ArrayList<>();
            for (PageState p : k.pages()) {
                // the child's write landed in the parent's page: one frame, mapped twice
                pages.add(p.step() == 5 ? new PageState(5, p.process(), p.region(), p.page(), p.vma(), true, false,
                        false, false, parent.frame(), 2, p.flags()) : p);
            }
            List<StepOutcome> outcomes = k.outcomes().stream().map(o -> o.step() == 6
                    ? new StepOutcome(6, new OpOutcome.ReadValue('b')) : o).toList();
            return new Observations(outcomes, pages, k.fileContents(), k.frameSamples());
        };
        FidelityResult.Compared c = check("fork-child-writes", noCow);
        Verdict.Disagreement d = assertInstanceOf(Verdict.Disagreement.class, c.verdict());
        Site parent = new Site(5, "p0", "r1[0]");
        Site child = new Site(5, "p1", "r1[0]");
        assertEquals(List.of(new Difference(parent, PageField.EXCLUSIVE, "yes", "no"),
                new Difference(parent, PageField.MAPCOUNT, "1", "2"),
                new Difference(child, PageField.EXCLUSIVE, "yes", "no"),
                new Difference(child, PageField.FRAME, "F2", "F1"),
                new Difference(child, PageField.MAPCOUNT, "1", "2"),
                new Difference(new Site(6, "p0", "-"), RunField.OUTCOME, "value:a", "value:b")), d.unexplained());
        assertTrue(d.table().startsWith("step  process  page   field      kernel   model\n"), d.table());
        assertTrue(d.table().contains("5     p1       r1[0]  frame      F2       F1\n"), d.table());
        assertFalse(d.table().matches("(?s).*\\b[0-9a-f]{5,}\\b.*"), "no raw frame numbers in the table");
    }

    private static PageState find(Observations o, int step, String process) {
        return o.pages().stream().filter(p -> p.step() == step && p.process().equals(process)).findFirst()
                .orElseThrow();
    }

    private static PageState withFlags(PageState p, PageFlag extra) {
        Set<PageFlag> flags = EnumSet.of(extra);
        flags.addAll(p.flags());
        return new PageState(p.step(), p.process(), p.region(), p.page(), p.vma(), p.present(), p.swapped(),
                p.exclusive(), p.file(), p.frame(), p.mapcount(), flags);
    }
}
