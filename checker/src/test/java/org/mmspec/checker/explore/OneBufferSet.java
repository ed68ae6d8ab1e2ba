package org.mmspec.checker.explore;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.semantics.StateVectors;

/**
 * For tests: one set of buffers that a system's transient successors are copied into whatever the thread, so
 * that a call overwrites the states the last one gave (as the spec system's successors were before it kept
 * buffers per thread). {@link LocalStepsCrossCheckTest} and {@link TransientSuccessorsSearchTest} wrap
 * systems with it.
 */
final class OneBufferSet {
    private final StateVectors<SpecState> vectors;
    private final List<SpecState> buffers = new ArrayList<>();
    private final int[] words;

    OneBufferSet(StateVectors<SpecState> vectors) {
        this.vectors = vectors;
        this.words = new int[vectors.vectorLength()];
    }

    /** {@code all}'s states, copied into this set's first buffers. */
    List<SpecState> hold(List<SpecState> all) {
        List<SpecState> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i == buffers.size()) {
                buffers.add(vectors.newView());
            }
            vectors.copyVector(all.get(i), words);
            vectors.load(buffers.get(i), words, false, 0);
            out.add(buffers.get(i));
        }
        return out;
    }
}
