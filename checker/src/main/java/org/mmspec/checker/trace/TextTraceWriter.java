package org.mmspec.checker.trace;

import org.mmspec.checker.result.AssertionFailure;
import org.mmspec.checker.result.BlockedThread;
import org.mmspec.checker.result.Deadlock;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.result.KernelBug;
import org.mmspec.checker.result.ModelError;
import org.mmspec.checker.result.Violation;
import org.mmspec.spec.semantics.Change;

/**
 * Renders a counterexample for people, one line per step and the changes indented below it:
 *
 * <pre>
 * #7 T2 shrink_page_list:try_to_unmap pfn=3
 *   page[3]._mapcount 0→-1
 * #8 T1 ...
 * invariant mapcount_le_refcount violated: ...
 *   page[3]
 * </pre>
 *
 * A step whose thread had several possible outcomes (the spec language's {@code either} and
 * {@code with}) ends with which one the trace took, counted from 1: {@code #4 T0 gup:retry either:2  [choice 2
 * of 2]}. A deadlock lists each unfinished thread and what it waits for. Lines end with {@code \n} on every
 * platform.
 */
public final class TextTraceWriter {

    private TextTraceWriter() {}

    /** The trace followed by the violation it leads to; {@code violation} may be {@code null} (steps only). */
    public static String write(Trace trace, Violation violation) {
        StringBuilder out = new StringBuilder();
        if (trace.steps().isEmpty()) {
            out.append("(the initial state)\n");
        }
        for (TraceStep step : trace.steps()) {
            out.append('#').append(step.index()).append(' ').append(step.label());
            if (step.choices() > 1) {
                out.append("  [choice ").append(step.choice() + 1).append(" of ").append(step.choices()).append(']');
            }
            out.append('\n');
            for (Change change : step.changes()) {
                out.append("  ").append(change).append('\n');
            }
        }
        if (violation != null) {
            appendViolation(out, violation);
        }
        return out.toString();
    }

    private static void appendViolation(StringBuilder out, Violation violation) {
        switch (violation) {
            case InvariantViolation v -> {
                out.append("invariant ").append(v.invariantId()).append(" violated: ")
                        .append(v.witness().summary()).append('\n');
                v.witness().objects().forEach(o -> out.append("  ").append(o).append('\n'));
            }
            case Deadlock d -> {
                out.append("deadlock: no thread can move\n");
                for (BlockedThread t : d.threads()) {
                    out.append("  ").append(t.name()).append(": ").append(t.reason()).append('\n');
                }
            }
            case KernelBug b -> out.append(b.describe()).append('\n');
            case AssertionFailure a -> out.append(a.describe()).append('\n');
            case ModelError e -> out.append(e.describe()).append('\n');
        }
    }
}
