package org.mmspec.spec.eval;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.spec.ir.Instr;
import org.mmspec.spec.ir.Layout;
import org.mmspec.spec.ir.ProcCode;

/**
 * Which program points a step can start from and be certainly <em>not</em> local, decided from the code
 * alone (once per scenario) so that a reduced search need not take a thread's step to learn that it may not
 * explore it alone ({@link SpecSystem#nextStepNotLocal}).
 *
 * <p>A step runs once per combination of its choices; a run is <em>marked</em> ({@link Ctx#shared}) when it
 * reaches an instruction that is not {@link Locality local}, faults (a failed check, the step limit a loop
 * runs into) or ends the thread. The step is local when some run ends it normally and no run was marked.
 * Two properties of the runs that pass through a program point (not as the step's first instruction):
 * <ul>
 * <li><b>covered</b>: none of them ends the step normally, or one of them is marked;
 * <li><b>marking</b>: if one reaches the point, one of them is marked (none may block unmarked first).
 * </ul>
 * A step that starts where its runs are covered is certainly not local. A non-local instruction is both; a
 * label (the step ends there) and the end of the code are neither; an instruction that falls through,
 * branches, calls or returns (after each call of its procedure; returning from a thread's entry procedure
 * ends the thread, which marks) has a property when every next point has it, and an {@code await} or a
 * {@code with} (they may block) is not marking. An {@code either} runs every alternative whenever it is
 * reached: it is marking when one alternative is, and covered when every alternative is or one is marking.
 * Both are computed as the greatest solution (a loop that never leaves the step faults at the step limit);
 * "not known" is always a safe answer: the search then takes the step and asks {@code StepInfo}.
 */
final class StepStarts {

    /** For tests: how {@link #noneLocal} is broken on purpose, to show the check of it fails. */
    enum Flaw {
        NONE,
        /** Only labels are asked: a procedure's first instruction, where a thread starts, is not. */
        LABELS_ONLY
    }

    private final Layout layout;
    /** Index of procedure {@code p}'s instruction 0 in the point arrays. */
    private final int[] base;
    private final boolean[] covered;
    private final boolean[] marking;
    /** Per point: the next points (null for a point whose properties are fixed), and whether it forks. */
    private final int[][] next;
    private final boolean[] fork;
    private final boolean[] mayBlock;
    /** Whether no step of the scenario can be local ({@link #noneLocal}). */
    private final boolean noneLocal;

    StepStarts(List<ProcCode> procs, Locality locality, Layout layout) {
        this(procs, locality, layout, Flaw.NONE);
    }

    StepStarts(List<ProcCode> procs, Locality locality, Layout layout, Flaw flaw) {
        this.layout = layout;
        this.base = new int[procs.size() + 1];
        for (int p = 0; p < procs.size(); p++) {
            base[p + 1] = base[p] + procs.get(p).code().size();
        }
        int n = base[procs.size()];
        this.covered = new boolean[n];
        this.marking = new boolean[n];
        this.next = new int[n][];
        this.fork = new boolean[n];
        this.mayBlock = new boolean[n];
        int[][] returnsTo = returnPoints(procs);
        for (int p = 0; p < procs.size(); p++) {
            List<Instr> code = procs.get(p).code();
            for (int i = 0; i < code.size(); i++) {
                int at = base[p] + i;
                Instr in = code.get(i);
                boolean marks = !locality.local(p, i) || in instanceof Instr.MissingReturn;   // the latter faults
                next[at] = marks ? null : inRange(successors(in, p, i, code.size(), returnsTo));
                covered[at] = marks || next[at] != null;
                marking[at] = covered[at];
                fork[at] = in instanceof Instr.Choose;
                mayBlock[at] = in instanceof Instr.Await || in instanceof Instr.Pick;
            }
        }
        solve();
        this.noneLocal = everyStartCovered(procs, flaw);
    }

    /**
     * The points a run goes to after local instruction {@code in} at {@code pc} of {@code proc}; null when
     * the run may end the step there normally (a label) or this does not decide it.
     */
    private int[] successors(Instr in, int proc, int pc, int size, int[][] returnsTo) {
        int[] after = pc + 1 < size ? new int[] {base[proc] + pc + 1} : null;
        return switch (in) {
            case Instr.Label l -> null;                           // not first: the step ends here
            case Instr.Return r -> returnsTo[proc];               // after each call of it, or ends the thread
            case Instr.Jump j -> new int[] {base[proc] + j.target()};
            case Instr.JumpIfNot j -> after == null ? null : new int[] {after[0], base[proc] + j.target()};
            case Instr.JumpIfDone j -> after == null ? null : new int[] {after[0], base[proc] + j.target()};
            case Instr.Choose c -> targets(c.targets(), proc);
            case Instr.Call c -> base[c.proc()] == base[c.proc() + 1] ? null
                    : new int[] {base[c.proc()]};                 // the callee's first instruction, not first
            default -> after;                                     // falls through (or blocks, or faults)
        };
    }

    /** Per procedure, the point after each {@code call} of it (-1 when the call ends the code). */
    private int[][] returnPoints(List<ProcCode> procs) {
        List<List<Integer>> after = new ArrayList<>();
        procs.forEach(p -> after.add(new ArrayList<>()));
        for (int p = 0; p < procs.size(); p++) {
            List<Instr> code = procs.get(p).code();
            for (int i = 0; i < code.size(); i++) {
                if (code.get(i) instanceof Instr.Call c) {
                    after.get(c.proc()).add(i + 1 < code.size() ? base[p] + i + 1 : -1);
                }
            }
        }
        int[][] out = new int[procs.size()][];
        for (int p = 0; p < out.length; p++) {
            out[p] = after.get(p).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** {@code points}, or null when one of them is beyond the code (then nothing is decided there). */
    private int[] inRange(int[] points) {
        if (points != null) {
            for (int at : points) {
                if (at < 0 || at >= covered.length) {
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

    /** Lowers both properties from "true everywhere" until every point agrees with its next points. */
    private void solve() {
        int n = covered.length;
        int[][] preds = predecessors();
        int[] work = new int[n];
        boolean[] queued = new boolean[n];
        int top = 0;
        for (int i = n - 1; i >= 0; i--) {
            if (next[i] != null) {
                work[top++] = i;
                queued[i] = true;
            }
        }
        while (top > 0) {
            int at = work[--top];
            queued[at] = false;
            boolean c = coveredNow(at);
            boolean m = markingNow(at);
            if (c != covered[at] || m != marking[at]) {
                covered[at] = c;
                marking[at] = m;
                for (int p : preds[at]) {
                    if (!queued[p]) {
                        queued[p] = true;
                        work[top++] = p;
                    }
                }
            }
        }
    }

    private boolean coveredNow(int at) {
        boolean all = true;
        boolean anyMarking = false;
        for (int t : next[at]) {
            all &= covered[t];
            anyMarking |= marking[t];
        }
        return all || fork[at] && anyMarking;
    }

    private boolean markingNow(int at) {
        if (mayBlock[at]) {
            return false;
        }
        boolean all = true;
        boolean any = false;
        for (int t : next[at]) {
            all &= marking[t];
            any |= marking[t];
        }
        return fork[at] ? any : all;
    }

    private int[][] predecessors() {
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
     * certainly not local: its runs from the point it stands at are covered — from the instruction after it
     * when it stands at a label (the step's first instruction, passed).
     */
    boolean notLocal(int[] s, int thread, List<ProcCode> procs) {
        int top = s[layout.threadBase(thread) + Layout.TOP];
        int pc = s[layout.frameBase(thread, top) + Layout.FRAME_PC];
        List<Instr> code = procs.get(top).code();
        if (code.get(pc) instanceof Instr.Label) {
            return pc + 1 < code.size() && covered[base[top] + pc + 1];
        }
        return covered[base[top] + pc];
    }

    /** Whether no step of the scenario can be local (decided once, with the rest). */
    boolean noneLocal() {
        return noneLocal;
    }

    /**
     * Whether the runs are covered ({@link #notLocal}) from every point a thread may stand at between steps: a
     * label, where every step but a thread's first ends, and a procedure's first instruction, where a thread
     * starts (a call goes on into the callee within the step, so a thread stands there only when it is a
     * label). No step ends anywhere else: a step that blocks leaves no successor, and one that faults leaves
     * a state where no thread steps. False as soon as one such point is not known (the conservative answer).
     */
    private boolean everyStartCovered(List<ProcCode> procs, Flaw flaw) {
        for (int p = 0; p < procs.size(); p++) {
            List<Instr> code = procs.get(p).code();
            for (int pc = 0; pc < code.size(); pc++) {
                boolean label = code.get(pc) instanceof Instr.Label;
                if (!label && (pc > 0 || flaw == Flaw.LABELS_ONLY)) {
                    continue;                                  // mid-step: no thread stands here
                }
                boolean known = label ? pc + 1 < code.size() && covered[base[p] + pc + 1] : covered[base[p] + pc];
                if (!known) {
                    return false;
                }
            }
        }
        return true;
    }
}
