package org.mmspec.spec.eval;

import static org.objectweb.asm.Opcodes.*;

import org.mmspec.spec.ir.IrExpr;
import org.mmspec.spec.ir.Layout;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * The instructions {@link ProcGen} generates in place, each as its closure does it ({@link InstrNodes},
 * {@link StepNodes}): stores and compound assignments with the range checks and the write log's reports,
 * zeroing, jumps, loop ends and loop variables, checks, inline calls, and in a step labels and awaits, in an
 * inline run returns. The operand stack is empty between instructions and wherever an operand is evaluated.
 */
final class InstrGen {

    private static final String CTX = ExprGen.CTX;

    private final ProcGen gen;
    private final MethodVisitor mv;
    private final ExprGen x;
    private final ProcGen.Fault fault;
    private final boolean inline;

    InstrGen(ProcGen gen, MethodVisitor mv, ExprGen x, ProcGen.Fault fault, boolean inline) {
        this.gen = gen;
        this.mv = mv;
        this.x = x;
        this.fault = fault;
        this.inline = inline;
    }

    /** Emits instruction {@code pc}'s work; false when its closure must run it. */
    boolean emit(int pc, CInstr in) {
        switch (in) {
            case InstrNodes.Store s when inInt(s.lo, s.hi) -> genStore(pc, s);
            case InstrNodes.Update u when updatable(u.op) -> genUpdate(pc, u);
            case InstrNodes.Jump j -> genJump(j);
            case InstrNodes.JumpIfNot j -> genJumpIfNot(pc, j);
            case InstrNodes.Nop n -> genNop(pc, n);
            case StepNodes.Label l -> genLabel(pc, l);
            case StepNodes.Await a -> genAwait(pc, a);
            case InstrNodes.Check k -> genCheck(pc, k);
            case InstrNodes.Zero z -> genZero(pc, z);
            case InstrNodes.JumpIfDone j -> genJumpIfDone(pc, j);
            case InstrNodes.ElemAt e -> genElemAt(pc, e);
            case InstrNodes.RunInline r when r.dst == null || inInt(r.lo, r.hi) -> genRunInline(pc, r);
            case StepNodes.Choose ch when !inline -> genChoose(ch);
            case StepNodes.Pick p when !inline -> genPick(pc, p);
            case StepNodes.Return r when inline -> genReturn(r);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void genStore(int pc, InstrNodes.Store s) {
        x.eval(s.value);
        int v = x.temp(1);
        mv.visitVarInsn(ISTORE, v);
        Label bad = new Label();
        rangeCheck(v, s.lo, s.hi, bad);
        store(s.place, v);
        gen.next(pc + 1);
        mv.visitLabel(bad);
        outOfRange(v, s.lo, s.hi, s.site);
    }

    private void genUpdate(int pc, InstrNodes.Update u) {
        int a = x.address(u.place);
        x.eval(u.operand);
        int o = x.temp(1);
        mv.visitVarInsn(ISTORE, o);
        array(u.place);
        mv.visitVarInsn(ILOAD, a);
        mv.visitInsn(IALOAD);
        mv.visitVarInsn(ILOAD, o);
        update(u.op, u.site);
        int v = x.temp(1);
        mv.visitVarInsn(ISTORE, v);
        mv.visitVarInsn(ILOAD, v);
        mv.visitLdcInsn(u.lo);
        mv.visitLdcInsn(u.hi);
        x.push(u.site);
        mv.visitMethodInsn(INVOKESTATIC, "org/mmspec/spec/eval/Updates", "check", "(IJJI)V", false);
        write(u.place, a, v);
        gen.next(pc + 1);
    }

    private void genJump(InstrNodes.Jump j) {
        gen.next(j.target);
    }

    private void genJumpIfNot(int pc, InstrNodes.JumpIfNot j) {
        x.eval(j.cond);
        Label fall = new Label();
        mv.visitJumpInsn(IFNE, fall);
        gen.next(j.target);
        mv.visitLabel(fall);
        gen.next(pc + 1);
    }

    private void genNop(int pc, InstrNodes.Nop n) {
        gen.next(pc + 1);
    }

    private void genLabel(int pc, StepNodes.Label l) {
        Label fall = new Label();
        mv.visitVarInsn(ILOAD, ProcGen.FIRST);
        mv.visitJumpInsn(IFNE, fall);
        x.ctx();
        mv.visitFieldInsn(GETFIELD, CTX, "g", "[I");
        framePc();
        x.push(pc);
        mv.visitInsn(IASTORE);
        if (fault != ProcGen.Fault.UNLOGGED) {
            x.ctx();
            x.ctx();
            mv.visitFieldInsn(GETFIELD, CTX, "g", "[I");
            framePc();
            mv.visitMethodInsn(INVOKEVIRTUAL, CTX, "wrote", "([II)V", false);
        }
        x.push(CInstr.DONE);
        mv.visitInsn(IRETURN);
        mv.visitLabel(fall);
        gen.next(pc + 1);
    }

    private void genAwait(int pc, StepNodes.Await a) {
        x.eval(a.cond);
        Label fall = new Label();
        mv.visitJumpInsn(IFNE, fall);
        x.ctx();
        x.push(a.site);
        mv.visitFieldInsn(PUTFIELD, CTX, "blockSite", "I");
        x.push(CInstr.BLOCKED);
        mv.visitInsn(IRETURN);
        mv.visitLabel(fall);
        gen.next(pc + 1);
    }

    private void genCheck(int pc, InstrNodes.Check k) {
        x.eval(k.cond);
        Label fall = new Label();
        mv.visitJumpInsn(IFNE, fall);
        mv.visitTypeInsn(NEW, "org/mmspec/spec/eval/EvalError");
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETSTATIC, "org/mmspec/spec/eval/RuntimeError", k.error.name(),
                "Lorg/mmspec/spec/eval/RuntimeError;");
        x.push(k.site);
        mv.visitMethodInsn(INVOKESPECIAL, "org/mmspec/spec/eval/EvalError", "<init>",
                "(Lorg/mmspec/spec/eval/RuntimeError;I)V", false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(fall);
        gen.next(pc + 1);
    }

    private void genZero(int pc, InstrNodes.Zero z) {
        int a = x.address(z.place);
        array(z.place);
        mv.visitVarInsn(ILOAD, a);
        mv.visitVarInsn(ILOAD, a);
        x.push(z.width);
        mv.visitInsn(IADD);
        mv.visitInsn(ICONST_0);
        mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "fill", "([IIII)V", false);
        if (fault != ProcGen.Fault.UNLOGGED) {
            x.ctx();
            array(z.place);
            mv.visitVarInsn(ILOAD, a);
            mv.visitVarInsn(ILOAD, a);
            x.push(z.width);
            mv.visitInsn(IADD);
            mv.visitMethodInsn(INVOKEVIRTUAL, CTX, "wrote", "([III)V", false);
        }
        gen.next(pc + 1);
    }

    private void genJumpIfDone(int pc, InstrNodes.JumpIfDone j) {
        x.eval(j.index);
        int i = x.temp(1);
        mv.visitVarInsn(ISTORE, i);
        mv.visitVarInsn(ILOAD, i);
        x.count(j.domain);
        Label fall = new Label();
        mv.visitJumpInsn(IF_ICMPLT, fall);
        gen.next(j.target);
        mv.visitLabel(fall);
        gen.next(pc + 1);
    }

    private void genElemAt(int pc, InstrNodes.ElemAt e) {
        x.eval(e.index);
        int i = x.temp(1);
        mv.visitVarInsn(ISTORE, i);
        if (e.domain instanceof CDomain.OfType t) {
            mv.visitVarInsn(ILOAD, i);
            x.push(t.lo);
            mv.visitInsn(IADD);
        } else {
            x.constants().load(mv, e.domain);
            mv.visitVarInsn(ILOAD, i);
            x.ctx();
            mv.visitMethodInsn(INVOKEVIRTUAL, "org/mmspec/spec/eval/CDomain", "elem", "(IL" + CTX + ";)I", false);
        }
        int v = x.temp(1);
        mv.visitVarInsn(ISTORE, v);
        store(e.var, v);
        gen.next(pc + 1);
    }

    private void genRunInline(int pc, InstrNodes.RunInline r) {
        x.constants().load(mv, r.program);
        x.push(r.proc);
        x.constants().load(mv, r.args);
        x.ctx();
        mv.visitMethodInsn(INVOKEVIRTUAL, "org/mmspec/spec/eval/CompiledProgram", "runInline",
                "(I[Lorg/mmspec/spec/eval/CArg;L" + CTX + ";)I", false);
        int v = x.temp(1);
        mv.visitVarInsn(ISTORE, v);
        if (r.dst == null) {
            gen.next(pc + 1);
            return;
        }
        Label bad = new Label();
        rangeCheck(v, r.lo, r.hi, bad);
        store(r.dst, v);
        gen.next(pc + 1);
        mv.visitLabel(bad);
        outOfRange(v, r.lo, r.hi, r.site);
    }

    private void genChoose(StepNodes.Choose ch) {
        int k = choose(() -> x.push(ch.targets.length));
        Label skip = new Label();
        x.ctx();
        mv.visitFieldInsn(GETFIELD, CTX, "choices", "Ljava/lang/StringBuilder;");
        mv.visitJumpInsn(IFNULL, skip);
        x.ctx();
        mv.visitVarInsn(ILOAD, k);
        mv.visitMethodInsn(INVOKESTATIC, ExprGen.SUPPORT, "noteEither", "(L" + CTX + ";I)V", false);
        mv.visitLabel(skip);
        Label[] to = new Label[ch.targets.length];
        for (int i = 0; i < to.length; i++) {
            to[i] = new Label();
        }
        Label none = new Label();
        mv.visitVarInsn(ILOAD, k);
        mv.visitTableSwitchInsn(0, to.length - 1, none, to);
        mv.visitLabel(none);                          // the oracle chooses below n: never taken
        mv.visitTypeInsn(NEW, "java/lang/IllegalStateException");
        mv.visitInsn(DUP);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "()V", false);
        mv.visitInsn(ATHROW);
        for (int i = 0; i < to.length; i++) {
            mv.visitLabel(to[i]);
            gen.next(ch.targets[i]);
        }
    }

    private void genPick(int pc, StepNodes.Pick p) {
        int n = x.temp(1);
        x.count(p.domain);
        mv.visitVarInsn(ISTORE, n);
        Label some = new Label();
        mv.visitVarInsn(ILOAD, n);
        mv.visitJumpInsn(IFNE, some);
        x.ctx();
        x.push(p.ir.site());
        mv.visitFieldInsn(PUTFIELD, CTX, "blockSite", "I");
        x.push(CInstr.BLOCKED);
        mv.visitInsn(IRETURN);
        mv.visitLabel(some);
        int k = choose(() -> mv.visitVarInsn(ILOAD, n));
        int v = x.temp(1);
        if (p.domain instanceof CDomain.OfType t) {
            mv.visitVarInsn(ILOAD, k);
            x.push(t.lo);
            mv.visitInsn(IADD);
        } else {
            x.constants().load(mv, p.domain);
            mv.visitVarInsn(ILOAD, k);
            x.ctx();
            mv.visitMethodInsn(INVOKEVIRTUAL, "org/mmspec/spec/eval/CDomain", "elem", "(IL" + CTX + ";)I", false);
        }
        mv.visitVarInsn(ISTORE, v);
        Label skip = new Label();
        x.ctx();
        mv.visitFieldInsn(GETFIELD, CTX, "choices", "Ljava/lang/StringBuilder;");
        mv.visitJumpInsn(IFNULL, skip);
        x.constants().load(mv, p);
        mv.visitTypeInsn(CHECKCAST, "org/mmspec/spec/eval/StepNodes$Pick");
        x.ctx();
        mv.visitVarInsn(ILOAD, v);
        mv.visitMethodInsn(INVOKEVIRTUAL, "org/mmspec/spec/eval/StepNodes$Pick", "note", "(L" + CTX + ";I)V",
                false);
        mv.visitLabel(skip);
        store(p.var, v);
        gen.next(pc + 1);
    }

    private void genReturn(StepNodes.Return r) {
        if (r.value == null) {
            mv.visitInsn(ICONST_0);
        } else {
            x.eval(r.value);
        }
        int v = x.temp(1);
        mv.visitVarInsn(ISTORE, v);
        x.ctx();
        mv.visitVarInsn(ILOAD, v);
        mv.visitFieldInsn(PUTFIELD, CTX, "returned", "I");
        x.push(CInstr.RETURNED);
        mv.visitInsn(IRETURN);
    }

    /** Throws {@link InstrNodes#store}'s range error for the value in local {@code v}. */
    private void outOfRange(int v, long min, long max, int site) {
        mv.visitVarInsn(ILOAD, v);
        mv.visitLdcInsn(min);
        mv.visitLdcInsn(max);
        x.push(site);
        mv.visitMethodInsn(INVOKESTATIC, "org/mmspec/spec/eval/GenSupport", "outOfRange",
                "(IJJI)Lorg/mmspec/spec/eval/EvalError;", false);
        mv.visitInsn(ATHROW);
    }

    /** {@code c.oracle.choose(n)} into a new local, {@code n} pushed by {@code bound}. */
    private int choose(Runnable bound) {
        x.ctx();
        mv.visitFieldInsn(GETFIELD, CTX, "oracle", "Lorg/mmspec/spec/eval/Oracle;");
        bound.run();
        mv.visitMethodInsn(INVOKEVIRTUAL, "org/mmspec/spec/eval/Oracle", "choose", "(I)I", false);
        int k = x.temp(1);
        mv.visitVarInsn(ISTORE, k);
        return k;
    }

    private void framePc() {
        x.ctx();
        mv.visitFieldInsn(GETFIELD, CTX, "fb", "I");
        x.push(Layout.FRAME_PC);
        mv.visitInsn(IADD);
    }

    private static boolean inInt(long lo, long hi) {
        return lo <= Integer.MAX_VALUE && hi >= Integer.MIN_VALUE;
    }

    private static boolean updatable(IrExpr.Op op) {
        return switch (op) {
            case ADD, SUB, MASK_OR, MASK_ANDNOT, MASK_AND -> true;
            default -> false;
        };
    }

    /** {@link Updates#updated} on the old value and the operand on the stack. */
    private void update(IrExpr.Op op, int site) {
        switch (op) {
            case ADD, SUB -> {
                x.push(site);
                mv.visitMethodInsn(INVOKESTATIC, "org/mmspec/spec/eval/GenSupport", op == IrExpr.Op.ADD ? "add" : "sub",
                        "(III)I", false);
            }
            case MASK_OR -> mv.visitInsn(IOR);
            case MASK_AND -> mv.visitInsn(IAND);
            default -> {
                mv.visitInsn(ICONST_M1);
                mv.visitInsn(IXOR);
                mv.visitInsn(IAND);
            }
        }
    }

    /** {@code v < lo || v > hi} jumps to {@code bad} (checks that cannot fail left out). */
    private void rangeCheck(int v, long min, long max, Label bad) {
        if (min > Integer.MIN_VALUE) {
            mv.visitVarInsn(ILOAD, v);
            x.push((int) min);
            mv.visitJumpInsn(IF_ICMPLT, bad);
        }
        if (max < Integer.MAX_VALUE) {
            mv.visitVarInsn(ILOAD, v);
            x.push((int) max);
            mv.visitJumpInsn(IF_ICMPGT, bad);
        }
    }

    /** {@link InstrNodes#store} after the range check: the address, the write, its report. */
    private void store(CPlace p, int v) {
        int a = x.address(p);
        write(p, a, v);
    }

    private void write(CPlace p, int a, int v) {
        array(p);
        mv.visitVarInsn(ILOAD, a);
        mv.visitVarInsn(ILOAD, v);
        mv.visitInsn(IASTORE);
        if (fault != ProcGen.Fault.UNLOGGED) {
            x.ctx();
            array(p);
            mv.visitVarInsn(ILOAD, a);
            mv.visitMethodInsn(INVOKEVIRTUAL, CTX, "wrote", "([II)V", false);
        }
    }

    private void array(CPlace p) {
        x.ctx();
        mv.visitFieldInsn(GETFIELD, CTX, p.global ? "g" : "f", "[I");
    }
}
