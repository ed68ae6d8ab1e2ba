package org.mmspec.checker.observe;

import org.mmspec.checker.result.CheckResult;

/**
 * Observes a search. Every method has a no-op default; implement only what you need. Calls come from the
 * searching thread, in this order: {@code onStart}, then any number of {@code onBoundStart} and
 * {@code onProgress}, then {@code onFinish} exactly once.
 */
public interface SearchListener {

    /** A listener that does nothing. */
    SearchListener NONE = new SearchListener() {};

    /** The search begins. */
    default void onStart() {}

    /** About every 0.5 s of search (checked every 1,024 generated states). */
    default void onProgress(ProgressSnapshot snapshot) {}

    /** The preemption-bounded search starts on the states that need {@code preemptionBound} preemptions. */
    default void onBoundStart(int preemptionBound) {}

    /** The search ended with {@code result} (also returned to the caller). */
    default void onFinish(CheckResult result) {}
}
