package org.mmspec.checker.result;

import org.mmspec.spec.semantics.Fault;

/** Shared wording for faults. */
final class FaultText {

    private FaultText() {}

    /** {@code " (thread 2)"}, or nothing when no single thread is to blame. */
    static String onThread(Fault fault) {
        return fault.thread() < 0 ? "" : " (thread " + fault.thread() + ")";
    }
}
