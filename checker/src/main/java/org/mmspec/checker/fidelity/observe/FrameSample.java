package org.mmspec.checker.fidelity.observe;

import java.util.Set;

/**
 * The frames mapped right after step {@code step}: the raw frame ({@link PageState#frame()}) of every
 * present PTE, other than the zero page, in every page of every region of every live process (the pages
 * {@link org.mmspec.checker.fidelity.scenario.ObservationPlan#after(int)} names).
 *
 * <p>Frame labels name allocations, not frame numbers: a frame that is not in the sample of some step
 * loses its label, and if it is mapped again later it gets a new one. So a page freed by one step and a
 * page allocated by a later step in the same frame are told apart, on the kernel and on the model alike,
 * whatever their allocators' reuse policies.
 */
public record FrameSample(int step, Set<Long> frames) {
    public FrameSample {
        frames = Set.copyOf(frames);
    }
}
