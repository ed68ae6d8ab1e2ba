package org.mmspec.checker.result;

import org.mmspec.spec.semantics.Fault;

/** Shared wording for faults. */
final class FaultText {

    private FaultText() {}

    /**
     * Nothing: a fault's message names the thread that hit it by its scenario name ({@code "split hit
     * VM_BUG_ON_PAGE(...)"}), and a message naming it also by number ({@code "(thread 0)"}) would use two
     * names for one thread.
     */
    static String onThread(Fault fault) {
        return "";
    }
}
