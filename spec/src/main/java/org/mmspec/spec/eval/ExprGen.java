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
    static final String SUPPORT = "org/mmspec/spec/eval/GenSupport";
    private static final String CX = "(L" + CTX + ";)";

    private final MethodVisitor mv;
    private final Constants constants;
    private final FastGen f;
    /** {@link ProcGen.Fault#UNLOGGED}: a quantifier's reset of its variable not reported either. */
    private final boolean unlogged;
    private int nextLocal;

    ExprGen(MethodVisitor mv, Constants constants, ProcGen.Fault fault) {
        this.mv = mv;
        this.constants = constants;
        this.f = new FastGen(mv, constants, fault == ProcGen.Fault.OPERATOR);
        this.unlogged = fault == ProcGen.Fault.UNLOGGED;
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
        f.push(v);
    }

    /** The value of {@code e}, as {@link CExpr#eval}; the operand stack must be empty (a handler may run). */
    void eval(CExpr e) {
        if (e.isLeaf()) {
            ctx();
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "leaf", CX + "V", false);
            f.fast(e);
        } else if (generated(e)) {
            ctx();
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "enter", CX + "V", false);
            int v = temp(1);
            run(e);
            mv.visitVarInsn(ISTORE, v);
            ctx();
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "leave", CX + "V", false);
            mv.visitVarInsn(ILOAD, v);
        } else {
            constants.load(mv, e);
            ctx();
            mv.visitMethodInsn(INVOKEVIRTUAL, CEXPR, "eval", CX + "I", false);
        }
    }

    /** Whether {@link #run} generates {@code e}'s own work rather than calling its closure. */
    static boolean generated(CExpr e) {
        return e instanceof FastRoot || e instanceof QuantNodes.Quant
                || e instanceof BinaryNodes.Pair p && FastGen.op(p) != null;
    }

    /**
     * {@code e}'s own work, as its {@link CExpr#run} (the caller accounts for {@code e} itself); the operand
     * stack must be empty.
     */
    void run(CExpr e) {
        switch (e) {
            case FastRoot r -> fastRoot(r);
            case QuantNodes.Quant q -> quant(q);
            case BinaryNodes.Pair p when FastGen.op(p) != null -> pair(p);
            default -> {
                constants.load(mv, e);
                ctx();
                mv.visitMethodInsn(INVOKEVIRTUAL, CEXPR, "run", CX + "I", false);
            }
        }
    }

    /**
     * A quantifier's {@code run} ({@link QuantNodes}): the variable bound to each value in turn (a unit of fuel
     * each), the body by {@link #eval}, an early stop, the variable's slot reset to 0 and reported.
     */
    private void quant(QuantNodes.Quant q) {
        int arr = temp(1);
        ctx();
        mv.visitFieldInsn(GETFIELD, CTX, q.var.global ? "g" : "f", "[I");
        mv.visitVarInsn(ASTORE, arr);
        int slot = address(q.var);
        int n = temp(1);
        count(q.domain);
        mv.visitVarInsn(ISTORE, n);
        boolean counting = q instanceof QuantNodes.Count;
        int acc = temp(2);
        mv.visitLdcInsn(q instanceof QuantNodes.Forall ? 1L : 0L);
        mv.visitVarInsn(LSTORE, acc);
        int i = temp(1);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, i);
        Label loop = new Label();
        Label end = new Label();
        mv.visitLabel(loop);
        mv.visitVarInsn(ILOAD, i);
        mv.visitVarInsn(ILOAD, n);
        mv.visitJumpInsn(IF_ICMPGE, end);
        ctx();
        mv.visitMethodInsn(INVOKEVIRTUAL, CTX, "tick", "()V", false);
        mv.visitVarInsn(ALOAD, arr);
        mv.visitVarInsn(ILOAD, slot);
        if (q.domain instanceof CDomain.OfType t) {
            mv.visitVarInsn(ILOAD, i);
            push(t.lo);
            mv.visitInsn(IADD);
        } else {
            constants.load(mv, q.domain);
            mv.visitVarInsn(ILOAD, i);
            ctx();
            mv.visitMethodInsn(INVOKEVIRTUAL, "org/mmspec/spec/eval/CDomain", "elem", "(IL" + CTX + ";)I", false);
        }
        mv.visitInsn(IASTORE);
        eval(q.body);
        accumulate(q, acc, end);
        mv.visitIincInsn(i, 1);
        mv.visitJumpInsn(GOTO, loop);
        mv.visitLabel(end);
        mv.visitVarInsn(ALOAD, arr);
        mv.visitVarInsn(ILOAD, slot);
        mv.visitInsn(ICONST_0);
        mv.visitInsn(IASTORE);
        if (!unlogged) {
            ctx();
            mv.visitVarInsn(ALOAD, arr);
            mv.visitVarInsn(ILOAD, slot);
            mv.visitMethodInsn(INVOKEVIRTUAL, CTX, "wrote", "([II)V", false);
        }
        mv.visitVarInsn(LLOAD, acc);
        if (counting) {
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "counted", "(J)I", false);
        } else {
            mv.visitInsn(L2I);
        }
    }

    /** The body's value on the stack into {@code acc}: added (a count, a sum), or an early stop at {@code end}. */
    private void accumulate(QuantNodes.Quant q, int acc, Label end) {
        if (q instanceof QuantNodes.Count k) {
            if (!k.sum) {
                f.truth();
            }
            mv.visitInsn(I2L);
            mv.visitVarInsn(LLOAD, acc);
            mv.visitInsn(LADD);
            mv.visitVarInsn(LSTORE, acc);
            return;
        }
        Label goOn = new Label();
        boolean forall = q instanceof QuantNodes.Forall;
        mv.visitJumpInsn(forall ? IFNE : IFEQ, goOn);
        mv.visitLdcInsn(forall ? 0L : 1L);
        mv.visitVarInsn(LSTORE, acc);
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(goOn);
    }

    /** {@link CDomain#count}: a type's size in place. */
    void count(CDomain d) {
        if (d instanceof CDomain.OfType t) {
            push(t.count);
            return;
        }
        constants.load(mv, d);
        ctx();
        mv.visitMethodInsn(INVOKEVIRTUAL, "org/mmspec/spec/eval/CDomain", "count", CX + "I", false);
    }

    /** {@link CPlace#addr} into a new local (the operand stack empty before and after). */
    int address(CPlace p) {
        int a = temp(1);
        switch (p) {
            case CPlace.GlobalSlot g -> push(g.at);
            case CPlace.LocalSlot l -> {
                ctx();
                mv.visitFieldInsn(GETFIELD, CTX, "fb", "I");
                push(l.at);
                mv.visitInsn(IADD);
            }
            case CPlace.FixedElem x -> {
                eval(x.index);
                f.element(x.s);
                push(x.s.stride());
                mv.visitInsn(IMUL);
                push(x.at);
                mv.visitInsn(IADD);
                if (!x.global) {
                    ctx();
                    mv.visitFieldInsn(GETFIELD, CTX, "fb", "I");
                    mv.visitInsn(IADD);
                }
            }
            default -> {
                constants.load(mv, p);
                ctx();
                mv.visitMethodInsn(INVOKEVIRTUAL, "org/mmspec/spec/eval/CPlace", "addr", CX + "I", false);
            }
        }
        mv.visitVarInsn(ISTORE, a);
        return a;
    }

    /** An impure binary node's {@code run}: operands by {@link #eval}, left to right, short-circuits kept. */
    private void pair(BinaryNodes.Pair p) {
        String op = FastGen.op(p);
        int l = temp(1);
        eval(p.left);
        if (op.equals("and") || op.equals("or") || op.equals("implies")) {
            Label skip = new Label();
            Label end = new Label();
            mv.visitJumpInsn(op.equals("or") ? IFNE : IFEQ, skip);
            eval(p.right);
            f.truth();
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
        f.apply(p, op);
    }

    /** {@link FastRoot#run}: fast where no budget can run out, else (or after a failure) node by node. */
    private void fastRoot(FastRoot r) {
        int before = temp(2);
        int v = temp(1);
        Label slow = new Label();
        Label done = new Label();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, "org/mmspec/spec/eval/EvalError");
        ctx();
        mv.visitLdcInsn(r.rest);
        push(r.levels);
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "fastStart", "(L" + CTX + ";JI)J", false);
        mv.visitInsn(DUP2);
        mv.visitVarInsn(LSTORE, before);
        mv.visitLdcInsn(GenSupport.SLOW);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFEQ, slow);
        mv.visitLabel(start);
        f.fast(r.inner);
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
        mv.visitVarInsn(ILOAD, v);
    }

    /** {@link CPlace#element} on the value on the stack. */
    void element(CPlace.Shape s) {
        f.element(s);
    }
}
