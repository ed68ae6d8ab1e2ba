package org.mmspec.checker.scenario;

import java.util.List;
import java.util.Optional;
import org.mmspec.ref.Config;
import org.mmspec.ref.state.KernelState;
import org.mmspec.spec.semantics.Invariant;

/** The invariant catalog as the checker uses it: ids to checks over {@link KernelState}s. */
public final class InvariantSource {

    private InvariantSource() {
    }

    /** Every catalog id, in catalog order. */
    public static List<String> ids() {
        return List.of();
    }

    /** An unknown id among {@code ids}, if any. */
    public static Optional<String> unknown(List<String> ids) {
        return ids.stream().filter(id -> !ids().contains(id)).findFirst();
    }

    /** The checks for {@code ids} (all when empty), sharing one view of the state. */
    public static List<Invariant<KernelState>> resolve(Config config, List<String> ids) {
        return List.of();
    }
}
