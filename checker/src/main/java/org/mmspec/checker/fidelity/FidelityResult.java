package org.mmspec.checker.fidelity;

import java.util.Objects;

import org.mmspec.checker.fidelity.compare.Verdict;
import org.mmspec.checker.fidelity.observe.CellTable;
import org.mmspec.checker.fidelity.observe.HostFacts;

/** The result of checking one scenario: kernel and model compared, or why they could not be. */
public sealed interface FidelityResult {

    /**
     * Both ran; {@code verdict} says whether they agree.
     *
     * @param facts the host facts the kernel run measured (and the model was configured from)
     * @param kernel the kernel's labelled observations
     * @param model the model's labelled observations
     * @param verdict agreement (possibly with explained differences) or the table of unexplained ones
     */
    record Compared(HostFacts facts, CellTable kernel, CellTable model, Verdict verdict) implements FidelityResult {
        public Compared {
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(kernel, "kernel");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /** The kernel run failed (the probe could not run the scenario); {@code reason} says why. */
    record KernelFailed(String reason) implements FidelityResult {
        public KernelFailed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** This host lacks a kernel feature the scenario needs (e.g. {@code MADV_PAGEOUT}). */
    record NotOnThisHost(String reason) implements FidelityResult {
        public NotOnThisHost {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
