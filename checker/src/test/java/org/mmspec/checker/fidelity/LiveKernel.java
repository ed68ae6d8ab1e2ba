package org.mmspec.checker.fidelity;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.mmspec.checker.fidelity.kernel.Availability;
import org.mmspec.checker.fidelity.kernel.KernelProbe;
import org.mmspec.checker.fidelity.observe.HostFacts;
import org.mmspec.checker.fidelity.scenario.HostFeature;
import org.mmspec.checker.fidelity.scenario.Scenario;

/**
 * Test access to the live kernel: checks the host once and either hands out the runner, skips the test
 * with the exact reason, or (under {@code CI=true}) fails it.
 */
final class LiveKernel {

    /** Where the probe is built and scenario files are created. */
    static final Path BUILD_DIR = Path.of("target", "fidelity");

    private final Availability availability;

    LiveKernel() {
        this.availability = KernelProbe.check(BUILD_DIR, System.getenv());
    }

    /** The ready kernel, or the test is skipped (or fails under CI=true) saying why. */
    Availability.Ready require() {
        return switch (availability) {
            case Availability.Ready r -> r;
            case Availability.Unavailable u -> switch (Availability.disposition(u, System.getenv())) {
                case FAIL -> fail("CI=true but the kernel fidelity tests cannot run: " + u.reason());
                case SKIP, RUN -> abort("kernel fidelity tests skipped: " + u.reason());
            };
        };
    }

    /** Why the kernel tests cannot run here, or empty when they can. */
    java.util.Optional<String> unavailableReason() {
        return availability instanceof Availability.Unavailable u ? java.util.Optional.of(u.reason())
                : java.util.Optional.empty();
    }

    /** Skips the test when the host lacks a feature the scenario needs. */
    static void assumeFeatures(Scenario scenario, HostFacts facts) {
        for (HostFeature f : scenario.requiredFeatures()) {
            assumeTrue(FidelityCheck.has(facts, f), "scenario " + scenario.name() + " needs " + f + ", which kernel "
                    + facts.kernelRelease() + " lacks");
        }
    }
}
