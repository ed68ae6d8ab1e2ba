package org.mmspec.checker.fidelity.observe;

import java.util.List;

/**
 * Everything one run of a scenario observed, on the kernel or on a model.
 *
 * @param outcomes the outcome of every step, in step order (one per step, {@code observe} included)
 * @param pages the state of every page the scenario's
 *     {@link org.mmspec.checker.fidelity.scenario.ObservationPlan} names, at every {@code observe}
 *     (order does not matter: comparison puts them into plan order)
 * @param fileContents the first byte of every page of every scenario file after the last step
 * @param frameSamples after every step other than {@code observe}, the frames mapped in the scenario's
 *     pages (see {@link FrameSample}); a step without a sample forgets no frame label
 */
public record Observations(List<StepOutcome> outcomes, List<PageState> pages, List<FileByte> fileContents,
        List<FrameSample> frameSamples) {

    public Observations {
        outcomes = List.copyOf(outcomes);
        pages = List.copyOf(pages);
        fileContents = List.copyOf(fileContents);
        frameSamples = List.copyOf(frameSamples);
    }
}
