package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mmspec.ref.Outcome;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.KernelState;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * Many seeded random sequences of sequential kernel calls; after every call every invariant of the
 * catalog must hold, and no call may hit a kernel BUG (calls are valid by construction). A failure
 * names the seed: {@link #replay(long)} runs that sequence again.
 */
class RandomOperationsTest {

    private static final long FIRST_SEED = 20_161_018L;
    private static final int SEQUENCES = 300;

    @Test
    void everyInvariantHoldsAfterEveryCall() {
        List<Invariant<KernelState>> invariants = Catalog.forStates(Config.defaults());
        for (int i = 0; i < SEQUENCES; i++) {
            String failure = run(FIRST_SEED + i, invariants);
            if (failure != null) {
                fail(failure);
            }
        }
    }

    @Test
    void aSeedReplaysToTheSameStates() {
        assertEquals(fingerprints(FIRST_SEED + 7), fingerprints(FIRST_SEED + 7));
    }

    /** Runs the sequence of {@code seed} again; a description of its first problem, or null. */
    static String replay(long seed) {
        return run(seed, Catalog.forStates(Config.defaults()));
    }

    /** Runs {@code calls} calls from {@code seed} (longer runs than the suite's); the first problem, or null. */
    static String replay(long seed, int calls) {
        return run(seed, calls, Catalog.forStates(Config.defaults()));
    }

    private static String run(long seed, List<Invariant<KernelState>> invariants) {
        return run(seed, 30 + new SplittableRandom(seed ^ 0x5DEECE66DL).nextInt(31), invariants);
    }

    static String run(long seed, int calls, List<Invariant<KernelState>> invariants) {
        RandomOperations ops = new RandomOperations(seed);
        List<String> trace = new ArrayList<>();
        for (int i = 0; i <= calls; i++) {
            RandomOperations.Step step = i < calls ? ops.next() : ops.finish();
            if (step == null) {
                break;
            }
            trace.add(step.call() + " -> " + step.outcome());
            String problem = unexpected(step.outcome(), ops.holdsPageLock());
            if (problem == null) {
                problem = violation(invariants, ops.kernel().state());
            }
            if (problem != null) {
                return "seed " + seed + ", call " + i + ": " + problem + "\n  " + String.join("\n  ", trace);
            }
        }
        return null;
    }

    /** A kernel BUG is never expected; a would-block only while the driver holds a page lock. */
    private static String unexpected(Outcome o, boolean holdsPageLock) {
        return switch (o) {
            case Outcome.Returned r -> null;
            case Outcome.WouldBlock b -> holdsPageLock ? null : "unexpected would-block: " + b.reason();
            case Outcome.KernelBug b -> b.fault().message().startsWith("model capacity exceeded") ? null
                    : "unexpected kernel BUG: " + b.fault().message();
        };
    }

    private static String violation(List<Invariant<KernelState>> invariants, KernelState s) {
        for (Invariant<KernelState> inv : invariants) {
            Witness w = inv.check(s);
            if (w != null) {
                return inv.id() + " violated: " + w;
            }
        }
        return null;
    }

    private static List<Long> fingerprints(long seed) {
        RandomOperations ops = new RandomOperations(seed);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ops.next();
            out.add(ops.kernel().state().fingerprint());
        }
        return out;
    }
}
