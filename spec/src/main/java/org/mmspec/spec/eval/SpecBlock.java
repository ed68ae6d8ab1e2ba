package org.mmspec.spec.eval;

import org.mmspec.spec.semantics.BlockReason;

/** Why a spec thread cannot move. */
public sealed interface SpecBlock extends BlockReason {

    /** Waiting in {@code await cond}. */
    record OnAwait(String condition, String where) implements SpecBlock {
        public String describe() {
            return "waits until " + condition + " (" + where + ")";
        }
    }

    /** Waiting for a lock held by others. */
    record OnLock(String lock, String holders, String where) implements SpecBlock {
        public String describe() {
            return "waits for " + lock + " (" + holders + ") (" + where + ")";
        }
    }

    /** A {@code with} over an empty domain. */
    record OnEmptyChoice(String what, String where) implements SpecBlock {
        public String describe() {
            return "has nothing to choose in " + what + " (" + where + ")";
        }
    }
}
