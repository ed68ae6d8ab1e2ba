package org.mmspec.checker.explore;

import java.util.List;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.semantics.StepInfo;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * A mutation for {@link EngineDifferentialTest}: the scenario's system, except that a step that writes no
 * global (its successors differ from the state in locals only, and it neither faults nor ends the thread)
 * is called local, although it may read a global or wait on one. Partial-order reduction then explores such
 * a read alone, and misses the orders in which another thread writes first.
 */
final class ReadsCalledLocal extends ForwardingSystem<SpecState> {

    ReadsCalledLocal(TransitionSystem<SpecState> inner) {
        super(inner);
    }

    @Override
    public List<SpecState> successors(SpecState s, int thread) {
        return inner.successors(s, thread);
    }

    @Override
    public List<SpecState> successors(SpecState s, int thread, StepInfo info) {
        List<SpecState> out = inner.successors(s, thread, info);
        if (!info.local() && !out.isEmpty() && out.stream().allMatch(n -> writesNoGlobal(s, thread, n))) {
            info.setLocal(true);
        }
        return out;
    }

    @Override
    public boolean reportsLocalSteps() {
        return true;
    }

    private boolean writesNoGlobal(SpecState s, int thread, SpecState n) {
        return inner.fault(n) == null && !inner.phase(n, thread).isAtRest()
                && inner.diff(s, n).stream().allMatch(c -> GlobalsRecorder.isLocal(inner, c.variable()));
    }
}
