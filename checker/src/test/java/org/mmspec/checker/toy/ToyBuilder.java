package org.mmspec.checker.toy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.mmspec.spec.semantics.Fault;

/** Builds a {@link Toy}: shared variables first, then threads with their programs. */
public final class ToyBuilder {

    private final List<String> variables = new ArrayList<>();
    private final List<Integer> initial = new ArrayList<>();
    private final List<String> threadNames = new ArrayList<>();
    private final List<List<Toy.Step>> programs = new ArrayList<>();

    ToyBuilder() {}

    /** A variable with its initial value. */
    public ToyBuilder variable(String name, int value) {
        variables.add(name);
        initial.add(value);
        return this;
    }

    /** A thread; {@code program} adds its steps. */
    public ToyBuilder thread(String name, Consumer<Program> program) {
        Program p = new Program(threadNames.size());
        threadNames.add(name);
        program.accept(p);
        programs.add(p.steps);
        return this;
    }

    public Toy build() {
        return new Toy(threadNames, programs, variables, initial.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The steps of one thread. */
    public static final class Program {
        private final int thread;
        private final List<Toy.Step> steps = new ArrayList<>();

        Program(int thread) {
            this.thread = thread;
        }

        /** An unconditional step. */
        public Program step(String name, Consumer<Toy.Vars> effect) {
            return add(new Toy.Step(name, v -> true, v -> "", effect, v -> "", null, null, null));
        }

        /** An unconditional step whose label shows {@code detail} (computed on the state before). */
        public Program step(String name, Function<Toy.Vars, String> detail, Consumer<Toy.Vars> effect) {
            return add(new Toy.Step(name, v -> true, v -> "", effect, detail, null, null, null));
        }

        /** A step that waits until {@code guard} holds; {@code blocked} says what it waits for. */
        public Program await(String name, Predicate<Toy.Vars> guard, Function<Toy.Vars, String> blocked,
                Consumer<Toy.Vars> effect) {
            return add(new Toy.Step(name, guard, blocked, effect, v -> "", null, null, null));
        }

        /** Takes lock variable {@code lock} (0 = free, else holder id + 1), waiting while it is held. */
        public Program lock(String name, String lock) {
            return await(name, v -> v.get(lock) == 0,
                    v -> "waits for " + lock + " (held by T" + (v.get(lock) - 1) + ")",
                    v -> v.set(lock, thread + 1));
        }

        /** Releases lock variable {@code lock}. */
        public Program unlock(String name, String lock) {
            return step(name, v -> v.set(lock, 0));
        }

        /** A step that records a fault of {@code kind} when {@code when} holds before it, else does {@code effect}. */
        public Program faultingStep(String name, Predicate<Toy.Vars> when, Fault.Kind kind, String message,
                Consumer<Toy.Vars> effect) {
            return add(new Toy.Step(name, v -> true, v -> "", effect, v -> "", when, kind, message));
        }

        private Program add(Toy.Step step) {
            steps.add(step);
            return this;
        }
    }
}
