package org.mmspec.spec.eval;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Emits the bytecode of compiled expressions ({@link CExpr} trees) into a generated method whose locals are
 * {@code this}, the {@link Ctx} (slot 1), and temporaries from {@link #temp}. {@link #eval} does what
 * {@link CExpr#eval} does, fuel, nesting and all: a leaf read in place, a {@link FastRoot} as straight-line code
 * under the same rule (run fast only where no budget can run out, the closures node by node otherwise or after
 * a failure), an impure operator node with its operands generated; any other node is called as a closure.
 */
final class ExprGen {

    static final String CTX = "org/mmspec/spec/eval/Ctx";
    static final String CEXPR = "org/mmspec/spec/eval/CExpr";
    private static final String SUPPORT = "org/mmspec/spec/eval/GenSupport";
    private static final String CX = "(L" + CTX + ";)";

    private final MethodVisitor mv;
    private final Constants constants;
    private final boolean broken;
    private int nextLocal;

    /** {@code broken}: {@link Evaluation#MISGENERATED}, every {@code <} generated as {@code <=}. */
    ExprGen(MethodVisitor mv, Constants constants, boolean broken) {
        this.mv = mv;
        this.constants = constants;
        this.broken = broken;
    }

    /** The objects generated code refers to, each a final field of the generated class. */
    static final class Constants {
        private final String owner;
        private final Map<Object, Integer> index = new IdentityHashMap<>();
        final List<Object> values = new ArrayList<>();

        Constants(String owner) {
            this.owner = owner;
        }

        /** The field's type: the closure classes generated code calls. */
        static String type(Object o) {
            return switch (o) {
                case CExpr e -> "L" + CEXPR + ";";
                case CInstr i -> "Lorg/mmspec/spec/eval/CInstr;";
                case CPlace p -> "Lorg/mmspec/spec/eval/CPlace;";
                case CDomain d -> "Lorg/mmspec/spec/eval/CDomain;";
                case CompiledProgram p -> "Lorg/mmspec/spec/eval/CompiledProgram;";
                case CArg[] a -> "[Lorg/mmspec/spec/eval/CArg;";
                default -> throw new IllegalArgumentException(o.getClass().getName());
            };
        }

        void load(MethodVisitor mv, Object o) {
            Integer i = index.get(o);
            if (i == null) {
                i = values.size();
                index.put(o, i);
                values.add(o);
            }
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, owner, "k" + i, type(o));
        }
    }

    Constants constants() {
        return constants;
    }

    /** Temporaries start at {@code first} (after the method's own locals). */
    void reset(int first) {
        nextLocal = first;
    }

    /** A fresh local of {@code size} slots. */
    int temp(int size) {
        int t = nextLocal;
        nextLocal += size;
        return t;
    }

    void ctx() {
        mv.visitVarInsn(ALOAD, 1);
    }

    void push(int v) {
        mv.visitLdcInsn(v);
    }

    /** The value of {@code e}, as {@link CExpr#eval}; the operand stack must be empty (a handler may run). */
    void eval(CExpr e) {
        if (e.isLeaf()) {
            ctx();
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "leaf", CX + "V", false);
            fast(e);
        } else if (e instanceof FastRoot r) {
            fastRoot(r);
        } else if (e instanceof BinaryNodes.Pair p && op(p) != null) {
            ctx();
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "enter", CX + "V", false);
            int v = temp(1);
            pair(p);
            mv.visitVarInsn(ISTORE, v);
            ctx();
            mv.visitInsn(DUP);
            mv.visitFieldInsn(GETFIELD, CTX, "depth", "I");
            mv.visitInsn(ICONST_1);
            mv.visitInsn(ISUB);
            mv.visitFieldInsn(PUTFIELD, CTX, "depth", "I");
            mv.visitVarInsn(ILOAD, v);
        } else {
            constants.load(mv, e);
            ctx();
            mv.visitMethodInsn(INVOKEVIRTUAL, CEXPR, "eval", CX + "I", false);
        }
    }

    /** An impure binary node's {@code run}: operands by {@link #eval}, left to right, short-circuits kept. */
    private void pair(BinaryNodes.Pair p) {
        String op = op(p);
        int l = temp(1);
        eval(p.left);
        if (op.equals("and") || op.equals("or") || op.equals("implies")) {
            Label skip = new Label();
            Label end = new Label();
            mv.visitJumpInsn(op.equals("or") ? IFNE : IFEQ, skip);
            eval(p.right);
            truth();
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(skip);
            mv.visitInsn(op.equals("and") ? ICONST_0 : ICONST_1);
            mv.visitLabel(end);
            return;
        }
        mv.visitVarInsn(ISTORE, l);
        eval(p.right);
        int r = temp(1);
        mv.visitVarInsn(ISTORE, r);
        mv.visitVarInsn(ILOAD, l);
        mv.visitVarInsn(ILOAD, r);
        apply(p, op);
    }

    /** {@link FastRoot#run} inside {@link CExpr#eval}: the root's accounting, then fast or node by node. */
    private void fastRoot(FastRoot r) {
        ctx();
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "enter", CX + "V", false);
        int before = temp(2);
        int v = temp(1);
        Label slow = new Label();
        Label done = new Label();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, "org/mmspec/spec/eval/EvalError");
        ctx();
        mv.visitFieldInsn(GETFIELD, CTX, "fuel", "J");
        mv.visitVarInsn(LSTORE, before);
        mv.visitVarInsn(LLOAD, before);
        mv.visitLdcInsn(r.rest);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LLOAD, before);
        mv.visitMethodInsn(INVOKESTATIC, CTX, "stop", "(J)J", false);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFGE, slow);
        ctx();
        mv.visitFieldInsn(GETFIELD, CTX, "depth", "I");
        push(r.levels);
        mv.visitInsn(IADD);
        push(Ctx.MAX_NESTING);
        mv.visitJumpInsn(IF_ICMPGT, slow);
        ctx();
        mv.visitVarInsn(LLOAD, before);
        mv.visitLdcInsn(r.rest);
        mv.visitInsn(LADD);
        mv.visitFieldInsn(PUTFIELD, CTX, "fuel", "J");
        mv.visitLabel(start);
        fast(r.inner);
        mv.visitVarInsn(ISTORE, v);
        mv.visitLabel(end);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(handler);
        mv.visitInsn(POP);
        ctx();
        mv.visitVarInsn(LLOAD, before);
        mv.visitFieldInsn(PUTFIELD, CTX, "fuel", "J");
        mv.visitLabel(slow);
        constants.load(mv, r.inner);
        ctx();
        mv.visitMethodInsn(INVOKEVIRTUAL, CEXPR, "run", CX + "I", false);
        mv.visitVarInsn(ISTORE, v);
        mv.visitLabel(done);
        ctx();
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, CTX, "depth", "I");
        mv.visitInsn(ICONST_1);
        mv.visitInsn(ISUB);
        mv.visitFieldInsn(PUTFIELD, CTX, "depth", "I");
        mv.visitVarInsn(ILOAD, v);
    }

    /** The value of pure {@code e} as {@link CExpr#fast}: no budget checks, a branch not taken gives its fuel back. */
    private void fast(CExpr e) {
        if (e.isLeaf()) {
            switch (e.leaf) {
                case CExpr.CONST -> push(e.arg);
                case CExpr.GLOBAL -> {
                    ctx();
                    mv.visitFieldInsn(GETFIELD, CTX, "g", "[I");
                    push(e.arg);
                    mv.visitInsn(IALOAD);
                }
                default -> {
                    ctx();
                    mv.visitFieldInsn(GETFIELD, CTX, "f", "[I");
                    ctx();
                    mv.visitFieldInsn(GETFIELD, CTX, "fb", "I");
                    push(e.arg);
                    mv.visitInsn(IADD);
                    mv.visitInsn(IALOAD);
                }
            }
            return;
        }
        switch (e) {
            case CExpr.Self s -> {
                ctx();
                mv.visitFieldInsn(GETFIELD, CTX, "thread", "I");
            }
            case CExpr.ElemLoad l -> {
                ctx();
                mv.visitFieldInsn(GETFIELD, CTX, l.global ? "g" : "f", "[I");
                fast(l.index);
                element(l.s);
                push(l.s.stride());
                mv.visitInsn(IMUL);
                push(l.at);
                mv.visitInsn(IADD);
                if (!l.global) {
                    ctx();
                    mv.visitFieldInsn(GETFIELD, CTX, "fb", "I");
                    mv.visitInsn(IADD);
                }
                mv.visitInsn(IALOAD);
            }
            case CExpr.Cond k -> {
                Label otherwise = new Label();
                Label end = new Label();
                fast(k.cond);
                mv.visitJumpInsn(IFEQ, otherwise);
                giveBack(k.otherwise.cost);
                fast(k.then);
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(otherwise);
                giveBack(k.then.cost);
                fast(k.otherwise);
                mv.visitLabel(end);
            }
            case CExpr.ToMask m -> {
                fast(m.value);
                push(m.lo);
                push(m.count);
                push(m.site);
                mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "mask", "(IIII)I", false);
            }
            case CExpr.Neg n -> {
                fast(n.operand);
                push(n.site);
                mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "neg", "(II)I", false);
            }
            case CExpr.Not n -> {
                fast(n.operand);
                Label one = new Label();
                Label end = new Label();
                mv.visitJumpInsn(IFEQ, one);
                mv.visitInsn(ICONST_0);
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(one);
                mv.visitInsn(ICONST_1);
                mv.visitLabel(end);
            }
            case CExpr.BitCount b -> {
                fast(b.operand);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "bitCount", "(I)I", false);
            }
            case BinaryNodes.Pair p when op(p) != null -> fastPair(p, op(p));
            default -> {
                constants.load(mv, e);
                ctx();
                mv.visitMethodInsn(INVOKEVIRTUAL, CEXPR, "fastRun", CX + "I", false);
            }
        }
    }

    private void fastPair(BinaryNodes.Pair p, String op) {
        fast(p.left);
        if (op.equals("and") || op.equals("or") || op.equals("implies")) {
            Label skip = new Label();
            Label end = new Label();
            mv.visitJumpInsn(op.equals("or") ? IFNE : IFEQ, skip);
            fast(p.right);
            truth();
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(skip);
            giveBack(p.right.cost);
            mv.visitInsn(op.equals("and") ? ICONST_0 : ICONST_1);
            mv.visitLabel(end);
            return;
        }
        fast(p.right);
        apply(p, op);
    }

    /** {@code c.fuel -= cost}: a branch not taken. */
    private void giveBack(int cost) {
        ctx();
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, CTX, "fuel", "J");
        mv.visitLdcInsn((long) cost);
        mv.visitInsn(LSUB);
        mv.visitFieldInsn(PUTFIELD, CTX, "fuel", "J");
    }

    /** {@code v != 0 ? 1 : 0}. */
    private void truth() {
        Label zero = new Label();
        Label end = new Label();
        mv.visitJumpInsn(IFEQ, zero);
        mv.visitInsn(ICONST_1);
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(zero);
        mv.visitInsn(ICONST_0);
        mv.visitLabel(end);
    }

    /** {@link CPlace#element} on the value on the stack. */
    void element(CPlace.Shape s) {
        push(s.lo());
        push(s.count());
        mv.visitInsn(s.nullable() ? ICONST_1 : ICONST_0);
        push(s.site());
        mv.visitMethodInsn(INVOKESTATIC, "org/mmspec/spec/eval/CPlace", "element", "(IIIZI)I", false);
    }

    /** The operator of a binary node this generator knows, or null. */
    static String op(BinaryNodes.Pair p) {
        return switch (p) {
            case BinaryNodes.And a -> "and";
            case BinaryNodes.Or o -> "or";
            case BinaryNodes.Implies i -> "implies";
            case BinaryNodes.Add a -> "add";
            case BinaryNodes.Sub s -> "sub";
            case BinaryNodes.Mul m -> "mul";
            case BinaryNodes.Div d -> "div";
            case BinaryNodes.Mod m -> "mod";
            case CompareNodes.Lt x -> "lt";
            case CompareNodes.Le x -> "le";
            case CompareNodes.Gt x -> "gt";
            case CompareNodes.Ge x -> "ge";
            case CompareNodes.Eq x -> "eq";
            case CompareNodes.Ne x -> "ne";
            case CompareNodes.MaskOr x -> "or_mask";
            case CompareNodes.MaskAnd x -> "and_mask";
            case CompareNodes.MaskAndNot x -> "andnot_mask";
            case CompareNodes.MaskTest x -> "test_mask";
            case CompareNodes.Min x -> "min";
            case CompareNodes.Max x -> "max";
            default -> null;
        };
    }

    /** The operation on the two operands on the stack. */
    private void apply(BinaryNodes.Pair p, String op) {
        switch (op) {
            case "add", "sub", "mul", "div", "mod" -> {
                push(site(p));
                mv.visitMethodInsn(INVOKESTATIC, SUPPORT, op, "(III)I", false);
            }
            case "lt" -> compare(broken ? IF_ICMPLE : IF_ICMPLT);
            case "le" -> compare(IF_ICMPLE);
            case "gt" -> compare(IF_ICMPGT);
            case "ge" -> compare(IF_ICMPGE);
            case "eq" -> compare(IF_ICMPEQ);
            case "ne" -> compare(IF_ICMPNE);
            case "or_mask" -> mv.visitInsn(IOR);
            case "and_mask" -> mv.visitInsn(IAND);
            case "andnot_mask" -> {
                mv.visitInsn(ICONST_M1);
                mv.visitInsn(IXOR);
                mv.visitInsn(IAND);
            }
            case "test_mask" -> {
                mv.visitInsn(IAND);
                truth();
            }
            case "min", "max" -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", op, "(II)I", false);
            default -> throw new IllegalStateException(op);
        }
    }

    private static int site(BinaryNodes.Pair p) {
        return switch (p) {
            case BinaryNodes.Add a -> a.site;
            case BinaryNodes.Sub s -> s.site;
            case BinaryNodes.Mul m -> m.site;
            case BinaryNodes.Div d -> d.site;
            case BinaryNodes.Mod m -> m.site;
            default -> throw new IllegalStateException(p.getClass().getSimpleName());
        };
    }

    /** {@code l OP r ? 1 : 0}. */
    private void compare(int jump) {
        Label one = new Label();
        Label end = new Label();
        mv.visitJumpInsn(jump, one);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(one);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(end);
    }
}
