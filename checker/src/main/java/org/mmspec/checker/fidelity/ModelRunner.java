package org.mmspec.checker.fidelity;

import org.mmspec.checker.fidelity.observe.HostFacts;
import org.mmspec.checker.fidelity.observe.Observations;
import org.mmspec.checker.fidelity.scenario.Scenario;

/**
 * Runs a fidelity scenario on a model of Linux memory management and reports what the model observed, in
 * the same terms as the live-kernel probe. Implemented over the reference implementation.
 */
@FunctionalInterface
public interface ModelRunner {

    /**
     * Runs {@code scenario} on a fresh model configured like the host.
     *
     * @param scenario the scenario to run
     * @param facts the host's facts; the model is configured from them (page size, whether a read fault
     *     on private anonymous memory maps the zero page, whether a swap device exists)
     * @return the outcome of every step, the page state of every page at every {@code observe}, the
     *     frames mapped after every step, and the final file contents (see {@link Observations})
     */
    Observations run(Scenario scenario, HostFacts facts);
}
