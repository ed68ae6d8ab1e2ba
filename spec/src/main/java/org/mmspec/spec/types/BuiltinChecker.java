package org.mmspec.spec.types;

import java.util.List;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.diag.DiagnosticCode;

/** Typing of calls to built-in functions. */
final class BuiltinChecker {

    private static final Type BOOL = new Type.Bool();
    private static final Type PTE = new Type.Pte();
    private static final Type ERROR = new Type.Error();
    private static final Type PFN = new Type.Id(Type.IdKind.PFN);

    private final ExprChecker c;

    BuiltinChecker(ExprChecker c) {
        this.c = c;
    }

    Type check(Expr.Call call, Builtin b, Env env, boolean statement) {
        List<Expr> args = call.args();
        int arity = b == Builtin.HOLDS ? (args.size() == 1 || args.size() == 2 ? args.size() : 2) : b.arity();
        if (args.size() != arity) {
            c.diagnostics.error(DiagnosticCode.WRONG_ARG_COUNT, call.span(), b.spelling(), arity, args.size());
            args.forEach(a -> c.check(a, env));
            return ERROR;
        }
        checkPlacement(call, b, env, statement);
        return switch (b) {
            case PTE_NONE, PTE_PRESENT, PTE_WRITE, PTE_DIRTY, PTE_YOUNG, IS_SWAP_PTE -> arg(args, 0, env, PTE, BOOL);
            case PTE_PFN -> arg(args, 0, env, PTE, PFN);
            case MK_PTE -> {
                c.expect(args.get(0), env, PFN);
                yield arg(args, 1, env, BOOL, PTE);
            }
            case PTE_MKWRITE, PTE_WRPROTECT, PTE_MKDIRTY, PTE_MKCLEAN, PTE_MKYOUNG, PTE_MKOLD -> arg(args, 0, env, PTE, PTE);
            case SWP_ENTRY_PTE -> arg(args, 0, env, Type.Int.ANY, PTE);
            case PTE_SWP_OFFSET -> arg(args, 0, env, PTE, Type.Int.ANY);
            case MIN, MAX -> {
                c.expect(args.get(0), env, Type.Int.ANY);
                yield arg(args, 1, env, Type.Int.ANY, Type.Int.ANY);
            }
            case SIZE -> size(args.get(0), env);
            case LIST_EMPTY -> {
                list(args.get(0), env);
                yield BOOL;
            }
            case LIST_FIRST -> list(args.get(0), env);
            case LIST_ADD_TAIL, LIST_ADD, LIST_DEL -> {
                Type elem = list(args.get(0), env);
                c.expect(args.get(1), env, elem);
                yield new Type.Void();
            }
            case LOCKED -> {
                lock(args.get(0), env, null);
                yield BOOL;
            }
            case HOLDS -> holds(call, env);
            case LOCK, UNLOCK -> lockOp(args.get(0), env, false, new Type.Void());
            case TRYLOCK -> lockOp(args.get(0), env, false, BOOL);
            case DOWN_READ, UP_READ, DOWN_WRITE, UP_WRITE -> lockOp(args.get(0), env, true, new Type.Void());
            case BUG_ON, VM_BUG_ON -> arg(args, 0, env, BOOL, new Type.Void());
            case TEST_AND_SET_BIT, TEST_AND_CLEAR_BIT -> testAndChangeBit(args, env, b);
            case ATOMIC_DEC_AND_TEST, ATOMIC_INC_NOT_ZERO -> {
                atomicTarget(args.get(0), env, b);
                yield BOOL;
            }
            case ATOMIC_CMPXCHG, ATOMIC_XCHG -> exchange(args, env, b);
        };
    }

    /** A built-in with side effects is a statement, and one that takes a lock belongs in a procedure. */
    private void checkPlacement(Expr.Call call, Builtin b, Env env, boolean statement) {
        if (!b.pure()) {
            if (!statement) {
                c.diagnostics.error(DiagnosticCode.NOT_ALLOWED_HERE, call.span(), "'" + b.spelling() + "'",
                        "an expression");
            } else if (b.locking() && !env.inProcedure()) {
                c.diagnostics.error(DiagnosticCode.NOT_ALLOWED_HERE, call.span(), "'" + b.spelling() + "'",
                        ExprChecker.where(env));
            }
        }
    }

    /** {@code size(x)}: the length of a list (which must be a place) or of a set. */
    private Type size(Expr arg, Env env) {
        Type t = c.check(arg, env);
        if (t instanceof Type.ListOf) {
            place(arg, t);
        } else if (!(t instanceof Type.SetOf) && !TypeRules.isError(t)) {
            c.diagnostics.error(DiagnosticCode.BAD_OPERAND, arg.span(), "size", t.show());
        }
        return Type.Int.ANY;
    }

    /** {@code holds(lock[, thread])}: without a thread, only where there is a current thread. */
    private Type holds(Expr.Call call, Env env) {
        List<Expr> args = call.args();
        lock(args.get(0), env, null);
        if (args.size() == 2) {
            c.expect(args.get(1), env, new Type.Id(Type.IdKind.THREAD));
        } else if (!env.hasThread()) {
            c.diagnostics.error(DiagnosticCode.NOT_IN_PROCEDURE, call.span(), "holds(lock)");
        }
        return BOOL;
    }

    /** {@code test_and_set_bit(x, set)}, {@code test_and_clear_bit(x, set)}: x is an element of the set. */
    private Type testAndChangeBit(List<Expr> args, Env env, Builtin b) {
        Type set = atomicTarget(args.get(1), env, b);
        if (set instanceof Type.SetOf s) {
            c.expect(args.get(0), env, s.elem());
        } else {
            c.check(args.get(0), env);
        }
        return BOOL;
    }

    /** {@code atomic_cmpxchg}, {@code xchg}: the values have the target's type, which is the result. */
    private Type exchange(List<Expr> args, Env env, Builtin b) {
        Type t = atomicTarget(args.get(0), env, b);
        for (int i = 1; i < args.size(); i++) {
            if (TypeRules.isError(t)) {
                c.check(args.get(i), env);
            } else {
                c.expect(args.get(i), env, t);
            }
        }
        return t;
    }

    /**
     * The variable an atomic built-in works on: a place of a set ({@code test_and_*_bit}), an int (the
     * counters) or any scalar ({@code atomic_cmpxchg}, {@code xchg}).
     */
    private Type atomicTarget(Expr e, Env env, Builtin b) {
        Type t = c.check(e, env);
        if (TypeRules.isError(t)) {
            return t;
        }
        boolean ok = switch (b) {
            case TEST_AND_SET_BIT, TEST_AND_CLEAR_BIT -> t instanceof Type.SetOf;
            case ATOMIC_DEC_AND_TEST, ATOMIC_INC_NOT_ZERO -> t instanceof Type.Int;
            default -> t.scalar();
        };
        if (!ok) {
            String want = switch (b) {
                case TEST_AND_SET_BIT, TEST_AND_CLEAR_BIT -> "a set";
                case ATOMIC_DEC_AND_TEST, ATOMIC_INC_NOT_ZERO -> "an int";
                default -> "a scalar";
            };
            c.diagnostics.error(DiagnosticCode.TYPE_MISMATCH, e.span(), want, t.show());
            return ERROR;
        }
        if (!c.isPlace(e)) {
            c.diagnostics.error(DiagnosticCode.NOT_ASSIGNABLE, e.span(), org.mmspec.spec.ast.ExprPrinter.print(e));
            return ERROR;
        }
        return t;
    }

    private Type arg(List<Expr> args, int i, Env env, Type want, Type result) {
        c.expect(args.get(i), env, want);
        return result;
    }

    private Type list(Expr e, Env env) {
        Type t = c.check(e, env);
        if (t instanceof Type.ListOf l) {
            place(e, t);
            return l.elem();
        }
        if (!TypeRules.isError(t)) {
            c.diagnostics.error(DiagnosticCode.TYPE_MISMATCH, e.span(), "a list", t.show());
        }
        return ERROR;
    }

    private Type lockOp(Expr e, Env env, boolean rwsem, Type result) {
        Type t = c.check(e, env);
        if (TypeRules.isError(t)) {
            return result;
        }
        boolean ok = t instanceof Type.Lock l && (l.kind() == Type.LockKind.RWSEM) == rwsem;
        if (!ok) {
            c.diagnostics.error(DiagnosticCode.TYPE_MISMATCH, e.span(), rwsem ? "rwsem" : "mutex or spinlock_t",
                    t.show());
        } else {
            place(e, t);
        }
        return result;
    }

    private void lock(Expr e, Env env, Type unused) {
        Type t = c.check(e, env);
        if (!(t instanceof Type.Lock) && !TypeRules.isError(t)) {
            c.diagnostics.error(DiagnosticCode.TYPE_MISMATCH, e.span(), "a lock", t.show());
        } else if (t instanceof Type.Lock) {
            place(e, t);
        }
    }

    private void place(Expr e, Type t) {
        if (!c.isPlace(e)) {
            c.diagnostics.error(DiagnosticCode.AGGREGATE_NOT_PLACE, e.span(), t.show());
        }
    }
}
