package org.mmspec.ref.threads;

import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.Oops;

/**
 * Watches the steps the {@link Executor} runs: the atomicity audit implements it. The executor tells it
 * where each step starts, which code point runs, and how the step ended; a rule the observer finds
 * broken mid-step is thrown as an {@link Oops} of kind {@code ATOMICITY} from the access that broke it.
 */
public interface StepObserver {

    /** A step of {@code tid} (on CPU {@code cpu}) starts. */
    void beginStep(int tid, int cpu);

    /** Procedure number {@code procId} runs from program point {@code pc}. */
    void at(int procId, int pc);

    /**
     * The step ended: {@code moved} false when it blocked and is discarded. Returns an atomicity oops to
     * record when the completed step broke a rule only visible at its end (a lock held only inside the step
     * still held), else {@code null}.
     */
    Oops endStep(boolean moved);

    /** Writes the report of the rule broken (the last atomicity oops thrown) into the state. */
    void report(Mem m);
}
