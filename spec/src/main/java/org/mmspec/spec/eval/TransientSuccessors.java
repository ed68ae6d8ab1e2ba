package org.mmspec.spec.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A thread's successors written into reused buffers ({@link SpecSystem#transientSuccessors}): each run of
 * the step (one per combination of choices, as {@link SpecSystem#successors}) copies the parent into the
 * next free buffer, steps there, and rehashes only the slots that changed; a run whose state equals an
 * earlier run's leaves its buffer free for the next. So a step allocates nothing, and the states, their
 * order and their fingerprints are those of the allocating path. A step with more than {@link #MAX} distinct
 * successors is given up (the caller runs the allocating path); the buffers are allocated at first use.
 *
 * <p>Not thread-safe: one per {@link SpecSystem} instance (a {@link SpecSystem#replica} has its own).
 */
final class TransientSuccessors {

    /** Most distinct successors of one step this keeps. */
    static final int MAX = 16;

    private final Machine machine;
    private final int size;
    /** For tests only: false leaves a buffer as the last run left it instead of copying the parent in. */
    private final boolean resetBuffers;
    private final Oracle oracle = new Oracle();
    private final List<SpecState> out = new ArrayList<>(MAX);
    private SpecState[] buffers;

    TransientSuccessors(Machine machine, int size, boolean resetBuffers) {
        this.machine = machine;
        this.size = size;
        this.resetBuffers = resetBuffers;
    }

    /**
     * {@code thread}'s successors from {@code s}, in choice order, as buffers valid until the next call (the
     * list too); null when the step has more than {@link #MAX} distinct successors.
     */
    List<SpecState> of(SpecState s, int thread) {
        out.clear();
        int[] parent = s.raw();
        if (!machine.enabled(parent, thread)) {
            return out;
        }
        if (buffers == null) {
            buffers = new SpecState[MAX + 1];
            for (int i = 0; i < buffers.length; i++) {
                buffers[i] = new SpecState(new int[size]);
            }
        }
        oracle.reset();
        do {
            oracle.rewind();
            SpecState next = buffers[out.size()];
            int[] into = next.raw();
            if (resetBuffers) {
                System.arraycopy(parent, 0, into, 0, size);
            }
            if (machine.step(into, thread, oracle, null) == Machine.Outcome.DONE) {
                next.rehash(s);
                if (!seen(next)) {
                    if (out.size() == MAX) {
                        return null;
                    }
                    out.add(next);
                }
            }
        } while (!oracle.exhausted() && oracle.advance());
        return out;
    }

    private boolean seen(SpecState next) {
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).equals(next)) {
                return true;
            }
        }
        return false;
    }
}
