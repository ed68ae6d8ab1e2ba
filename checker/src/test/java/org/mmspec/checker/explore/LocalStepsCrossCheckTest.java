package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.specs.SpecSuite;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.load.SpecScenario;
import org.mmspec.spec.semantics.StateVectors;
import org.mmspec.spec.semantics.StepInfo;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * {@link LocalSteps} chooses and hands out successors without taking every thread's step on the allocating
 * path: threads the system rules out beforehand ({@link TransitionSystem#nextStepNotLocal}) are not stepped,
 * the others are stepped transiently, and a full expansion takes each thread's successors as the unreduced
 * search does. On a seeded sample of reachable states of every spec scenario (and the bench model's), with a
 * seeded "seen before" answer, it must choose the thread and give the successors — the same states, in the
 * same order — that the allocating choice (the search's choice before) gives; and the system's "certainly not
 * local" must agree with the step's own {@code StepInfo}; and the fingerprints it hands out for them (the
 * chosen thread's taken once, while choosing) must be theirs. A wrong "local", a stale transient buffer (on
 * systems whose threads share their buffers), stale fingerprints and a system that rules out a step it should
 * not are each caught.
 */
class LocalStepsCrossCheckTest {

    private static final int STATES_PER_SCENARIO = 150;
    private static final long SEED = 0x5eed_14L;

    /** Every spec scenario (and the bench model's), symmetric as {@code check} searches them by default. */
    private static List<TransitionSystem<SpecState>> systems() throws IOException {
        if (systems == null) {
            systems = load();
        }
        return systems;
    }

    /** Loaded once for the class (parsing every spec file takes seconds). */
    private static List<TransitionSystem<SpecState>> systems;

    private static List<TransitionSystem<SpecState>> load() throws IOException {
        List<TransitionSystem<SpecState>> out = new ArrayList<>();
        for (Path dir : List.of(Path.of("..", "spec", "mm"), Path.of("..", "bench", "models"))) {
            for (SpecSuite.File f : SpecSuite.of(dir).files()) {
                for (SpecScenario s : assertInstanceOf(SpecSuite.Loaded.class, f).program().scenarios()) {
                    out.add(s.system().withSymmetry(true));
                }
            }
        }
        return out;
    }

    @Test
    void theNewChoiceAndSuccessorsAreThoseOfTheAllocatingPathOnEveryScenario() throws IOException {
        int scenarios = 0;
        long ruledOut = 0;
        long reduced = 0;
        for (TransitionSystem<SpecState> system : systems()) {
            Sample<SpecState> sample = new Sample<>(system, SEED + scenarios);
            assertEquals(List.of(), sample.differences(LocalSteps.Mutation.NONE), "scenario " + scenarios);
            assertEquals(List.of(), sample.wrongHints(), "scenario " + scenarios);
            ruledOut += sample.ruledOut();
            reduced += sample.reduced();
            scenarios++;
        }
        assertTrue(scenarios >= 22, "scenarios: " + scenarios);
        assertTrue(ruledOut > 0, "no step was ruled out beforehand");
        assertTrue(reduced > 0, "no sampled state was reduced");
    }

    @Test
    void aWrongLocalAnswerIsCaught() throws IOException {
        assertTrue(caughtSomewhere(LocalSteps.Mutation.WRONG_LOCAL));
    }

    /**
     * The spec system keeps each thread's transient successors in buffers of its own
     * ({@link TransitionSystem#transientPerThread}), so another thread's step leaves them valid; on systems whose
     * threads share one set of buffers, {@link LocalSteps} still gives the allocating path's choice and successors,
     * and handing out a thread's successors after another step overwrote them is caught.
     */
    @Test
    void aStaleTransientBufferIsCaught() throws IOException {
        boolean caught = false;
        int scenarios = 0;
        for (TransitionSystem<SpecState> system : systems()) {
            Sample<SpecState> sample = new Sample<>(new SharedBuffers(system), SEED);
            assertEquals(List.of(), sample.differences(LocalSteps.Mutation.NONE), "scenario " + scenarios++);
            caught |= !sample.differences(LocalSteps.Mutation.STALE_BUFFER).isEmpty();
        }
        assertTrue(caught);
    }

    /** The chosen thread's fingerprints are handed out as taken while choosing, not taken again: stale ones are caught. */
    @Test
    void staleFingerprintsOfTheChosenThreadAreCaught() throws IOException {
        assertTrue(caughtSomewhere(LocalSteps.Mutation.STALE_FINGERPRINTS));
    }

    @Test
    void aSystemThatRulesOutALocalStepIsCaught() throws IOException {
        boolean hints = false;
        boolean choices = false;
        for (TransitionSystem<SpecState> system : systems()) {
            Sample<SpecState> sample = new Sample<>(new RulesOutAll<>(system), SEED);
            hints |= !sample.wrongHints().isEmpty();
            choices |= !sample.differences(LocalSteps.Mutation.NONE).isEmpty();
        }
        assertTrue(hints, "the hint check missed a system that rules out every step");
        assertTrue(choices, "the choice check missed a system that rules out every step");
    }

    private static boolean caughtSomewhere(LocalSteps.Mutation mutation) throws IOException {
        for (TransitionSystem<SpecState> system : systems()) {
            if (!new Sample<>(system, SEED).differences(mutation).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Reachable states of one system, by seeded random walks, and the two ways of expanding them. */
    private static final class Sample<S> {
        private final TransitionSystem<S> system;
        private final List<S> states = new ArrayList<>();
        private final long seed;

        Sample(TransitionSystem<S> system, long seed) {
            this.system = system;
            this.seed = seed;
            SplittableRandom random = new SplittableRandom(seed);
            while (states.size() < STATES_PER_SCENARIO) {
                int before = states.size();
                walk(random);
                if (states.size() == before) {
                    break;                         // nothing moves from the initial state
                }
            }
        }

        private void walk(SplittableRandom random) {
            S s = system.initialState();
            for (int depth = 0; depth < 80 && states.size() < STATES_PER_SCENARIO; depth++) {
                List<S> next = new ArrayList<>();
                for (int t = 0; t < system.threadCount(); t++) {
                    next.addAll(system.successors(s, t));
                }
                if (next.isEmpty() || system.fault(s) != null) {
                    return;
                }
                states.add(s);
                s = next.get(random.nextInt(next.size()));
            }
        }

        /** About one fingerprint in three counts as stored in an earlier level. */
        private LongPredicate seenBefore() {
            return fp -> Long.remainderUnsigned((fp ^ seed) * 0x9E3779B97F4A7C15L >>> 7, 3) == 0;
        }

        /** The states where {@link LocalSteps} (one instance reused, as in a search) differs from the allocating choice. */
        List<String> differences(LocalSteps.Mutation mutation) {
            LocalSteps<S> steps = new LocalSteps<>(system, mutation);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                String expected = allocating(states.get(i));
                String actual = reduced(steps, states.get(i));
                if (!expected.equals(actual)) {
                    out.add("state " + i + ": expected " + expected + ", got " + actual);
                }
            }
            return out;
        }

        /** The search's choice before: every thread's successors allocated, in thread order, until one is chosen. */
        private String allocating(S s) {
            StepInfo info = new StepInfo();
            List<List<S>> all = new ArrayList<>();
            LongPredicate seen = seenBefore();
            for (int t = 0; t < system.threadCount(); t++) {
                List<S> m = system.successors(s, t, info);
                all.add(m);
                if (info.local() && !m.isEmpty() && m.stream().noneMatch(n -> seen.test(system.fingerprint(n)))) {
                    return t + ":" + describe(m);
                }
            }
            StringBuilder b = new StringBuilder("-1");
            for (List<S> m : all) {
                b.append(':').append(describe(m));
            }
            return b.toString();
        }

        /** As the searches expand: each thread's successors, and the fingerprints {@link LocalSteps} hands out for them. */
        private String reduced(LocalSteps<S> steps, S s) {
            SuccessorFingerprints<S> fps = new SuccessorFingerprints<>(system, fp -> 0);
            int only = steps.choose(s, seenBefore());
            if (only >= 0) {
                Moves<S> m = steps.moves(s, only);
                steps.fingerprints(only, m, fps);
                return only + ":" + describe(m, fps);
            }
            StringBuilder b = new StringBuilder("-1");
            for (int t = 0; t < system.threadCount(); t++) {
                Moves<S> m = steps.moves(s, t);
                steps.fingerprints(t, m, fps);
                b.append(':').append(describe(m, fps));   // each read before the next step
            }
            return b.toString();
        }

        private String describe(List<S> m) {
            StringBuilder b = new StringBuilder("[");
            m.forEach(n -> b.append(describe(n)));
            return b.append(']').toString();
        }

        /** As {@link #describe(List)}, with the fingerprints {@code fps} holds for {@code m}'s successors. */
        private String describe(Moves<S> m, SuccessorFingerprints<S> fps) {
            StringBuilder b = new StringBuilder("[");
            for (int c = 0; c < m.size(); c++) {
                b.append(describe(m.get(c), fps.get(c)));
            }
            return b.append(']').toString();
        }

        /** A state's fingerprint and its words (a symmetric fingerprint is one per orbit). */
        private String describe(S n) {
            return describe(n, system.fingerprint(n));
        }

        private String describe(S n, long fingerprint) {
            int[] words = new int[system.vectors().vectorLength()];
            system.vectors().copyVector(n, words);
            return Long.toHexString(fingerprint) + "/" + Integer.toHexString(Arrays.hashCode(words)) + " ";
        }

        /** The states and threads the system rules out beforehand although the step is local. */
        List<String> wrongHints() {
            List<String> out = new ArrayList<>();
            StepInfo info = new StepInfo();
            for (int i = 0; i < states.size(); i++) {
                for (int t = 0; t < system.threadCount(); t++) {
                    if (system.nextStepNotLocal(states.get(i), t)
                            && !system.successors(states.get(i), t, info).isEmpty() && info.local()) {
                        out.add("state " + i + " thread " + t);
                    }
                }
            }
            return out;
        }

        /** Thread steps the system rules out beforehand, over the sample. */
        long ruledOut() {
            long n = 0;
            for (S s : states) {
                for (int t = 0; t < system.threadCount(); t++) {
                    n += system.nextStepNotLocal(s, t) ? 1 : 0;
                }
            }
            return n;
        }

        long reduced() {
            LocalSteps<S> steps = new LocalSteps<>(system);
            return states.stream().filter(s -> steps.choose(s, seenBefore()) >= 0).count();
        }
    }

    /**
     * {@code inner}, with its transient successors written into one set of buffers whatever the thread (a step
     * overwrites the states the last one gave, as before the spec system kept buffers per thread).
     */
    private static final class SharedBuffers extends Forwarding<SpecState> {
        private final OneBufferSet buffers;

        SharedBuffers(TransitionSystem<SpecState> inner) {
            super(inner);
            this.buffers = new OneBufferSet(inner.vectors());
        }

        @Override
        public List<SpecState> transientSuccessors(SpecState s, int thread) {
            return buffers.hold(inner.transientSuccessors(s, thread));
        }

        @Override
        public List<SpecState> transientSuccessors(SpecState s, int thread, StepInfo info) {
            return buffers.hold(inner.transientSuccessors(s, thread, info));
        }
    }

    /** {@code inner}, except that it says of every step that it is certainly not local. */
    private static final class RulesOutAll<S> extends Forwarding<S> {

        RulesOutAll(TransitionSystem<S> inner) {
            super(inner);
        }

        @Override
        public boolean nextStepNotLocal(S s, int thread) {
            return true;
        }
    }

    /**
     * {@link ForwardingSystem} that also forwards the successor methods, the locality answers and the vectors, so
     * that a wrapper takes the same search paths as {@code inner}.
     */
    private abstract static class Forwarding<S> extends ForwardingSystem<S> {

        Forwarding(TransitionSystem<S> inner) {
            super(inner);
        }

        @Override
        public boolean nextStepNotLocal(S s, int thread) {
            return inner.nextStepNotLocal(s, thread);
        }

        @Override
        public List<S> successors(S s, int thread) {
            return inner.successors(s, thread);
        }

        @Override
        public List<S> successors(S s, int thread, StepInfo info) {
            return inner.successors(s, thread, info);
        }

        @Override
        public List<S> transientSuccessors(S s, int thread) {
            return inner.transientSuccessors(s, thread);
        }

        @Override
        public List<S> transientSuccessors(S s, int thread, StepInfo info) {
            return inner.transientSuccessors(s, thread, info);
        }

        @Override
        public boolean reportsLocalSteps() {
            return inner.reportsLocalSteps();
        }

        @Override
        public StateVectors<S> vectors() {
            return inner.vectors();
        }
    }
}
