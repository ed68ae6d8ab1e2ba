package org.mmspec.checker.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.Explorer;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.scenario.build.MachineSettings;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.ConfigBuilder;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.system.KernelSystem;

/**
 * The scenario machine's thread stacks are sized to what the standard scenarios use; a scenario that needs
 * more stops with a model error that names the setting to raise, never with a wrong verdict.
 */
class MachineSizingTest {

    private static CheckResult check(String name, UnaryOperator<ConfigBuilder> machine) {
        Scenario given = ScenarioCatalog.standard().byName(name).orElseThrow();
        Scenario s = new Scenario(given.name(), given.summary(), machine.apply(given.config().toBuilder()).build(),
                given.setup(), given.bug(), given.whenBuggy(), given.invariants(), given.search(), given.expected(),
                given.cover(), given.origin());
        KernelSystem system = s.instantiate(Set.of());
        return Explorer.check(new CheckRequest<>(system, InvariantSource.resolve(system.config(), s.invariants()),
                s.search()));
    }

    @Test
    void theScenarioMachineHasNineFramesOfNineLocals() {
        Config c = MachineSettings.base(4).build();
        assertEquals(9, c.stackDepth());
        assertEquals(9, c.nrLocals());
        Layout l = new Layout(c);
        assertEquals(Layout.TH_HEADER + 9 * (Layout.FR_HEADER + 9), l.threadStride);
    }

    @Test
    void aStackTooSmallForTheScenarioIsAModelErrorNamingStackDepth() {
        CheckResult.Violated v = assertInstanceOf(CheckResult.Violated.class,
                check("fault-vs-fault", b -> b.stackDepth(3)));
        String what = v.violation().describe();
        assertTrue(what.contains("stack is full (3 frames") && what.contains("raise stack_depth"), what);
        assertInstanceOf(CheckResult.Passed.class, check("fault-vs-fault", b -> b.stackDepth(MachineSettings.STACK_DEPTH)));
    }

    @Test
    void tooFewLocalsIsAModelErrorNamingLocals() {
        CheckResult.Violated v = assertInstanceOf(CheckResult.Violated.class,
                check("gup-vs-madvise", b -> b.nrLocals(6)));
        String what = v.violation().describe();
        assertTrue(what.contains("raise locals"), what);
    }
}
