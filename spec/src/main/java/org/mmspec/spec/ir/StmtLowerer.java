package org.mmspec.spec.ir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.mmspec.spec.ast.Declarator;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.ast.ExprPrinter;
import org.mmspec.spec.ast.Stmt;
import org.mmspec.spec.resolve.Symbol;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.types.Builtin;
import org.mmspec.spec.types.ProcInfo;
import org.mmspec.spec.types.Type;

/** Lowers the statements of one body to a flat instruction list with jumps. */
final class StmtLowerer {

    private final ExprLowerer x;
    private final String owner;
    private final List<Instr> code = new ArrayList<>();
    private final Deque<List<Integer>> breaks = new ArrayDeque<>();
    private final Deque<List<Integer>> continues = new ArrayDeque<>();

    StmtLowerer(ExprLowerer x, String owner) {
        this.x = x;
        this.owner = owner;
    }

    List<Instr> code() {
        return code;
    }

    int here() {
        return code.size();
    }

    void emit(Instr i) {
        code.add(i);
    }

    private int placeholder() {
        code.add(null);
        return code.size() - 1;
    }

    void block(Stmt.Block b) {
        b.stmts().forEach(this::stmt);
    }

    private void stmt(Stmt s) {
        switch (s) {
            case Stmt.Labeled l -> {
                int at = here();
                emit(new Instr.Label(l.label().text(), x.sites().add(l.label().span(), l.label().text())));
                if (l.body() instanceof Stmt.While w) {
                    whileStmt(w, at);
                } else {
                    stmt(l.body());
                }
            }
            case Stmt.Block b -> block(b);
            case Stmt.LocalDecl d -> d.vars().forEach(this::localDecl);
            case Stmt.If i -> ifStmt(i);
            case Stmt.While w -> whileStmt(w, here());
            case Stmt.For f -> forStmt(f);
            case Stmt.Either e -> either(e);
            case Stmt.With w -> {
                Place var = x.local(x.program().local(w), owner);
                emit(new Instr.Pick(var, w.var().text(), x.program().local(w).type(), x.domain(w.domain(), owner),
                        x.sites().add(w.span(), "with (" + w.var().text() + " in " + ExprPrinter.domain(w.domain()) + ")")));
                block(w.body());
                emit(new Instr.Zero(var, 1));
            }
            case Stmt.Ghost g -> {
                emit(new Instr.Ghost(true));
                block(g.body());
                emit(new Instr.Ghost(false));
            }
            case Stmt.Await a -> emit(new Instr.Await(x.lower(a.cond(), owner),
                    x.sites().add(a.span(), ExprPrinter.print(a.cond()))));
            case Stmt.Assert a -> emit(new Instr.Check(x.lower(a.cond(), owner), Fault.Kind.ASSERTION,
                    x.sites().add(a.span(), a.message() != null ? a.message() : ExprPrinter.print(a.cond()))));
            case Stmt.Return r -> {
                if (r.value() instanceof Expr.Call c) {
                    Place tmp = x.local(x.program().local(r), owner);
                    callStmt(c, tmp);
                    emit(new Instr.Return(new IrExpr.Load(tmp)));
                } else {
                    emit(new Instr.Return(r.value() == null ? null : x.lower(r.value(), owner)));
                }
            }
            case Stmt.Break b -> breaks.peek().add(placeholder());
            case Stmt.Continue c -> continues.peek().add(placeholder());
            case Stmt.Empty e -> {
            }
            case Stmt.Assign a -> new AssignLowerer(x, this, owner).assign(a);
            case Stmt.Step st -> {
                Place p = x.place(st.target(), owner);
                long[] r = x.range(x.program().type(st.target()));
                int site = x.sites().add(st.span(), ExprPrinter.print(st.target()));
                emit(new Instr.Update(p, st.increment() ? IrExpr.Op.ADD : IrExpr.Op.SUB, new IrExpr.Const(1), r[0],
                        r[1], site));
            }
            case Stmt.ExprStmt e -> callStmt((Expr.Call) e.expr(), null);
        }
    }

    private void localDecl(Declarator d) {
        Symbol.Local l = x.program().local(d);
        Place p = x.local(l, owner);
        if (d.init() == null) {
            emit(new Instr.Zero(p, x.layout().width(l.type())));
        } else {
            new AssignLowerer(x, this, owner).store(p, l.type(), d.init(), d.span(), d.name().text(), false);
        }
    }

    private void ifStmt(Stmt.If i) {
        List<Integer> ends = new ArrayList<>();
        for (int k = 0; k < i.conds().size(); k++) {
            int test = placeholder();
            block(i.thens().get(k));
            ends.add(placeholder());
            code.set(test, new Instr.JumpIfNot(x.lower(i.conds().get(k), owner), here()));
        }
        if (i.otherwise() != null) {
            block(i.otherwise());
        }
        ends.forEach(e -> code.set(e, new Instr.Jump(here())));
    }

    /**
     * {@code while}; {@code back} is where each iteration starts: the loop test, or the label in front of
     * the loop (PlusCal style: then every iteration is a new atomic step).
     */
    private void whileStmt(Stmt.While w, int back) {
        int test = placeholder();
        loopBody(w.body(), back);
        emit(new Instr.Jump(back));
        code.set(test, new Instr.JumpIfNot(x.lower(w.cond(), owner), here()));
        patchBreaks(here());
    }

    private void forStmt(Stmt.For f) {
        Place var = x.local(x.program().local(f), owner);
        Place index = x.local(x.program().forIndex(f), owner);
        DomainIr dom = x.domain(f.domain(), owner);
        emit(new Instr.Store(index, new IrExpr.Const(0), Integer.MIN_VALUE, Integer.MAX_VALUE, -1));
        int top = here();
        int test = placeholder();
        emit(new Instr.ElemAt(var, dom, new IrExpr.Load(index)));
        breaks.push(new ArrayList<>());
        continues.push(new ArrayList<>());
        block(f.body());
        int next = here();
        continues.pop().forEach(c -> code.set(c, new Instr.Jump(next)));
        emit(new Instr.Store(index, new IrExpr.Binary(IrExpr.Op.ADD, new IrExpr.Load(index), new IrExpr.Const(1), -1),
                Integer.MIN_VALUE, Integer.MAX_VALUE, -1));
        emit(new Instr.Jump(top));
        code.set(test, new Instr.JumpIfDone(dom, new IrExpr.Load(index), here()));
        patchBreaks(here());
        emit(new Instr.Zero(var, 1));
        emit(new Instr.Zero(index, 1));
    }

    private void loopBody(Stmt.Block body, int continueTarget) {
        breaks.push(new ArrayList<>());
        continues.push(new ArrayList<>());
        block(body);
        continues.pop().forEach(c -> code.set(c, new Instr.Jump(continueTarget)));
    }

    private void patchBreaks(int target) {
        breaks.pop().forEach(b -> code.set(b, new Instr.Jump(target)));
    }

    private void either(Stmt.Either e) {
        int choose = placeholder();
        int[] targets = new int[e.branches().size()];
        List<Integer> ends = new ArrayList<>();
        for (int k = 0; k < targets.length; k++) {
            targets[k] = here();
            block(e.branches().get(k));
            ends.add(placeholder());
        }
        code.set(choose, new Instr.Choose(targets));
        ends.forEach(end -> code.set(end, new Instr.Jump(here())));
    }

    /** A call as a statement or as the value of an assignment to {@code dst} (null: discarded). */
    void callStmt(Expr.Call c, Place dst) {
        Symbol s = x.program().ref(c);
        long[] r = dst == null ? new long[] {0, 0} : x.range(x.program().type(c));
        int site = x.sites().add(c.span(), ExprPrinter.print(c));
        if (s instanceof Symbol.Proc p) {
            ProcInfo info = x.program().proc(p.name());
            List<IrExpr.Arg> args = x.args(c.args(), info, owner);
            int idx = x.layout().procIndex(p.name());
            emit(info.hasSteps() ? new Instr.Call(idx, args, dst, r[0], r[1], site)
                    : new Instr.RunInline(idx, args, dst, r[0], r[1], site));
            return;
        }
        Builtin b = ((Symbol.BuiltinFn) s).builtin();
        List<Expr> a = c.args();
        switch (b) {
            case LOCK -> emit(new Instr.LockOp(x.place(a.get(0), owner), Instr.LockAction.LOCK, site));
            case UNLOCK -> emit(new Instr.LockOp(x.place(a.get(0), owner), Instr.LockAction.UNLOCK, site));
            case DOWN_READ -> emit(new Instr.LockOp(x.place(a.get(0), owner), Instr.LockAction.DOWN_READ, site));
            case UP_READ -> emit(new Instr.LockOp(x.place(a.get(0), owner), Instr.LockAction.UP_READ, site));
            case DOWN_WRITE -> emit(new Instr.LockOp(x.place(a.get(0), owner), Instr.LockAction.DOWN_WRITE, site));
            case UP_WRITE -> emit(new Instr.LockOp(x.place(a.get(0), owner), Instr.LockAction.UP_WRITE, site));
            case TRYLOCK -> emit(new Instr.TryLock(dst, x.place(a.get(0), owner), site));
            case LIST_ADD_TAIL, LIST_ADD, LIST_DEL -> emit(new Instr.ListOp(x.place(a.get(0), owner),
                    ((Type.ListOf) x.program().type(a.get(0))).capacity(),
                    b == Builtin.LIST_ADD_TAIL ? Instr.ListAction.ADD_TAIL
                            : b == Builtin.LIST_ADD ? Instr.ListAction.ADD_HEAD : Instr.ListAction.DEL,
                    x.lower(a.get(1), owner), site));
            case TEST_AND_SET_BIT, TEST_AND_CLEAR_BIT -> {
                Place target = x.place(a.get(1), owner);
                long[] tr = x.range(x.program().type(a.get(1)));
                Type elem = ((Type.SetOf) x.program().type(a.get(1))).elem();
                emit(new Instr.Atomic(b == Builtin.TEST_AND_SET_BIT ? Instr.AtomicFn.TEST_AND_SET_BIT
                        : Instr.AtomicFn.TEST_AND_CLEAR_BIT, target, x.mask(a.get(0), elem, owner), null, dst, tr[0],
                        tr[1], site));
            }
            case ATOMIC_DEC_AND_TEST, ATOMIC_INC_NOT_ZERO, ATOMIC_CMPXCHG, ATOMIC_XCHG -> {
                Place target = x.place(a.get(0), owner);
                long[] tr = x.range(x.program().type(a.get(0)));
                Instr.AtomicFn fn = switch (b) {
                    case ATOMIC_DEC_AND_TEST -> Instr.AtomicFn.DEC_AND_TEST;
                    case ATOMIC_INC_NOT_ZERO -> Instr.AtomicFn.INC_NOT_ZERO;
                    case ATOMIC_CMPXCHG -> Instr.AtomicFn.CMPXCHG;
                    default -> Instr.AtomicFn.XCHG;
                };
                IrExpr first = a.size() > 1 ? x.lower(a.get(1), owner) : null;
                IrExpr second = a.size() > 2 ? x.lower(a.get(2), owner) : null;
                emit(new Instr.Atomic(fn, target, first, second, dst, tr[0], tr[1], site));
            }
            case BUG_ON, VM_BUG_ON -> emit(new Instr.Check(new IrExpr.Unary(IrExpr.Op.NOT, x.lower(a.get(0), owner), -1),
                    Fault.Kind.KERNEL_BUG, site));
            default -> {
                if (dst != null) {
                    emit(new Instr.Store(dst, x.lower(c, owner), r[0], r[1], site));
                }
            }
        }
    }
}
