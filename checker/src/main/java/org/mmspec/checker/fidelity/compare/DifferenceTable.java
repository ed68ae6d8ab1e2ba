package org.mmspec.checker.fidelity.compare;

import java.util.ArrayList;
import java.util.List;

/** Renders differences side by side: step, process, page, field, left value, right value. */
public final class DifferenceTable {

    private DifferenceTable() {
    }

    /** A fixed-width table with a header row naming the two sides. */
    public static String render(List<Difference> differences, String leftName, String rightName) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"step", "process", "page", "field", leftName, rightName});
        for (Difference d : differences) {
            rows.add(new String[] {d.site().stepText(), d.site().process(), d.site().place(), d.field().label(),
                d.left(), d.right()});
        }
        int[] width = new int[6];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + width[i] + "s", row[i]));
                if (i < row.length - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
