package org.mmspec.spec.eval;

/**
 * How a {@link SpecSystem} runs its steps and invariants. {@link #COMPILED} is the default; the tree-walking
 * interpreter stays for cross-checking and runs every audited step ({@code check --audit}: the compiled
 * evaluator has no recording variant). Both give the same states, faults (site and message), fuel and
 * nesting accounting, and the same choices; {@code EvaluationCrossCheckTest} compares them on every spec
 * scenario.
 *
 * <p>The JVM system property {@value #PROPERTY} ({@code interpreted}, {@code closures} or {@code compiled}) picks the
 * default, e.g. {@code MMSPEC_JAVA_OPTS=-Dmmspec.spec.evaluation=interpreted ./mmspec check FILE}.
 */
public enum Evaluation {
    /**
     * Lowered code compiled once per scenario into closures over precomputed slot offsets, and a thread's
     * step through them compiled further to JVM bytecode ({@code ProcGen}): the default.
     */
    COMPILED,
    /** {@link #COMPILED} without the bytecode: every step through the closures, to compare with. */
    CLOSURES,
    /** The tree-walking interpreter ({@code Evaluator}, {@code Instructions}). */
    INTERPRETED,
    /**
     * The compiled evaluator with one deliberate fault, for tests that show the cross-check catches a broken
     * compilation: every element of a global array is addressed one element off ({@code a[i]} reads
     * {@code a[i+1]}; the last element is out of range).
     */
    MISCOMPILED,
    /**
     * The compiled evaluator with a soundness bug of partial-order reduction put back, for tests that show the
     * cross-checks catch it: a {@code return} whose call stores the value in a shared place ({@code g = f();}
     * with {@code g} global) counts as local ({@link Locality}; fixed in commit 1f47bd9, before which the
     * reduced search passed {@code return_into_global.mmspec}). States and faults are those of
     * {@link #COMPILED}; only which steps are local differs.
     */
    LOCAL_RETURNS,
    /**
     * The compiled evaluator with a deliberately broken bytecode generator, for tests that show the
     * differential tests catch it: every generated {@code <} is a {@code <=}.
     */
    MISGENERATED,
    /**
     * The compiled evaluator whose generated stores (and step ends) do not report their slots to the write
     * log, for tests that show the search's checks catch a store path that forgets {@code Ctx.wrote}.
     */
    UNLOGGED;

    /** The system property that selects the default. */
    public static final String PROPERTY = "mmspec.spec.evaluation";

    /** The default: {@link #PROPERTY} if set to {@code interpreted} or {@code closures}, else {@link #COMPILED}. */
    public static Evaluation byDefault() {
        String p = System.getProperty(PROPERTY);
        return "interpreted".equals(p) ? INTERPRETED : "closures".equals(p) ? CLOSURES : COMPILED;
    }
}
