package org.mmspec.spec.eval;

import org.mmspec.spec.ir.IrExpr;

/** Compiled expressions over aggregates, lists, locks and PTEs, and calls of functions. */
final class ExprNodes {

    private ExprNodes() {
    }

    /** Slot-wise equality of two aggregates (or its negation). */
    static final class AggEq extends CExpr {
        private final CPlace left;
        private final CPlace right;
        private final int width;
        private final boolean negate;

        AggEq(CPlace left, CPlace right, int width, boolean negate) {
            this.left = left;
            this.right = right;
            this.width = width;
            this.negate = negate;
        }

        @Override
        int run(Ctx c) {
            int l = left.addr(c);
            int r = right.addr(c);
            boolean eq = java.util.Arrays.equals(left.array(c), l, l + width, right.array(c), r, r + width);
            return eq != negate ? 1 : 0;
        }
    }

    /** The length of a list. */
    static final class ListLen extends CExpr {
        private final CPlace list;

        ListLen(CPlace list) {
            this.list = list;
        }

        @Override
        int run(Ctx c) {
            int base = list.addr(c);
            return list.array(c)[base];
        }
    }

    /** Whether a list holds a value: one unit of fuel per element it has. */
    static final class ListContains extends CExpr {
        private final CPlace list;
        private final CExpr value;

        ListContains(CPlace list, CExpr value) {
            this.list = list;
            this.value = value;
        }

        @Override
        int run(Ctx c) {
            int[] arr = list.array(c);
            int base = list.addr(c);
            int v = value.eval(c);
            c.spend(arr[base]);
            for (int i = 0; i < arr[base]; i++) {
                if (arr[base + 1 + i] == v) {
                    return 1;
                }
            }
            return 0;
        }
    }

    /** The first element of a list; an error on an empty one. */
    static final class ListFirst extends CExpr {
        private final CPlace list;
        private final int site;

        ListFirst(CPlace list, int site) {
            this.list = list;
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int[] arr = list.array(c);
            int base = list.addr(c);
            if (arr[base] == 0) {
                throw new EvalError(RuntimeError.LIST_EMPTY, site);
            }
            return arr[base + 1];
        }
    }

    /** A PTE built-in of one operand. */
    static final class Pte extends CExpr {
        private final IrExpr.PteFn fn;
        private final CExpr x;
        private final int site;

        Pte(IrExpr.PteFn fn, CExpr x, int site) {
            super(true, x);
            this.fn = fn;
            this.x = x;
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            return Operators.pte(fn, x.eval(c), site);
        }

        @Override
        int fastRun(Ctx c) {
            return Operators.pte(fn, x.fast(c), site);
        }
    }

    /** {@code mk_pte(pfn, write)}: the pfn is checked before {@code write} is evaluated. */
    static final class MkPte extends CExpr {
        private final CExpr pfn;
        private final CExpr write;
        private final int site;

        MkPte(CExpr pfn, CExpr write, int site) {
            super(true, pfn, write);
            this.pfn = pfn;
            this.write = write;
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int x = pfn.eval(c);
            Operators.nonNullPfn(x, site);
            return Operators.mkPte(x, write.eval(c));
        }

        @Override
        int fastRun(Ctx c) {
            int x = pfn.fast(c);
            Operators.nonNullPfn(x, site);
            return Operators.mkPte(x, write.fast(c));
        }
    }

    /** {@code locked(l)} (thread null) or {@code holds(l, thread)}. */
    static final class LockQuery extends CExpr {
        private final CPlace lock;
        private final boolean rwsem;
        private final CExpr thread;

        LockQuery(CPlace lock, boolean rwsem, CExpr thread) {
            super(lock instanceof CPlace.GlobalSlot, thread);
            this.lock = lock;
            this.rwsem = rwsem;
            this.thread = thread;
        }

        @Override
        int run(Ctx c) {
            int[] arr = lock.array(c);
            int a = lock.addr(c);
            if (thread == null) {
                return arr[a] != 0 || rwsem && arr[a + 1] != 0 ? 1 : 0;
            }
            return Locks.held(arr, a, rwsem, thread.eval(c));
        }

        @Override
        int fastRun(Ctx c) {
            int[] arr = c.g;
            int a = lock.addr(c);
            if (thread == null) {
                return arr[a] != 0 || rwsem && arr[a + 1] != 0 ? 1 : 0;
            }
            return Locks.held(arr, a, rwsem, thread.fast(c));
        }
    }

    /** A call of a function: its procedure run inline with a fresh frame. */
    static final class CallFn extends CExpr {
        private final CompiledProgram program;
        private final int proc;
        private final CArg[] args;

        CallFn(CompiledProgram program, int proc, CArg[] args) {
            this.program = program;
            this.proc = proc;
            this.args = args;
        }

        @Override
        int run(Ctx c) {
            return program.runInline(proc, args, c);
        }
    }
}
