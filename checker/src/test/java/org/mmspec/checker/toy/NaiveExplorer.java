package org.mmspec.checker.toy;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * An oracle for state counts: breadth-first over whole states in a {@link HashSet} (equality, not
 * fingerprints), with nothing shared with the explorer.
 */
public final class NaiveExplorer {

    private NaiveExplorer() {}

    /** Reachable states and edges. */
    public record Reach(long states, long edges) {}

    public static <S> Reach reach(TransitionSystem<S> system) {
        Set<S> seen = new HashSet<>();
        ArrayDeque<S> queue = new ArrayDeque<>();
        S initial = system.initialState();
        seen.add(initial);
        queue.add(initial);
        long edges = 0;
        while (!queue.isEmpty()) {
            S s = queue.poll();
            for (int t = 0; t < system.threadCount(); t++) {
                S next = system.step(s, t);
                if (next != null) {
                    edges++;
                    if (seen.add(next)) {
                        queue.add(next);
                    }
                }
            }
        }
        return new Reach(seen.size(), edges);
    }
}
