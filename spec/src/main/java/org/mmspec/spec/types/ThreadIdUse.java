package org.mmspec.spec.types;

import org.mmspec.spec.diag.SourceSpan;

/**
 * A place where code names a particular thread rather than "the running thread" or "some thread": an
 * integer literal standing for a thread id ({@code holds(l, 0)}, {@code owner == 1}), a {@code thread_t}
 * local declared without an initialiser (it starts as thread 0), or a {@code for} loop over thread ids
 * (it visits them in id order). Such code can tell interchangeable threads apart, so thread symmetry
 * reduction ({@code org.mmspec.spec.eval.Symmetry}) is not applied to a scenario that runs it.
 *
 * @param span where in the source
 * @param what a short description ({@code "thread id literal 0"})
 * @param inCode true in a procedure or an invariant (code run on reachable states), false in an init
 *     block, a global initialiser or a scenario's thread arguments (which only shape the initial state)
 * @param proc the procedure it is in, or null (in an invariant, or not in code)
 */
public record ThreadIdUse(SourceSpan span, String what, boolean inCode, String proc) {

    /** {@code what at file:line:col}. */
    public String describe() {
        return what + " at " + span.where();
    }
}
