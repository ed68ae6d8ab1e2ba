package org.mmspec.spec.ir;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.spec.ast.Domain;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.ast.ExprPrinter;
import org.mmspec.spec.resolve.Symbol;
import org.mmspec.spec.types.Builtin;
import org.mmspec.spec.types.CheckedProgram;
import org.mmspec.spec.types.ConstValue;
import org.mmspec.spec.types.DomainInfo;
import org.mmspec.spec.types.ProcInfo;
import org.mmspec.spec.types.Type;

/** Lowers checked expressions to {@link IrExpr} and places to {@link Place}, for one scenario's layout. */
final class ExprLowerer {

    private final CheckedProgram program;
    private final Layout layout;
    private final Sites sites;

    ExprLowerer(CheckedProgram program, Layout layout, Sites sites) {
        this.program = program;
        this.layout = layout;
        this.sites = sites;
    }

    Layout layout() {
        return layout;
    }

    Sites sites() {
        return sites;
    }

    CheckedProgram program() {
        return program;
    }

    IrExpr lower(Expr e, String owner) {
        return switch (e) {
            case Expr.IntLit i -> new IrExpr.Const((int) i.value());
            case Expr.BoolLit b -> new IrExpr.Const(b.value() ? 1 : 0);
            case Expr.NullLit n -> new IrExpr.Const(-1);
            case Expr.Self s -> new IrExpr.Self();
            case Expr.Name n -> name(n, owner);
            case Expr.Field f -> load(place(f, owner), f);
            case Expr.Index x -> load(place(x, owner), x);
            case Expr.Call c -> call(c, owner);
            case Expr.Unary u -> unary(u, owner);
            case Expr.Binary b -> new BinaryLowerer(this).lower(b, owner);
            case Expr.Conditional c -> new IrExpr.Cond(lower(c.cond(), owner), lower(c.then(), owner),
                    lower(c.otherwise(), owner));
            case Expr.Quantified q -> new IrExpr.Quant(IrExpr.Quant.Kind.valueOf(q.kind().name()), q.var().text(),
                    program.local(q).type(), local(program.local(q), owner), domain(q.domain(), owner), lower(q.body(), owner));
            case Expr.SetLit s -> {
                Type elem = ((Type.SetOf) program.type(s)).elem();
                IrExpr mask = new IrExpr.Const(0);
                for (Expr x : s.elems()) {
                    mask = new IrExpr.Binary(IrExpr.Op.MASK_OR, mask, toMask(lower(x, owner), elem, x), -1);
                }
                yield mask;
            }
        };
    }

    private IrExpr name(Expr.Name n, String owner) {
        Symbol s = program.ref(n);
        return switch (s) {
            case Symbol.Local l -> new IrExpr.Load(local(l, owner));
            case Symbol.Global g -> load(new Place.Global(layout.globalOffset(g.name())), n);
            case Symbol.Const c -> {
                ConstValue v = program.constant(c.name());
                yield new IrExpr.Const(v == null ? 0 : (int) v.value());
            }
            case Symbol.EnumMember m -> new IrExpr.Const(m.ordinal());
            case Symbol.BuiltinConst b -> new IrExpr.Const(b.value());
            default -> throw new IllegalStateException("name " + n.name().text() + " resolved to " + s);
        };
    }

    /** A load; one of global state carries its source position for the atomicity audit. */
    private IrExpr load(Place p, Expr at) {
        return p.global() ? new IrExpr.Load(p, -1, sites.add(at.span(), ExprPrinter.print(at))) : new IrExpr.Load(p);
    }

    Place local(Symbol.Local l, String owner) {
        return new Place.Local(layout.localOffset(owner, l.index()));
    }

    /** The place a variable, field or element expression names. */
    Place place(Expr e, String owner) {
        return switch (e) {
            case Expr.Name n -> switch (program.ref(n)) {
                case Symbol.Local l -> local(l, owner);
                case Symbol.Global g -> new Place.Global(layout.globalOffset(g.name()));
                default -> throw new IllegalStateException("not a place: " + n.name().text());
            };
            case Expr.Field f -> {
                Type.Record r = (Type.Record) program.type(f.target());
                int off = 0;
                for (Type.Field x : r.fields()) {
                    if (x.name().equals(f.field().text())) {
                        break;
                    }
                    off += layout.width(x.type());
                }
                yield new Place.FieldOf(place(f.target(), owner), off);
            }
            case Expr.Index x -> {
                Type t = program.type(x.target());
                int site = sites.add(x.span(), ExprPrinter.print(x.target()));
                if (t instanceof Type.ListOf) {
                    yield new Place.ListElem(place(x.target(), owner), lower(x.index(), owner), site);
                }
                Type.Array a = (Type.Array) t;
                yield new Place.Elem(place(x.target(), owner), lower(x.index(), owner), Layout.lo(a.index()),
                        layout.count(a.index()), layout.width(a.elem()), a.index() instanceof Type.Id, site);
            }
            default -> throw new IllegalStateException("not a place: " + e);
        };
    }

    private IrExpr unary(Expr.Unary u, String owner) {
        IrExpr x = lower(u.operand(), owner);
        return switch (u.op()) {
            case NEG -> new IrExpr.Unary(IrExpr.Op.NEG, x, sites.add(u.span(), ExprPrinter.print(u)));
            case NOT -> new IrExpr.Unary(IrExpr.Op.NOT, x, -1);
            case COMPLEMENT -> {
                Type t = program.type(u.operand());
                Type elem = t instanceof Type.SetOf s ? s.elem() : t;
                IrExpr mask = t instanceof Type.SetOf ? x : toMask(x, elem, u.operand());
                yield new IrExpr.Binary(IrExpr.Op.MASK_ANDNOT, new IrExpr.Const(fullMask(elem)), mask, -1);
            }
        };
    }

    int fullMask(Type elem) {
        int n = layout.count(elem);
        return n >= 32 ? -1 : (1 << n) - 1;
    }

    IrExpr toMask(IrExpr value, Type elem, Expr at) {
        return new IrExpr.ToMask(value, Layout.lo(elem), layout.count(elem), sites.add(at.span(), ExprPrinter.print(at)));
    }

    /** An operand of a set operator: a set as is, a single element as its singleton mask. */
    IrExpr mask(Expr e, Type elem, String owner) {
        return program.type(e) instanceof Type.SetOf ? lower(e, owner) : toMask(lower(e, owner), elem, e);
    }

    private IrExpr call(Expr.Call c, String owner) {
        Symbol s = program.ref(c);
        if (s instanceof Symbol.Proc p) {
            return new IrExpr.CallFn(layout.procIndex(p.name()), args(c.args(), program.proc(p.name()), owner));
        }
        Builtin b = ((Symbol.BuiltinFn) s).builtin();
        List<Expr> a = c.args();
        int site = sites.add(c.span(), ExprPrinter.print(c));
        return switch (b) {
            case SIZE -> program.type(a.get(0)) instanceof Type.ListOf
                    ? new IrExpr.ListLen(place(a.get(0), owner))
                    : new IrExpr.Unary(IrExpr.Op.BIT_COUNT, lower(a.get(0), owner), -1);
            case LIST_EMPTY -> new IrExpr.Binary(IrExpr.Op.EQ, new IrExpr.ListLen(place(a.get(0), owner)),
                    new IrExpr.Const(0), -1);
            case LIST_FIRST -> new IrExpr.ListFirst(place(a.get(0), owner), site);
            case LOCKED -> lockQuery(a.get(0), null, owner);
            case HOLDS -> lockQuery(a.get(0), a.size() == 2 ? lower(a.get(1), owner) : new IrExpr.Self(), owner);
            case MIN, MAX -> new IrExpr.Binary(b == Builtin.MIN ? IrExpr.Op.MIN : IrExpr.Op.MAX,
                    lower(a.get(0), owner), lower(a.get(1), owner), -1);
            default -> {
                if (!b.pure()) {
                    throw new IllegalStateException("effect " + b + " in an expression");
                }
                List<IrExpr> args = new ArrayList<>();
                a.forEach(x -> args.add(lower(x, owner)));
                yield new IrExpr.PteOp(pteFn(b), args, site);
            }
        };
    }

    private static IrExpr.PteFn pteFn(Builtin b) {
        return switch (b) {
            case PTE_NONE -> IrExpr.PteFn.NONE;
            case PTE_PRESENT -> IrExpr.PteFn.PRESENT;
            case PTE_WRITE -> IrExpr.PteFn.WRITE;
            case PTE_DIRTY -> IrExpr.PteFn.DIRTY;
            case PTE_YOUNG -> IrExpr.PteFn.YOUNG;
            case IS_SWAP_PTE -> IrExpr.PteFn.IS_SWAP;
            case PTE_PFN -> IrExpr.PteFn.PFN;
            case MK_PTE -> IrExpr.PteFn.MK_PTE;
            case PTE_MKWRITE -> IrExpr.PteFn.MKWRITE;
            case PTE_WRPROTECT -> IrExpr.PteFn.WRPROTECT;
            case PTE_MKDIRTY -> IrExpr.PteFn.MKDIRTY;
            case PTE_MKCLEAN -> IrExpr.PteFn.MKCLEAN;
            case PTE_MKYOUNG -> IrExpr.PteFn.MKYOUNG;
            case PTE_MKOLD -> IrExpr.PteFn.MKOLD;
            case SWP_ENTRY_PTE -> IrExpr.PteFn.SWP_ENTRY;
            case PTE_SWP_OFFSET -> IrExpr.PteFn.SWP_OFFSET;
            default -> throw new IllegalStateException("not a PTE built-in: " + b);
        };
    }

    private IrExpr lockQuery(Expr lock, IrExpr thread, String owner) {
        Type.Lock t = (Type.Lock) program.type(lock);
        return new IrExpr.LockQuery(place(lock, owner), t.kind() == Type.LockKind.RWSEM, thread);
    }

    /** Arguments for {@code callee}'s parameters. */
    List<IrExpr.Arg> args(List<Expr> args, ProcInfo callee, String owner) {
        List<IrExpr.Arg> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Type want = callee.paramTypes().get(i);
            long[] range = range(want);
            if (want.scalar()) {
                out.add(new IrExpr.Arg(lower(args.get(i), owner), null, 1, range[0], range[1]));
            } else {
                out.add(new IrExpr.Arg(null, place(args.get(i), owner), layout.width(want), range[0], range[1]));
            }
        }
        return out;
    }

    /** The values a slot of type {@code t} may hold, for run-time checks. */
    long[] range(Type t) {
        return switch (t) {
            case Type.Bool b -> new long[] {0, 1};
            case Type.Int i -> new long[] {i.lo(), i.hi()};
            case Type.Enum e -> new long[] {0, e.members().size() - 1};
            case Type.Id id -> new long[] {-1, layout.count(id) - 1};
            default -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
        };
    }

    DomainIr domain(Domain d, String owner) {
        DomainInfo info = program.domain(d);
        return switch (d) {
            case Domain.Bools b -> new DomainIr(DomainIr.Kind.TYPE, 0, 2, null, null, null, null, -1);
            case Domain.Range r -> new DomainIr(DomainIr.Kind.RANGE, 0, 0, lower(r.lo(), owner), lower(r.hi(), owner),
                    null, null, sites.add(r.span(), ExprPrinter.print(r.lo()) + ".." + ExprPrinter.print(r.hi())));
            case Domain.Of o -> switch (info.kind()) {
                case TYPE -> new DomainIr(DomainIr.Kind.TYPE, Layout.lo(info.elem()), layout.count(info.elem()),
                        null, null, null, null, -1);
                case SET -> new DomainIr(DomainIr.Kind.SET, Layout.lo(info.elem()), layout.count(info.elem()),
                        null, null, lower(o.expr(), owner), null, -1);
                case LIST -> new DomainIr(DomainIr.Kind.LIST, 0, 0, null, null, null, place(o.expr(), owner), -1);
                case RANGE -> throw new IllegalStateException("range domain from an expression");
            };
        };
    }
}
