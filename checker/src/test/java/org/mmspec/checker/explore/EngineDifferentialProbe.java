package org.mmspec.checker.explore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.mmspec.spec.eval.Evaluation;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.eval.SpecSystem;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Not a test: the long run of {@link EngineDifferentialTest} — many more seeds, with a summary (verdicts,
 * program sizes, failing seeds and the first failing program). Run after {@code mvn test-compile} (the
 * shaded jar supplies the dependencies; the freshly compiled classes come first):
 *
 * <pre>
 * java -cp checker/target/test-classes:checker/target/classes:spec/target/classes:reference-impl/target/classes:\
 * invariants/target/classes:checker/target/dist/mmspec.jar org.mmspec.checker.explore.EngineDifferentialProbe \
 *     FROM COUNT [MUTATION]
 * </pre>
 *
 * The optional third argument runs the reduced engines on a mutation instead: {@code reads-called-local}
 * ({@link ReadsCalledLocal}), {@code local-returns} ({@link Evaluation#LOCAL_RETURNS}) or {@code miscompiled}
 * ({@link Evaluation#MISCOMPILED}).
 */
public final class EngineDifferentialProbe {

    private EngineDifferentialProbe() {}

    public static void main(String[] args) {
        long from = args.length > 0 ? Long.parseLong(args[0]) : 0;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        UnaryOperator<TransitionSystem<SpecState>> mutation = mutation(args.length > 2 ? args[2] : "none");
        long start = System.nanoTime();
        DifferentialRuns.Summary s = DifferentialRuns.run(from, count, mutation, Integer.MAX_VALUE);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("seeds %d..%d: %d compared, %d skipped (over %d states), %.1f s (%.1f ms a program)%n",
                from, from + count - 1, s.compared, s.skipped, EngineDifferential.STATE_CAP, seconds,
                1000 * seconds / count);
        System.out.println("states per program: " + distribution(s.sizes));
        System.out.println("reduced (partial order + symmetry) below the reference on " + s.reducedBelow
                + " of " + s.passed + " passing programs");
        s.verdicts.forEach((v, n) -> System.out.printf("  %6d  %s%n", n, v));
        System.out.println(s.failures.size() + " failing programs");
        for (String f : s.failures) {
            System.out.println("  " + f.substring(0, Math.min(f.indexOf('\n'), 400)));
        }
        if (!s.failures.isEmpty()) {
            System.out.println("the first:\n" + s.failures.get(0));
        }
    }

    /** The reduced engines' system: as it is, or one of the mutations the test shows caught. */
    private static UnaryOperator<TransitionSystem<SpecState>> mutation(String name) {
        return switch (name) {
            case "reads-called-local" -> ReadsCalledLocal::new;
            case "local-returns" -> system -> ((SpecSystem) system).withEvaluation(Evaluation.LOCAL_RETURNS);
            case "miscompiled" -> system -> ((SpecSystem) system).withEvaluation(Evaluation.MISCOMPILED);
            case "none" -> UnaryOperator.identity();
            default -> throw new IllegalArgumentException("unknown mutation " + name
                    + ": none, reads-called-local, local-returns or miscompiled");
        };
    }

    private static String distribution(List<Long> sizes) {
        if (sizes.isEmpty()) {
            return "none";
        }
        List<Long> sorted = new ArrayList<>(sizes);
        Collections.sort(sorted);
        return "min " + sorted.get(0) + ", median " + sorted.get(sorted.size() / 2) + ", p90 "
                + sorted.get(sorted.size() * 9 / 10) + ", p99 " + sorted.get(sorted.size() * 99 / 100) + ", max "
                + sorted.get(sorted.size() - 1);
    }
}
