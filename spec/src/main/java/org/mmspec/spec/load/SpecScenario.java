package org.mmspec.spec.load;

import java.util.List;
import org.mmspec.spec.diag.SourceSpan;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.eval.SpecSystem;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * One scenario of a loaded spec, ready for the explorer.
 *
 * @param name the scenario's name
 * @param span where it is declared
 * @param spec the interpreter of the scenario (also its {@link TransitionSystem})
 * @param invariants the invariants it checks (all by default, or those named by {@code check})
 * @param bounds preemption and depth bounds and the strategy hint
 * @param expectation what the check should find
 * @param cover code points ({@code proc:label}) a pass must have reached, from {@code cover "...";}
 */
public record SpecScenario(String name, SourceSpan span, SpecSystem spec, List<Invariant<SpecState>> invariants,
        Bounds bounds, Expectation expectation, List<String> cover) {

    public SpecScenario {
        invariants = List.copyOf(invariants);
        cover = List.copyOf(cover);
    }

    /** A scenario without {@code cover} points. */
    public SpecScenario(String name, SourceSpan span, SpecSystem spec, List<Invariant<SpecState>> invariants,
            Bounds bounds, Expectation expectation) {
        this(name, span, spec, invariants, bounds, expectation, List.of());
    }

    /** The scenario as the explorer sees it. */
    public TransitionSystem<SpecState> system() {
        return spec;
    }

    /**
     * This scenario with its steps and invariants evaluated as {@code e} (compiled or interpreted; for
     * cross-checks).
     */
    public SpecScenario evaluated(org.mmspec.spec.eval.Evaluation e) {
        List<Invariant<SpecState>> evaluated = invariants.stream()
                .map(i -> i instanceof org.mmspec.spec.eval.SpecInvariant si ? (Invariant<SpecState>) si.withEvaluation(e) : i)
                .toList();
        return new SpecScenario(name, span, spec.withEvaluation(e), evaluated, bounds, expectation, cover);
    }

    /** This scenario with the atomicity audit of every step on or off ({@link SpecSystem#withAudit}). */
    public SpecScenario audited(boolean on) {
        return new SpecScenario(name, span, spec.withAudit(on), invariants, bounds, expectation, cover);
    }
}
