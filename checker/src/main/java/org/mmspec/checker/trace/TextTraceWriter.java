package org.mmspec.checker.trace;

import org.mmspec.checker.result.AssertionFailure;
import org.mmspec.checker.result.BlockedThread;
import org.mmspec.checker.result.Deadlock;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.result.KernelBug;
import org.mmspec.checker.result.ModelError;
import org.mmspec.checker.result.Violation;
import org.mmspec.spec.semantics.ActionLabel;
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
            out.append(stepLine(step)).append('\n');
            appendChanges(out, step);
        }
        if (violation != null) {
            appendViolation(out, violation);
        }
        return out.toString();
    }

    /**
     * {@code #6 writer __alloc_pages_nodemask:rmqueue order=0 zone=0  (AllocPages.java:88)}: index, thread,
     * code point, detail, the outcome taken when the step had several, and the source location.
     */
    public static String stepLine(TraceStep step) {
        StringBuilder out = new StringBuilder();
        out.append('#').append(step.index()).append(' ').append(step.label());
        if (step.choices() > 1) {
            out.append("  [choice ").append(step.choice() + 1).append(" of ").append(step.choices()).append(']');
        }
        if (!step.label().source().isEmpty()) {
            out.append("  (").append(step.label().shortSource()).append(')');
        }
        return out.toString();
    }

    /**
     * The step's changes, two spaces in; changes made by the code of another code point than the step's
     * come under an {@code in CODE_POINT  (Source.java:77)} line, four spaces in.
     */
    static void appendChanges(StringBuilder out, TraceStep step) {
        String at = "";
        String indent = "  ";
        for (Change change : step.changes()) {
            if (!change.at().equals(at)) {
                at = change.at();
                out.append("  in ").append(at.isEmpty() ? ownCodePoint(step) : at);
                String source = at.isEmpty() ? step.label().shortSource() : shortSource(change.source());
                out.append(source.isEmpty() ? "" : "  (" + source + ")").append('\n');
                indent = "    ";
            }
            out.append(indent).append(change).append('\n');
        }
    }

    private static String ownCodePoint(TraceStep step) {
        return step.label().detail().isEmpty() ? step.label().step() : step.label().step() + " " + step.label().detail();
    }

    static String shortSource(String source) {
        return ActionLabel.shortSource(source);
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
            case KernelBug b -> {
                out.append(b.describe()).append('\n');
                b.fault().dump().forEach(line -> out.append("  ").append(line).append('\n'));
            }
            case AssertionFailure a -> out.append(a.describe()).append('\n');
            case ModelError e -> out.append(e.describe()).append('\n');
        }
    }
}
