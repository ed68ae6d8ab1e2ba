package org.mmspec.spec.types;

import java.util.List;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.resolve.Symbol;

/**
 * The checked discipline of one global variable: the index variables its annotations may use (the
 * slots of {@code frame}, one per dimension, unnamed ones included), the discipline of the whole
 * variable, per-member groups of a set-typed variable, an optional privacy condition and, for a lock,
 * whether it is held only within single steps.
 *
 * @param global the variable
 * @param frame the frame of the annotation expressions; its first {@code indices.size()} slots are the indices
 * @param indices one local per dimension, outermost first
 * @param whole the discipline of every member not in a group
 * @param groups the {@code bits(...)} groups of a set-typed variable
 * @param privateWhen a bool condition under which every access is a both-mover (the object is not yet, or no
 *     longer, reachable by another thread), or null
 * @param withinStep for a lock: held only inside single steps (never blocks, must be released before the step ends)
 */
public record CheckedDiscipline(String global, Frame frame, List<Symbol.Local> indices, Scope whole,
        List<Group> groups, Expr privateWhen, boolean withinStep) {

    public CheckedDiscipline {
        indices = List.copyOf(indices);
        groups = List.copyOf(groups);
    }

    /**
     * One discipline: its kind, the guards of {@link Discipline#LOCK_PROTECTED} (lock places or bool
     * conditions; any one suffices), whether unguarded reads and unguarded atomic read-modify-writes are
     * allowed (non-movers), and the holder of a
     * {@link Discipline#BIT_LOCK}.
     */
    public record Scope(Discipline kind, List<Expr> guards, boolean racyReads, boolean atomicUpdates, Expr lockOwner) {
        public Scope {
            guards = List.copyOf(guards);
        }
    }

    /** Members (ordinals of the set's element type) with a discipline of their own. */
    public record Group(List<Integer> members, Scope scope) {
        public Group {
            members = List.copyOf(members);
        }
    }
}
