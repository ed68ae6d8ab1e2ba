package org.mmspec.checker.scenario;

import java.util.List;
import java.util.Optional;
import org.mmspec.invariants.Catalog;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.KernelState;
import org.mmspec.spec.semantics.Invariant;

/** The invariant catalog as the checker uses it: ids to checks over {@link KernelState}s. */
public final class InvariantSource {

    private InvariantSource() {
    }

    /** Every catalog id, in catalog order. */
    public static List<String> ids() {
        return Catalog.ids();
    }

    /** The names of {@code system}'s threads, in thread order. */
    public static List<String> threadNames(org.mmspec.spec.semantics.TransitionSystem<?> system) {
        List<String> out = new java.util.ArrayList<>();
        for (int t = 0; t < system.threadCount(); t++) {
            out.add(system.threadName(t));
        }
        return out;
    }

    /** An unknown id among {@code ids}, if any. */
    public static Optional<String> unknown(List<String> ids) {
        List<String> known = Catalog.ids();
        return ids.stream().filter(id -> !known.contains(id)).findFirst();
    }

    /**
     * The checks for {@code ids} (all of them when empty), sharing one view of the state; use one list
     * per search.
     *
     * @throws IllegalArgumentException for an unknown id (validate first with {@link #unknown})
     */
    public static List<Invariant<KernelState>> resolve(Config config, List<String> ids) {
        return resolve(config, ids, List.of());
    }

    /**
     * As {@link #resolve(Config, List)}, with violation messages naming threads by {@code threadNames}
     * (a scenario's own names) instead of {@code T0}, {@code T1}, ...
     */
    public static List<Invariant<KernelState>> resolve(Config config, List<String> ids, List<String> threadNames) {
        List<String> all = ids.isEmpty() ? Catalog.ids() : ids;
        return switch (Catalog.forStates(config, all, threadNames)) {
            case Catalog.Selected s -> s.invariants();
            case Catalog.UnknownIds u -> throw new IllegalArgumentException("unknown invariants " + u.unknown());
        };
    }
}
