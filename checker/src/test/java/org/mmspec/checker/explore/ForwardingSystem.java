package org.mmspec.checker.explore;

import java.util.List;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.BlockReason;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * For tests: a system that hands every method {@link TransitionSystem} leaves abstract to {@code inner}, and
 * nothing else. The optional ones (successors, transient steps, local steps, vectors, replicas, symmetry) keep
 * their defaults unless a subclass forwards them: the explorer picks its path by which of them a system's
 * class overrides ({@link SearchContext}), so forwarding them here would change what every wrapper tests.
 */
abstract class ForwardingSystem<S> implements TransitionSystem<S> {

    final TransitionSystem<S> inner;

    ForwardingSystem(TransitionSystem<S> inner) {
        this.inner = inner;
    }

    @Override
    public S initialState() {
        return inner.initialState();
    }

    @Override
    public int threadCount() {
        return inner.threadCount();
    }

    @Override
    public String threadName(int thread) {
        return inner.threadName(thread);
    }

    @Override
    public S step(S s, int thread) {
        return inner.step(s, thread);
    }

    @Override
    public ThreadPhase phase(S s, int thread) {
        return inner.phase(s, thread);
    }

    @Override
    public BlockReason blockReason(S s, int thread) {
        return inner.blockReason(s, thread);
    }

    @Override
    public long fingerprint(S s) {
        return inner.fingerprint(s);
    }

    @Override
    public Fault fault(S s) {
        return inner.fault(s);
    }

    @Override
    public ActionLabel label(S before, int thread, S after) {
        return inner.label(before, thread, after);
    }

    @Override
    public List<Change> diff(S before, S after) {
        return inner.diff(before, after);
    }
}
