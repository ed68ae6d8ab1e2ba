package org.mmspec.spec.eval;

import java.util.List;
import org.mmspec.spec.ir.Instr;
import org.mmspec.spec.ir.Layout;
import org.mmspec.spec.ir.ProcCode;

/**
 * Which program points a step can start from and be certainly <em>not</em> local, decided from the code
 * alone (once per scenario) so that a reduced search need not take a thread's step to learn that it may not
 * explore it alone ({@link SpecSystem#nextStepNotLocal}).
 *
 * <p>A run of a step marks the step shared ({@link Ctx#shared}) when it reaches an instruction that is not
 * {@link Locality local}, faults or ends the thread; a step is local when it has a successor and no run was
 * marked. So a step is certainly not local when every path of its runs from its first instruction either
 * reaches a non-local instruction or never ends the step normally (blocks, faults, loops until the step
 * limit faults). The analysis computes that as the greatest solution of "every next instruction is so":
 * each program point starts true; a point where a run may end the step locally — a label other than the
 * first instruction (the step ends there), a {@code return} (its caller is known only at run time), the end
 * of the code — is false, and false spreads back to every local point that can reach it. False is always a
 * safe answer ("unknown"): the search then takes the step and asks {@code StepInfo}.
 */
final class StepStarts {

    private final Layout layout;
    /** Index of procedure {@code p}'s instruction 0 in {@link #shared}. */
    private final int[] base;
    /** Per program point: every run from it (as not the step's first instruction) is marked shared. */
    private final boolean[] shared;

    StepStarts(List<ProcCode> procs, Locality locality, Layout layout) {
        this.layout = layout;
        this.base = new int[procs.size() + 1];
        for (int p = 0; p < procs.size(); p++) {
            base[p + 1] = base[p] + procs.get(p).code().size();
        }
        int n = base[procs.size()];
        this.shared = new boolean[n];
        int[][] next = new int[n][];
        int[] falseSeeds = new int[n];
        int seeds = 0;
        for (int p = 0; p < procs.size(); p++) {
            List<Instr> code = procs.get(p).code();
            for (int i = 0; i < code.size(); i++) {
                int at = base[p] + i;
                if (!locality.local(p, i)) {
                    shared[at] = true;             // reaching it marks the run
                    continue;
                }
                next[at] = inRange(successors(code.get(i), p, i, code.size()));
                shared[at] = next[at] != null;
                if (next[at] == null) {
                    falseSeeds[seeds++] = at;
                }
            }
        }
        spreadFalse(next, falseSeeds, seeds);
    }

    /**
     * The program points a run goes to after local instruction {@code in} at {@code pc} of {@code proc};
     * null when the run may end the step there without being marked (or is beyond what this decides).
     */
    private int[] successors(Instr in, int proc, int pc, int size) {
        int[] after = pc + 1 < size ? new int[] {base[proc] + pc + 1} : null;
        return switch (in) {
            case Instr.Label l -> null;                           // not first: the step ends here
            case Instr.Return r -> null;                          // back to a caller known at run time
            case Instr.MissingReturn m -> new int[0];             // faults: marked
            case Instr.Jump j -> new int[] {base[proc] + j.target()};
            case Instr.JumpIfNot j -> after == null ? null : new int[] {after[0], base[proc] + j.target()};
            case Instr.JumpIfDone j -> after == null ? null : new int[] {after[0], base[proc] + j.target()};
            case Instr.Choose c -> targets(c.targets(), proc);
            case Instr.Call c -> base[c.proc()] == base[c.proc() + 1] ? null
                    : new int[] {base[c.proc()]};                 // the callee's first instruction, not first
            default -> after;                                     // falls through (or blocks, or faults)
        };
    }

    /** {@code points}, or null when one of them is beyond the code (then nothing is decided there). */
    private int[] inRange(int[] points) {
        if (points != null) {
            for (int at : points) {
                if (at < 0 || at >= shared.length) {
                    return null;
                }
            }
        }
        return points;
    }

    private int[] targets(int[] targets, int proc) {
        int[] out = new int[targets.length];
        for (int k = 0; k < targets.length; k++) {
            out[k] = base[proc] + targets[k];
        }
        return out;
    }

    /** Makes false every point from which a false point can be reached through local points. */
    private void spreadFalse(int[][] next, int[] work, int size) {
        int[][] preds = predecessors(next);
        int top = size;
        while (top > 0) {
            int f = work[--top];
            for (int p : preds[f]) {
                if (shared[p]) {
                    shared[p] = false;
                    work[top++] = p;
                }
            }
        }
    }

    private static int[][] predecessors(int[][] next) {
        int n = next.length;
        int[] count = new int[n];
        for (int[] to : next) {
            if (to != null) {
                for (int t : to) {
                    count[t]++;
                }
            }
        }
        int[][] preds = new int[n][];
        for (int i = 0; i < n; i++) {
            preds[i] = new int[count[i]];
        }
        for (int i = 0; i < n; i++) {
            if (next[i] != null) {
                for (int t : next[i]) {
                    preds[t][--count[t]] = i;
                }
            }
        }
        return preds;
    }

    /**
     * Whether {@code thread}'s next step from {@code s} (a thread that may step: not finished, no fault) is
     * certainly not local: from the point it stands at, a label (the step's first instruction, passed) or
     * any other instruction.
     */
    boolean notLocal(int[] s, int thread, List<ProcCode> procs) {
        int top = s[layout.threadBase(thread) + Layout.TOP];
        int pc = s[layout.frameBase(thread, top) + Layout.FRAME_PC];
        List<Instr> code = procs.get(top).code();
        if (code.get(pc) instanceof Instr.Label) {
            return pc + 1 < code.size() && shared[base[top] + pc + 1];
        }
        return shared[base[top] + pc];
    }
}
