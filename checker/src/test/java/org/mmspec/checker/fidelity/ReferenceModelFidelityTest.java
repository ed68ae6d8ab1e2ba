package org.mmspec.checker.fidelity;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
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
 * The fidelity check proper: every bundled scenario on the live kernel and on the reference
 * implementation ({@link ReferenceModel}), compared with the documented known differences
 * ({@link Comparison#kernelVersusModel()}). A difference no rule explains fails the scenario with the
 * side-by-side table. Skipped with the reason where the probe cannot run, failed under {@code CI=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceModelFidelityTest {

    private LiveKernel kernel;

    @BeforeAll
    void checkHost() {
        kernel = new LiveKernel();
    }

    static List<String> scenarios() {
        return ScenarioCatalog.names();
    }

    private FidelityResult.Compared check(String name, ModelRunner model) {
        Scenario s = assertInstanceOf(ParseResult.Parsed.class, ScenarioCatalog.load(name)).scenario();
        Availability.Ready ready = kernel.require();
        LiveKernel.assumeFeatures(s, ready.facts());
        return switch (new FidelityCheck(ready.runner(), model, Comparison.kernelVersusModel()).check(s)) {
            case FidelityResult.Compared c -> c;
            case FidelityResult.KernelFailed f -> fail(f.reason());
            case FidelityResult.NotOnThisHost n -> fail(n.reason());
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theReferenceImplementationAgreesWithTheKernel(String name) {
        if (check(name, new ReferenceModel()).verdict() instanceof Verdict.Disagreement d) {
            fail("scenario " + name + ": the reference implementation disagrees with the kernel:\n" + d.table());
        }
    }

    /** The check has teeth against a real model change, not only against hand-made tables. */
    @Test
    void theReferenceImplementationWithoutFaultAroundIsCaught() {
        ReferenceModel noFaultAround = new ReferenceModel(f -> new ModelMachine(
                ModelMachine.forHost(f).config().toBuilder().faultAroundPages(1).build()));
        Verdict.Disagreement d = assertInstanceOf(Verdict.Disagreement.class,
                check("file-private-read", noFaultAround).verdict());
        assertTrue(d.unexplained().contains(new Difference(new Site(3, "p0", "r1[1]"), PageField.PRESENT, "yes", "no")),
                d.table());
    }
}
