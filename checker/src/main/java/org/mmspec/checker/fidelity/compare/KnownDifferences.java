package org.mmspec.checker.fidelity.compare;

import java.util.List;

/** The documented differences between the live kernel and the model. */
public final class KnownDifferences {

    private KnownDifferences() {
    }

    /** The standard list. */
    public static List<KnownDifference> standard() {
        return List.of();
    }
}
