package org.mmspec.checker.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.Explorer;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.ModelError;
import org.mmspec.spec.semantics.BlockReason;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;
import org.mmspec.spec.semantics.Witness;

/**
 * Explains a search whose threads never interleaved (the explorer's "no interleaving" model error):
 * when, in the states where one thread is part-way through its work, the others cannot move because
 * they wait for a lock it holds, the scenario is <em>serialised</em> by that lock — a pass that raced
 * nothing. Searches the (small) space again, noting the waits.
 */
final class Serialisation {

    private Serialisation() {
    }

    /** Whether {@code result} is the explorer's verdict that nothing interleaved. */
    static boolean isNoInterleaving(CheckResult result) {
        return result instanceof CheckResult.Violated v && v.violation() instanceof ModelError m
                && m.message().startsWith("no interleaving");
    }

    /** How the threads are serialised ({@code "T1 waits for ptl (held by T0) while T0 is part-way"}), if they are. */
    static <S> Optional<String> explain(TransitionSystem<S> system, SearchOptions options) {
        Set<String> waits = new TreeSet<>();
        Invariant<S> probe = new Invariant<>() {
            @Override
            public String id() {
                return "(serialisation)";
            }

            @Override
            public String statement() {
                return "notes what threads wait for while another is part-way";
            }

            @Override
            public Witness check(S s) {
                note(system, s, waits);
                return null;
            }
        };
        Explorer.check(new CheckRequest<>(system, List.of(probe), options));
        if (waits.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("serialised: the threads never interleave — " + String.join("; ", waits)
                + " — so nothing raced; the lock serialises them");
    }

    private static <S> void note(TransitionSystem<S> system, S s, Set<String> waits) {
        List<Integer> running = new ArrayList<>();
        for (int t = 0; t < system.threadCount(); t++) {
            if (system.phase(s, t) == ThreadPhase.RUNNING) {
                running.add(t);
            }
        }
        for (int a : running) {
            for (int b = 0; b < system.threadCount(); b++) {
                if (b == a || system.phase(s, b).isAtRest() || !system.successors(s, b).isEmpty()) {
                    continue;
                }
                BlockReason why = system.blockReason(s, b);
                if (why != null) {
                    waits.add(system.threadName(b) + " " + why.describe() + " while " + system.threadName(a)
                            + " is part-way");
                }
            }
        }
    }
}
