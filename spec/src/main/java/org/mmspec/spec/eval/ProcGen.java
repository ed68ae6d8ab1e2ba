package org.mmspec.spec.eval;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Compiles a procedure's instructions to JVM bytecode with ASM, in chunks of consecutive instructions
 * ({@link GenChunk}): a loop with a {@code tableswitch} over the pc, each instruction's budget
 * ({@link CompiledProgram#budget}) and, in a step, locality mark, then its work: generated with its operands
 * where {@link InstrGen} knows the instruction (every store reporting its slot to {@link Ctx#wrote} as the
 * closures do), else its closure's {@link CInstr#step} or {@link CInstr#inline}, the cursor set as the
 * closures' loop would have it. A step's chunk returns at a call or return (the procedure on top changes). A
 * chunk of more than {@link #MAX_CLASS_BYTES} is split in two; an instruction alone too large for the JIT (it
 * does not compile methods of 8,000 bytes or more) is left to the closures.
 */
final class ProcGen {

    /** How generated code is deliberately broken, for tests that show the differential tests catch it. */
    enum Fault {
        NONE,
        /** Every {@code <} generated as {@code <=} ({@link Evaluation#MISGENERATED}). */
        OPERATOR,
        /** Generated stores do not report to the write log ({@link Evaluation#UNLOGGED}). */
        UNLOGGED
    }

    private static final String SELF = "org/mmspec/spec/eval/GenChunk";
    private static final String CURSOR = "org/mmspec/spec/eval/CInstr$Cursor";
    private static final String CTX = ExprGen.CTX;
    /**
     * Class bytes above which a chunk is split. The JIT does not compile a method of 8,000 bytes or more, but a
     * chunk is recompiled whole each time one of its branches first taken late in a search springs a trap, so
     * smaller chunks cost C2 less: on {@code bench/models/swap_faults_vs_reclaim.mmspec:correct} (README,
     * Performance) 2,500 gave two workers 1.1x the speed of 7,000 (C2's compile time by -XX:+CITime 3.7-4.1 s
     * against 5.4-6.7, separate sets of runs) and one worker no less; 700 and 1,000 were slower (more dispatch
     * between chunks).
     */
    private static final int MAX_CLASS_BYTES = 2_500;
    /** Class bytes above which an instruction alone is left to its closure: under the JIT's 8,000-byte limit. */
    private static final int MAX_METHOD_CLASS_BYTES = 7_000;
    private static final int PC = 3;
    static final int FIRST = 4;
    private static final int TEMPS = 5;

    private final int index;
    private final CInstr.CProc proc;
    private final Fault fault;
    private final GenChunk[] chunks;
    /** The chunks' {@link GenChunk#inline} rather than {@link GenChunk#run}. */
    private final boolean inline;
    private MethodVisitor mv;
    private ExprGen x;
    private InstrGen instrs;
    private Label[] at;
    private int lo;
    private int hi;

    private ProcGen(int index, CInstr.CProc proc, Fault fault, boolean inline) {
        this.index = index;
        this.proc = proc;
        this.fault = fault;
        this.inline = inline;
        this.chunks = new GenChunk[proc.code().length];
    }

    /**
     * The chunk that runs each pc of procedure {@code index} in a thread's step ({@code inline} false) or in an
     * inline run, or null where its closure runs.
     */
    static GenChunk[] of(int index, CInstr.CProc proc, Fault fault, boolean inline) {
        ProcGen g = new ProcGen(index, proc, fault, inline);
        g.split(0, proc.code().length);
        return g.chunks;
    }

    /** Whether {@code p} can run inline: it has no step-only instruction but returns. */
    static boolean inlinable(CInstr.CProc p) {
        for (CInstr in : p.code()) {
            if (in instanceof StepNodes.StepOnly && !(in instanceof StepNodes.Return)) {
                return false;
            }
        }
        return true;
    }

    private void split(int from, int to) {
        if (from >= to) {
            return;
        }
        ExprGen.Constants k = new ExprGen.Constants(name(from));
        byte[] bytes = generate(from, to, k);
        if (bytes.length > MAX_CLASS_BYTES && to - from > 1) {
            int mid = (from + to) >>> 1;
            split(from, mid);
            split(mid, to);
            return;
        }
        if (bytes.length > MAX_METHOD_CLASS_BYTES) {
            return;
        }
        GenChunk chunk = (GenChunk) GenSupport.define(bytes, k.values.toArray());
        for (int pc = from; pc < to; pc++) {
            chunks[pc] = chunk;
        }
    }

    private static ClassWriter writer() {
        return new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return a.equals(b) ? a : "java/lang/Object";
            }
        };
    }

    /** The constructor setting the constants' fields, and the class's bytes. */
    private static byte[] finish(ClassWriter cw, String name, String superName, ExprGen.Constants k) {
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "([Ljava/lang/Object;)V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, superName, "<init>", "()V", false);
        for (int i = 0; i < k.values.size(); i++) {
            String type = ExprGen.Constants.type(k.values.get(i));
            cw.visitField(ACC_PRIVATE | ACC_FINAL, "k" + i, type, null, null).visitEnd();
            init.visitVarInsn(ALOAD, 0);
            init.visitVarInsn(ALOAD, 1);
            init.visitLdcInsn(i);
            init.visitInsn(AALOAD);
            init.visitTypeInsn(CHECKCAST, type.startsWith("[") ? type : type.substring(1, type.length() - 1));
            init.visitFieldInsn(PUTFIELD, name, "k" + i, type);
        }
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private String name(int from) {
        return SELF + (inline ? "$I" : "$P") + index + "_" + from;
    }

    private byte[] generate(int from, int to, ExprGen.Constants k) {
        String name = name(from);
        ClassWriter cw = writer();
        cw.visit(V21, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, SELF, null);
        mv = inline ? cw.visitMethod(0, "inline", "(L" + CTX + ";I)I", null, null)
                : cw.visitMethod(0, "run", "(L" + CTX + ";L" + CURSOR + ";)I", null, null);
        x = new ExprGen(mv, k, fault);
        instrs = new InstrGen(this, mv, x, fault, inline);
        lo = from;
        hi = to;
        body();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return finish(cw, name, SELF, k);
    }

    private void body() {
        mv.visitCode();
        if (inline) {
            mv.visitVarInsn(ILOAD, 2);
            mv.visitVarInsn(ISTORE, PC);
            mv.visitInsn(ICONST_0);
        } else {
            mv.visitVarInsn(ALOAD, 2);
            mv.visitFieldInsn(GETFIELD, CURSOR, "pc", "I");
            mv.visitVarInsn(ISTORE, PC);
            mv.visitVarInsn(ALOAD, 2);
            mv.visitFieldInsn(GETFIELD, CURSOR, "first", "Z");
        }
        mv.visitVarInsn(ISTORE, FIRST);
        Label loop = new Label();
        Label exit = new Label();
        at = new Label[hi - lo];
        for (int i = 0; i < at.length; i++) {
            at[i] = new Label();
        }
        mv.visitLabel(loop);
        mv.visitVarInsn(ILOAD, PC);
        mv.visitTableSwitchInsn(lo, hi - 1, exit, at);
        mv.visitLabel(exit);
        leave(-1);
        for (int pc = lo; pc < hi; pc++) {
            mv.visitLabel(at[pc - lo]);
            x.reset(TEMPS);
            x.ctx();
            mv.visitMethodInsn(INVOKESTATIC, "org/mmspec/spec/eval/CompiledProgram", "budget", "(L" + CTX + ";)V",
                    false);
            if (!inline && !proc.local()[pc]) {                 // an inline run's loop does not mark it
                x.ctx();
                mv.visitInsn(ICONST_1);
                mv.visitFieldInsn(PUTFIELD, CTX, "shared", "Z");
            }
            instr(pc, proc.code()[pc], loop);
        }
    }

    /** Sets the cursor to {@code pc} (-1: the pc local) and the first flag local. */
    private void cursor(int pc) {
        mv.visitVarInsn(ALOAD, 2);
        if (pc < 0) {
            mv.visitVarInsn(ILOAD, PC);
        } else {
            x.push(pc);
        }
        mv.visitFieldInsn(PUTFIELD, CURSOR, "pc", "I");
        mv.visitVarInsn(ALOAD, 2);
        mv.visitVarInsn(ILOAD, FIRST);
        mv.visitFieldInsn(PUTFIELD, CURSOR, "first", "Z");
    }

    private void instr(int pc, CInstr in, Label loop) {
        if (instrs.emit(pc, in)) {
            return;
        }
        if (inline) {
            delegateInline(pc, in, loop);
        } else {
            delegate(pc, in, loop);
        }
    }

    /** The closure's {@link CInstr#inline}. */
    private void delegateInline(int pc, CInstr in, Label loop) {
        int n = x.temp(1);
        x.constants().load(mv, in);
        x.ctx();
        x.push(pc);
        mv.visitMethodInsn(INVOKEVIRTUAL, "org/mmspec/spec/eval/CInstr", "inline", "(L" + CTX + ";I)I", false);
        returnOrGoTo(n);
        mv.visitJumpInsn(GOTO, loop);
    }

    /**
     * The closure's result, on the stack: a negative one (done, blocked, returned) returned as it is, else the
     * next pc, stored with a fresh instruction's {@code first} flag.
     */
    private void returnOrGoTo(int n) {
        mv.visitVarInsn(ISTORE, n);
        Label on = new Label();
        mv.visitVarInsn(ILOAD, n);
        mv.visitJumpInsn(IFGE, on);
        mv.visitVarInsn(ILOAD, n);
        mv.visitInsn(IRETURN);
        mv.visitLabel(on);
        mv.visitVarInsn(ILOAD, n);
        mv.visitVarInsn(ISTORE, PC);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, FIRST);
    }

    /** The closure's {@link CInstr#step}, with the cursor where the closures' loop would have it. */
    private void delegate(int pc, CInstr in, Label loop) {
        cursor(pc);
        int n = x.temp(1);
        x.constants().load(mv, in);
        x.ctx();
        mv.visitVarInsn(ALOAD, 2);
        mv.visitMethodInsn(INVOKEVIRTUAL, "org/mmspec/spec/eval/CInstr", "step", "(L" + CTX + ";L" + CURSOR + ";)I",
                false);
        returnOrGoTo(n);
        if (in instanceof StepNodes.Call || in instanceof StepNodes.Return) {
            cursor(-1);                                 // another procedure (or frame) is on top now
            x.push(GenChunk.CONTINUE);
            mv.visitInsn(IRETURN);
        } else {
            mv.visitJumpInsn(GOTO, loop);
        }
    }

    /** On to {@code pc}: straight there inside the chunk, else back to the program's loop. */
    void next(int pc) {
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, FIRST);
        if (pc >= lo && pc < hi) {
            mv.visitJumpInsn(GOTO, at[pc - lo]);
            return;
        }
        leave(pc);
    }

    /**
     * Leaves the chunk to go on at {@code pc} (-1: the pc local): a step's cursor is set and {@link
     * GenChunk#CONTINUE} returned; an inline run returns the pc.
     */
    private void leave(int pc) {
        if (inline) {
            if (pc < 0) {
                mv.visitVarInsn(ILOAD, PC);
            } else {
                x.push(pc);
            }
        } else {
            cursor(pc);
            x.push(GenChunk.CONTINUE);
        }
        mv.visitInsn(IRETURN);
    }
}
