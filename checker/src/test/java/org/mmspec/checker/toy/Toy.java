package org.mmspec.checker.toy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.BlockReason;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.StateVectors;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * A toy transition system for explorer tests: named integer variables and, per thread, a straight-line
 * program of steps, each with a guard (the thread is blocked while it is false), an effect, and optionally
 * a fault it raises. The state is an {@code int[]}: one program counter per thread, the variables, and a
 * fault slot.
 */
public final class Toy implements TransitionSystem<Toy.State> {

    /** Read access to the variables (and, for effects, write access). */
    public interface Vars {
        int get(String variable);

        void set(String variable, int value);
    }

    /** A state: program counters, variables, fault slot. Immutable. */
    public static final class State {
        final int[] v;
        private final int hash;

        State(int[] v) {
            this.v = v;
            this.hash = Arrays.hashCode(v);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && hash == s.hash && Arrays.equals(v, s.v);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return Arrays.toString(v);
        }
    }

    record Step(String name, Predicate<Vars> guard, Function<Vars, String> blocked, Consumer<Vars> effect,
            Function<Vars, String> detail, Predicate<Vars> faultIf, Fault.Kind faultKind, String faultMessage) {}

    private final List<String> threadNames;
    private final List<List<Step>> programs;
    private final List<String> variables;
    private final Map<String, Integer> slots = new HashMap<>();
    private final int[] initial;
    private final int faultSlot;

    Toy(List<String> threadNames, List<List<Step>> programs, List<String> variables, int[] initialValues) {
        this.threadNames = List.copyOf(threadNames);
        this.programs = List.copyOf(programs);
        this.variables = List.copyOf(variables);
        int threads = threadNames.size();
        for (int i = 0; i < variables.size(); i++) {
            slots.put(variables.get(i), threads + i);
        }
        this.faultSlot = threads + variables.size();
        this.initial = new int[faultSlot + 1];
        System.arraycopy(initialValues, 0, initial, threads, initialValues.length);
    }

    public static ToyBuilder builder() {
        return new ToyBuilder();
    }

    /** The value of {@code variable} in {@code s}. */
    public int value(State s, String variable) {
        return s.v[slot(variable)];
    }

    /** True when {@code thread} has finished in {@code s}. */
    public boolean finished(State s, int thread) {
        return s.v[thread] == programs.get(thread).size();
    }

    @Override
    public State initialState() {
        return new State(initial.clone());
    }

    @Override
    public int threadCount() {
        return threadNames.size();
    }

    @Override
    public String threadName(int thread) {
        return threadNames.get(thread);
    }

    @Override
    public State step(State s, int thread) {
        Step step = next(s, thread);
        if (step == null || !step.guard().test(view(s.v))) {
            return null;
        }
        int[] v = s.v.clone();
        if (step.faultIf() != null && step.faultIf().test(view(s.v))) {
            v[faultSlot] = 1 + thread * 1000 + s.v[thread];
        } else {
            step.effect().accept(view(v));
        }
        v[thread]++;
        return new State(v);
    }

    private Step next(State s, int thread) {
        List<Step> program = programs.get(thread);
        int pc = s.v[thread];
        return s.v[faultSlot] != 0 || pc == program.size() ? null : program.get(pc);
    }

    @Override
    public ThreadPhase phase(State s, int thread) {
        int pc = s.v[thread];
        return pc == 0 ? ThreadPhase.NOT_STARTED
                : pc == programs.get(thread).size() ? ThreadPhase.FINISHED : ThreadPhase.RUNNING;
    }

    @Override
    public BlockReason blockReason(State s, int thread) {
        Step step = next(s, thread);
        if (step == null || step.guard().test(view(s.v))) {
            return null;
        }
        String why = step.blocked().apply(view(s.v));
        return () -> why;
    }

    /** A toy state's vector is its slots: the explorer keeps toy states compressed and can spill them. */
    @Override
    public StateVectors<State> vectors() {
        return new StateVectors<>() {
            @Override
            public int vectorLength() {
                return initial.length;
            }

            @Override
            public void copyVector(State s, int[] out) {
                System.arraycopy(s.v, 0, out, 0, s.v.length);
            }

            @Override
            public State fromVector(int[] words) {
                return new State(words);
            }
        };
    }

    @Override
    public long fingerprint(State s) {
        long h = 0x243F6A8885A308D3L;
        for (int x : s.v) {
            h = (h ^ x) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        return h;
    }

    @Override
    public Fault fault(State s) {
        int code = s.v[faultSlot];
        if (code == 0) {
            return null;
        }
        int thread = (code - 1) / 1000;
        Step step = programs.get(thread).get((code - 1) % 1000);
        return new Fault(step.faultKind(), thread, step.faultMessage());
    }

    @Override
    public ActionLabel label(State before, int thread, State after) {
        Step step = programs.get(thread).get(before.v[thread]);
        return new ActionLabel(thread, threadNames.get(thread), step.name(), step.detail().apply(view(before.v)));
    }

    @Override
    public List<Change> diff(State before, State after) {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            int slot = threadNames.size() + i;
            if (before.v[slot] != after.v[slot]) {
                changes.add(new Change(variables.get(i), Integer.toString(before.v[slot]), Integer.toString(after.v[slot])));
            }
        }
        return changes;
    }

    private int slot(String variable) {
        Integer slot = slots.get(variable);
        if (slot == null) {
            throw new IllegalArgumentException("no variable " + variable);
        }
        return slot;
    }

    private Vars view(int[] v) {
        return new Vars() {
            @Override
            public int get(String variable) {
                return v[slot(variable)];
            }

            @Override
            public void set(String variable, int value) {
                v[slot(variable)] = value;
            }
        };
    }

    /** Itself: the system keeps no scratch state, so workers of a parallel search may share it. */
    @Override
    public TransitionSystem<Toy.State> replica() {
        return this;
    }
}
