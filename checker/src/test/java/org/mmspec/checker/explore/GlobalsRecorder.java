package org.mmspec.checker.explore;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.eval.SpecSystem;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * An "invariant" that never fails and notes the shared part of every state it is shown (for
 * {@link EngineDifferential}): the explorer checks invariants on every state it reaches, so this records
 * which shared states a search reached. One search, one worker (it has no replica).
 */
final class GlobalsRecorder implements Invariant<SpecState> {

    private final SpecSystem system;
    private final Set<String> globals = new HashSet<>();

    GlobalsRecorder(SpecSystem system) {
        this.system = system;
    }

    /** The globals (and locks) of {@code s}, as {@code name = value} lines: every entry that is not a thread's local. */
    static String project(SpecSystem system, SpecState s) {
        StringBuilder b = new StringBuilder();
        for (String line : system.describe(s)) {
            if (!isLocal(system, line)) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    /** Whether a variable's name (or a {@code name = value} line) is a thread's local: {@code T0.proc.x}. */
    static boolean isLocal(org.mmspec.spec.semantics.TransitionSystem<?> system, String variable) {
        for (int t = 0; t < system.threadCount(); t++) {
            if (variable.startsWith(system.threadName(t) + ".")) {
                return true;
            }
        }
        return false;
    }

    /** A few of the shared states in one set and not the other, for a message. */
    static String difference(Set<String> expected, Set<String> actual) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        return "missing " + missing.stream().limit(2).map(m -> m.replace('\n', ' ')).toList()
                + ", extra " + extra.stream().limit(2).map(m -> m.replace('\n', ' ')).toList();
    }

    Set<String> globals() {
        return globals;
    }

    @Override
    public String id() {
        return "shared_states_recorder";
    }

    @Override
    public String statement() {
        return "records the shared part of every state reached";
    }

    @Override
    public Witness check(SpecState s) {
        globals.add(project(system, s));
        return null;
    }
}
