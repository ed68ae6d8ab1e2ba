package org.mmspec.spec.eval;

import org.mmspec.spec.ir.Instr;

/** Bounded lists in a state: slot 0 is the length, then the elements; unused slots stay 0. */
final class Lists {

    private Lists() {
    }

    static void apply(Evaluator ev, Instr.ListOp op, Ctx c) {
        int[] a = Evaluator.array(op.list(), c);
        int base = ev.addr(op.list(), c);
        int v = ev.eval(op.value(), c);
        if (c.audit != null && op.list().global()) {
            c.audit.access(c, base, -1, AccessKind.RMW, op.site());
        }
        mutate(a, base, v, op);
    }

    /** Applies {@code op} with value {@code v} to the list whose length slot is {@code a[base]}. */
    static void mutate(int[] a, int base, int v, Instr.ListOp op) {
        int len = a[base];
        switch (op.action()) {
            case ADD_TAIL -> {
                full(len, op);
                a[base + 1 + len] = v;
                a[base] = len + 1;
            }
            case ADD_HEAD -> {
                full(len, op);
                System.arraycopy(a, base + 1, a, base + 2, len);
                a[base + 1] = v;
                a[base] = len + 1;
            }
            case DEL -> {
                for (int i = 0; i < len; i++) {
                    if (a[base + 1 + i] == v) {
                        System.arraycopy(a, base + 2 + i, a, base + 1 + i, len - 1 - i);
                        a[base + len] = 0;
                        a[base] = len - 1;
                        return;
                    }
                }
            }
        }
    }

    private static void full(int len, Instr.ListOp op) {
        if (len >= op.capacity()) {
            throw new EvalError(RuntimeError.LIST_FULL, op.site(), op.capacity(), 0, 0);
        }
    }
}
