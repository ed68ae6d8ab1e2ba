package org.mmspec.checker.fidelity.compare;

import java.util.List;

/** The result of a comparison. */
public sealed interface Verdict {

    /** Differences a known-difference rule accepted, each with its rule. */
    List<Explained> explained();

    /** Every cell agrees, or every difference is explained. */
    record Agreement(List<Explained> explained) implements Verdict {
        public Agreement {
            explained = List.copyOf(explained);
        }
    }

    /**
     * Some cells differ without explanation.
     *
     * @param unexplained the differences no rule accepts, in table order; never empty
     * @param explained the accepted ones
     * @param table the side-by-side table of {@code unexplained}, ready to print
     */
    record Disagreement(List<Difference> unexplained, List<Explained> explained, String table)
            implements Verdict {
        public Disagreement {
            unexplained = List.copyOf(unexplained);
            explained = List.copyOf(explained);
            if (unexplained.isEmpty()) {
                throw new IllegalArgumentException("a disagreement needs an unexplained difference");
            }
        }
    }

    /** A difference and the rule that accepts it. */
    record Explained(Difference difference, KnownDifference rule) {
    }
}
