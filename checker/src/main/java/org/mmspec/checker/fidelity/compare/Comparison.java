package org.mmspec.checker.fidelity.compare;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.mmspec.checker.fidelity.observe.Cell;
import org.mmspec.checker.fidelity.observe.CellTable;
import org.mmspec.checker.fidelity.observe.HostFacts;
import org.mmspec.checker.fidelity.scenario.Scenario;

/**
 * Compares two tables cell by cell. A cell present in one table only compares against {@code (missing)}.
 * Each difference is checked against the known-difference rules in order; the first rule that explains
 * it wins.
 */
public final class Comparison {

    /** The value shown for a cell one table lacks. */
    public static final String MISSING = "(missing)";

    private final List<KnownDifference> rules;
    private final String leftName;
    private final String rightName;

    /**
     * @param rules the accepted differences (empty for kernel-vs-kernel comparisons)
     * @param leftName header of the first value column, e.g. {@code kernel}
     * @param rightName header of the second value column, e.g. {@code model}
     */
    public Comparison(List<KnownDifference> rules, String leftName, String rightName) {
        this.rules = List.copyOf(rules);
        this.leftName = leftName;
        this.rightName = rightName;
    }

    /** The standard comparison of the live kernel (left) with the model (right). */
    public static Comparison kernelVersusModel() {
        return new Comparison(KnownDifferences.standard(), "kernel", "model");
    }

    /**
     * Two kernel runs (or a golden and a kernel run) of the same scenario on hosts with the same deciding
     * facts: only host noise ({@link KnownDifferences#kernelNoise()}) is accepted.
     */
    public static Comparison kernelVersusKernel(String leftName, String rightName) {
        return new Comparison(KnownDifferences.kernelNoise(), leftName, rightName);
    }

    /** A comparison that accepts no difference at all. */
    public static Comparison exact(String leftName, String rightName) {
        return new Comparison(List.of(), leftName, rightName);
    }

    /**
     * Compares {@code left} with {@code right}, two observations of {@code scenario}; {@code facts} are the
     * kernel run's host facts.
     */
    public Verdict compare(Scenario scenario, CellTable left, CellTable right, HostFacts facts) {
        KnownDifference.Context context = new KnownDifference.Context(scenario, facts, left, right);
        Set<Cell.Key> keys = new LinkedHashSet<>(left.keys());
        keys.addAll(right.keys());
        List<Difference> unexplained = new ArrayList<>();
        List<Verdict.Explained> explained = new ArrayList<>();
        for (Cell.Key key : keys) {
            String l = left.get(key.site(), key.field()).orElse(MISSING);
            String r = right.get(key.site(), key.field()).orElse(MISSING);
            if (l.equals(r)) {
                continue;
            }
            Difference d = new Difference(key.site(), key.field(), l, r);
            rules.stream().filter(rule -> rule.explains(d, context)).findFirst().ifPresentOrElse(
                    rule -> explained.add(new Verdict.Explained(d, rule)), () -> unexplained.add(d));
        }
        if (unexplained.isEmpty()) {
            return new Verdict.Agreement(explained);
        }
        return new Verdict.Disagreement(unexplained, explained,
                DifferenceTable.render(unexplained, leftName, rightName));
    }
}
