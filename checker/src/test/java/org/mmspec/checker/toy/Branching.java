package org.mmspec.checker.toy;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.BlockReason;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.StateVectors;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;
import org.mmspec.spec.semantics.Witness;

/**
 * A toy whose steps make nondeterministic choices, for explorer tests: thread {@code T0} ticks
 * {@code warmup} times, then its {@code pick} step sets {@code v} to one of {@code 0 .. width-1} (one
 * successor per value, in that order), then it finishes with {@code done}; thread {@code T1} ticks
 * {@code warmup + 1} times. The invariant {@code v_not_last} fails when {@code v == width - 1}: only the
 * last successor of {@code pick} breaks it, so a search that follows only the first successor of each
 * step ({@code step}) never finds it.
 */
public final class Branching implements TransitionSystem<Branching.State> {

    /** Program counters of T0 and T1, and {@code v} ({@code -1} before the pick). */
    public record State(int pc0, int pc1, int v) {}

    private final int warmup;
    private final int width;

    public Branching(int warmup, int width) {
        if (warmup < 0 || width < 1) {
            throw new IllegalArgumentException(warmup + ", " + width);
        }
        this.warmup = warmup;
        this.width = width;
    }

    /** States as three-word vectors, so the explorer compresses them (the object form is tested through CounterGrid). */
    @Override
    public StateVectors<State> vectors() {
        return new StateVectors<>() {
            @Override
            public int vectorLength() {
                return 3;
            }

            @Override
            public void copyVector(State s, int[] out) {
                out[0] = s.pc0();
                out[1] = s.pc1();
                out[2] = s.v();
            }

            @Override
            public State fromVector(int[] w) {
                return new State(w[0], w[1], w[2]);
            }
        };
    }

    /** The invariant only the last choice of {@code pick} breaks. */
    public Invariant<State> vNotLast() {
        return new ToyInvariant<>("v_not_last", "v never takes its last value",
                s -> s.v() == width - 1 ? Witness.of("v is " + s.v(), "v=" + s.v()) : null);
    }

    /** The same system seen through {@code step} only: every step's first successor (the default). */
    public TransitionSystem<State> firstSuccessorOnly() {
        Branching b = this;
        return new TransitionSystem<>() {
            @Override public State initialState() { return b.initialState(); }
            @Override public int threadCount() { return b.threadCount(); }
            @Override public String threadName(int t) { return b.threadName(t); }
            @Override public State step(State s, int t) { return b.step(s, t); }
            @Override public ThreadPhase phase(State s, int t) { return b.phase(s, t); }
            @Override public BlockReason blockReason(State s, int t) { return b.blockReason(s, t); }
            @Override public long fingerprint(State s) { return b.fingerprint(s); }
            @Override public Fault fault(State s) { return b.fault(s); }
            @Override public ActionLabel label(State x, int t, State y) { return b.label(x, t, y); }
            @Override public List<Change> diff(State x, State y) { return b.diff(x, y); }
        };
    }

    @Override
    public State initialState() {
        return new State(0, 0, -1);
    }

    @Override
    public int threadCount() {
        return 2;
    }

    @Override
    public String threadName(int thread) {
        return "T" + thread;
    }

    @Override
    public State step(State s, int thread) {
        List<State> next = successors(s, thread);
        return next.isEmpty() ? null : next.get(0);
    }

    @Override
    public List<State> successors(State s, int thread) {
        if (thread == 1) {
            return s.pc1() <= warmup ? List.of(new State(s.pc0(), s.pc1() + 1, s.v())) : List.of();
        }
        if (s.pc0() != warmup) {
            return s.pc0() <= warmup + 1 ? List.of(new State(s.pc0() + 1, s.pc1(), s.v())) : List.of();
        }
        List<State> out = new ArrayList<>();
        for (int v = 0; v < width; v++) {
            out.add(new State(s.pc0() + 1, s.pc1(), v));
        }
        return out;
    }

    @Override
    public ThreadPhase phase(State s, int thread) {
        int pc = thread == 0 ? s.pc0() : s.pc1();
        int end = thread == 0 ? warmup + 2 : warmup + 1;
        return pc == 0 ? ThreadPhase.NOT_STARTED : pc == end ? ThreadPhase.FINISHED : ThreadPhase.RUNNING;
    }

    @Override
    public BlockReason blockReason(State s, int thread) {
        return null;
    }

    @Override
    public long fingerprint(State s) {
        long h = 0x243F6A8885A308D3L;
        for (int x : new int[] {s.pc0(), s.pc1(), s.v()}) {
            h = (h ^ x) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        return h;
    }

    @Override
    public Fault fault(State s) {
        return null;
    }

    @Override
    public ActionLabel label(State before, int thread, State after) {
        String step = thread == 1 ? "tick" : before.pc0() < warmup ? "tick" : before.pc0() == warmup ? "pick" : "done";
        return new ActionLabel(thread, threadName(thread), step, step.equals("pick") ? "v=" + after.v() : "");
    }

    @Override
    public List<Change> diff(State before, State after) {
        return before.v() == after.v() ? List.of()
                : List.of(new Change("v", Integer.toString(before.v()), Integer.toString(after.v())));
    }

    /** Itself: the system keeps no scratch state, so workers of a parallel search may share it. */
    @Override
    public TransitionSystem<Branching.State> replica() {
        return this;
    }
}
