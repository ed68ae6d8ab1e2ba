package org.mmspec.spec.ir;

import java.util.List;
import org.mmspec.spec.types.Discipline;
import org.mmspec.spec.types.Type;

/**
 * One global variable as the atomicity audit sees it: where it lives, how a slot's indices are decoded,
 * and its lowered discipline. Annotation expressions run in a scratch frame of {@code frameSize} slots
 * whose slots {@code indexOffsets} hold the element's indices.
 *
 * @param name the variable
 * @param offset its first slot
 * @param width its slots
 * @param dimLo the smallest index value of each dimension, outermost first
 * @param dimStride the slots one step of each dimension's index spans
 * @param element the type of one element (after every dimension)
 * @param whole the discipline of every member not in a group
 * @param groups per-member disciplines of a set-typed variable
 * @param privateWhen a condition under which every access is a both-mover, or null
 * @param withinStep for a lock: held only within single steps
 * @param rwsem for a lock: a reader/writer semaphore
 * @param frameSize slots of the annotation frame
 * @param indexOffsets where each index goes in that frame
 */
public record Region(String name, int offset, int width, int[] dimLo, int[] dimStride, Type element, Scope whole,
        List<Group> groups, IrExpr privateWhen, boolean withinStep, boolean rwsem, int frameSize, int[] indexOffsets) {

    public Region {
        groups = List.copyOf(groups);
    }

    /** A discipline with its lowered guards, the guards' source text, and a bit lock's holder. */
    public record Scope(Discipline kind, List<Guard> guards, List<String> guardTexts, boolean racyReads,
            boolean atomicUpdates, IrExpr lockOwner) {
        public Scope {
            guards = List.copyOf(guards);
            guardTexts = List.copyOf(guardTexts);
        }
    }

    /** The members of a set (as a bit mask) with a discipline of their own. */
    public record Group(int mask, Scope scope) {
    }

    /** A guard: a lock the accessing thread must hold (writes: exclusively), or a condition. */
    public sealed interface Guard {
        record Lock(Place lock, boolean rwsem) implements Guard {
        }

        record Condition(IrExpr cond) implements Guard {
        }
    }

    /** Whether this variable is a lock (or an array of locks). */
    public boolean isLock() {
        return whole.kind() == Discipline.LOCK;
    }

    /** The discipline of the members in {@code mask} (all members of a group or none): one scope. */
    public Scope scopeOf(int bit) {
        for (Group g : groups) {
            if ((g.mask() & bit) != 0) {
                return g.scope();
            }
        }
        return whole;
    }
}
