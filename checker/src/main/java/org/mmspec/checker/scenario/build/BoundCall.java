package org.mmspec.checker.scenario.build;

import java.util.Arrays;
import org.mmspec.spec.diag.SourceSpan;

/**
 * A call whose arguments are bound to the operation's parameters, typed and compiled: one value per
 * parameter (defaults filled in).
 */
final class BoundCall {

    private final Operation op;
    private final Value[] scalars;
    private final Value.ListValue[] lists;
    private final SourceSpan span;

    BoundCall(Operation op, Value[] scalars, Value.ListValue[] lists, SourceSpan span) {
        this.op = op;
        this.scalars = scalars.clone();
        this.lists = lists.clone();
        this.span = span;
    }

    Operation op() {
        return op;
    }

    SourceSpan span() {
        return span;
    }

    /** The arguments' values for the current set-up variables. */
    Operation.Args eval(int[] vars) {
        int n = op.params().size();
        int[] s = new int[n];
        int[][] l = new int[n][];
        for (int i = 0; i < n; i++) {
            if (lists[i] != null) {
                l[i] = lists[i].eval(vars);
            } else {
                s[i] = scalars[i].evalInt(vars, op.name() + "'s " + op.params().get(i).name());
            }
        }
        return new Operation.Args(s, l);
    }

    /** The procedure's four argument locals for the current set-up variables. */
    int[] locals(int[] vars) {
        return Arrays.copyOf(op.locals().of(eval(vars).scalars()), 4);
    }
}
