package org.mmspec.spec.eval;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Emits pure expression subtrees as straight-line bytecode with {@link CExpr#fast}'s meaning: no budget checks
 * inside (the {@link FastRoot} rule decides, in {@link ExprGen}, that none can run out), a branch not taken
 * giving its fuel back, the closures' checked operations and errors; a pure node it does not know runs its
 * closure's {@link CExpr#fastRun}. Also the operators {@link ExprGen} generates for impure binary nodes.
 */
final class FastGen {

    private static final String CTX = ExprGen.CTX;
    private static final String CEXPR = ExprGen.CEXPR;
    private static final String SUPPORT = ExprGen.SUPPORT;
    private static final String CX = "(L" + CTX + ";)";

    private final MethodVisitor mv;
    private final ExprGen.Constants constants;
    private final boolean broken;

    /** {@code broken}: {@link Evaluation#MISGENERATED}, every {@code <} generated as {@code <=}. */
    FastGen(MethodVisitor mv, ExprGen.Constants constants, boolean broken) {
        this.mv = mv;
        this.constants = constants;
        this.broken = broken;
    }

    void ctx() {
        mv.visitVarInsn(ALOAD, 1);
    }

    /** An int constant in the shortest instruction (small methods stay under the JIT's size limit). */
    void push(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** The value of pure {@code e} as {@link CExpr#fast}: no budget checks, a branch not taken gives its fuel back. */
    void fast(CExpr e) {
        if (e.isLeaf()) {
            leaf(e);
            return;
        }
        switch (e) {
            case CExpr.Self s -> {
                ctx();
                mv.visitFieldInsn(GETFIELD, CTX, "thread", "I");
            }
            case CExpr.ElemLoad l -> elemLoad(l);
            case CExpr.Cond k -> cond(k);
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

    /** A leaf read in place. */
    private void leaf(CExpr e) {
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
    }

    private void elemLoad(CExpr.ElemLoad l) {
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

    private void cond(CExpr.Cond k) {
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
    void truth() {
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
    void apply(BinaryNodes.Pair p, String op) {
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
