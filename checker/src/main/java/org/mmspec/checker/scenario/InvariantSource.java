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
        if (ids.isEmpty()) {
            return Catalog.forStates(config);
        }
        return switch (Catalog.forStates(config, ids)) {
            case Catalog.Selected s -> s.invariants();
            case Catalog.UnknownIds u -> throw new IllegalArgumentException("unknown invariants " + u.unknown());
        };
    }
}
