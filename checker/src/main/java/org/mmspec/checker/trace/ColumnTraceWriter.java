package org.mmspec.checker.trace;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.checker.result.Violation;

/**
 * Renders a counterexample as one column per thread, the way kernel commit messages draw a race (CPU 0
 * on the left, CPU 1 to its right, time running down): each step sits in its thread's column, named by
 * its code point and detail; long lines wrap inside the column. What each step changed is left to the
 * text view ({@link TextTraceWriter}); the violation follows across the full width.
 *
 * <pre>
 *      writer                                   madvise
 *      ---------------------------------------- ----------------------------------------
 * #11  handle_mm_fault:pte_offset_map_lock
 *        addr=0x1000
 * #12                                           zap_pte_range:ptep_get_and_clear_full
 *                                                 addr=0x1000
 * </pre>
 */
public final class ColumnTraceWriter {

    /** Narrowest and widest column. */
    static final int MIN_WIDTH = 24;
    static final int MAX_WIDTH = 50;

    private ColumnTraceWriter() {}

    /**
     * The trace in columns; {@code threadNames} names the columns (thread ids index it), {@code violation}
     * may be null.
     */
    public static String write(Trace trace, List<String> threadNames, Violation violation) {
        int n = threadNames.size();
        int width = width(trace, threadNames);
        int gutter = Integer.toString(trace.length()).length() + 3;
        StringBuilder out = new StringBuilder();
        List<String> names = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        for (String name : threadNames) {
            names.add(name);
            rules.add("-".repeat(width));
        }
        row(out, "", names, width, gutter);
        row(out, "", rules, width, gutter);
        for (TraceStep step : trace.steps()) {
            String mark = "#" + step.index();
            List<String> lines = cell(step);
            for (int i = 0; i < lines.size(); i++) {
                for (String piece : wrap(lines.get(i), width, 2)) {
                    row(out, mark, inColumn(step.label().thread(), n, piece), width, gutter);
                    mark = "";
                }
            }
        }
        if (violation != null) {
            String text = TextTraceWriter.write(Trace.empty(), violation);
            out.append(text.substring(text.indexOf('\n') + 1));
        }
        return out.toString();
    }

    private static List<String> inColumn(int thread, int threads, String piece) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < threads; c++) {
            cells.add(c == thread ? piece : "");
        }
        return cells;
    }

    /** The label of a step: code point, detail, the outcome taken when it had several. */
    private static List<String> cell(TraceStep step) {
        String label = step.label().detail().isEmpty() ? step.label().step()
                : step.label().step() + " " + step.label().detail();
        if (step.choices() > 1) {
            label += " [choice " + (step.choice() + 1) + " of " + step.choices() + "]";
        }
        return List.of(label);
    }

    private static int width(Trace trace, List<String> threadNames) {
        int w = MIN_WIDTH;
        for (String name : threadNames) {
            w = Math.max(w, name.length());
        }
        for (TraceStep step : trace.steps()) {
            for (String line : cell(step)) {
                w = Math.max(w, line.length());
            }
        }
        return Math.min(w, MAX_WIDTH);
    }

    /** {@code text} cut into pieces of at most {@code width}; pieces after the first get {@code extra} more indent. */
    static List<String> wrap(String text, int width, int extra) {
        List<String> out = new ArrayList<>();
        String indent = " ".repeat(leading(text) + extra);
        String rest = text;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= indent.length() + 4) {
                cut = Math.max(rest.lastIndexOf(':', width - 1), rest.lastIndexOf('|', width - 1)) + 1;
            }
            if (cut <= indent.length() + 4) {
                cut = width;
            }
            out.add(rest.substring(0, cut));
            rest = indent + rest.substring(cut).stripLeading();
        }
        out.add(rest);
        return out;
    }

    private static int leading(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static void row(StringBuilder out, String mark, List<String> cells, int width, int gutter) {
        StringBuilder line = new StringBuilder(mark);
        line.append(" ".repeat(Math.max(1, gutter - mark.length())));
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            line.append(cell);
            if (c < cells.size() - 1) {
                line.append(" ".repeat(width - cell.length() + 1));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
