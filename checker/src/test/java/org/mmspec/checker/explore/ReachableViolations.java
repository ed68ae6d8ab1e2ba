package org.mmspec.checker.explore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.mmspec.checker.result.Deadlock;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.result.ModelError;
import org.mmspec.checker.result.Violation;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;
import org.mmspec.spec.semantics.Witness;

/**
 * An oracle independent of the explorer's store, frontier and reduction: a plain breadth-first search over
 * the states themselves ({@code equals}, no fingerprints) that does not stop at the first violation. It
 * judges each state as the explorer does (its fault, then the invariants in order, then deadlock), expands
 * only the states that violate nothing, and records every violation reachable that way with the least depth
 * it is reached at, and whether some thread ever moved while another was part-way through its work (the
 * explorer's interleaving self-check).
 *
 * @param complete whether the whole state space was searched within the cap
 * @param states the number of distinct states reached
 * @param violations per violation key ({@link #key}), the least depth it is reached at
 * @param overlap whether threads interleave
 * @param globals the shared part of every state reached without a fault ({@code project})
 */
record ReachableViolations(boolean complete, long states, TreeMap<String, Integer> violations, boolean overlap,
        Set<String> globals) {

    /** Searches {@code system} (not symmetric, not reduced) up to {@code cap} states. */
    static <S> ReachableViolations of(TransitionSystem<S> system, List<? extends Invariant<? super S>> invariants,
            int cap, Function<S, String> project) {
        Set<S> seen = new HashSet<>();
        Set<String> globals = new HashSet<>();
        TreeMap<String, Integer> found = new TreeMap<>();
        boolean overlap = false;
        List<S> level = new ArrayList<>(List.of(system.initialState()));
        seen.add(level.get(0));
        for (int depth = 0; !level.isEmpty(); depth++) {
            List<S> next = new ArrayList<>();
            for (S s : level) {
                if (system.fault(s) == null) {
                    globals.add(project.apply(s));
                }
                String bad = judge(system, invariants, s);
                if (bad != null) {
                    found.putIfAbsent(bad, depth);
                    continue;
                }
                boolean running = false;
                for (int t = 0; t < system.threadCount(); t++) {
                    List<S> succ = system.successors(s, t);
                    overlap |= !succ.isEmpty() && othersRunning(system, s, t);
                    for (S n : succ) {
                        if (seen.add(n)) {
                            next.add(n);
                        }
                    }
                }
                if (seen.size() > cap) {
                    return new ReachableViolations(false, seen.size(), found, overlap, globals);
                }
            }
            level = next;
        }
        return new ReachableViolations(true, seen.size(), found, overlap, globals);
    }

    /** The violation {@code s} shows by itself or as a deadlock, as a key, or null. */
    static <S> String judge(TransitionSystem<S> system, List<? extends Invariant<? super S>> invariants, S s) {
        Fault fault = system.fault(s);
        if (fault != null) {
            return key(Violation.of(fault));
        }
        for (Invariant<? super S> invariant : invariants) {
            Witness w = invariant.check(s);
            if (w != null) {
                return key(new InvariantViolation(invariant.id(), w));
            }
        }
        boolean unfinished = false;
        for (int t = 0; t < system.threadCount(); t++) {
            if (!system.phase(s, t).isAtRest()) {
                unfinished = true;
                if (!system.successors(s, t).isEmpty()) {
                    return null;
                }
            }
        }
        return unfinished ? "deadlock" : null;
    }

    private static <S> boolean othersRunning(TransitionSystem<S> system, S s, int thread) {
        for (int t = 0; t < system.threadCount(); t++) {
            if (t != thread && system.phase(s, t) == ThreadPhase.RUNNING) {
                return true;
            }
        }
        return false;
    }

    /** What must agree between engines: the invariant, the deadlock, the fault's kind and message. */
    static String key(Violation v) {
        return switch (v) {
            case InvariantViolation i -> "invariant " + i.invariantId();
            case Deadlock d -> "deadlock";
            case ModelError m -> m.message().startsWith("no interleaving") ? "no interleaving"
                    : "model_error " + m.message();
            case org.mmspec.checker.result.KernelBug k -> "kernel_bug " + k.fault().message();
            case org.mmspec.checker.result.AssertionFailure a -> "assertion " + a.fault().message();
        };
    }

    /** The least depth of any violation, or -1. */
    int firstDepth() {
        return violations.values().stream().mapToInt(Integer::intValue).min().orElse(-1);
    }
}
