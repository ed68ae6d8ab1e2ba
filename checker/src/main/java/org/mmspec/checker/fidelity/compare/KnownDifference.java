package org.mmspec.checker.fidelity.compare;

import java.util.Objects;
import java.util.Set;

import org.mmspec.checker.fidelity.observe.CellTable;
import org.mmspec.checker.fidelity.observe.Field;
import org.mmspec.checker.fidelity.observe.HostFacts;
import org.mmspec.checker.fidelity.observe.PageFlag;
import org.mmspec.checker.fidelity.observe.Site;
import org.mmspec.checker.fidelity.scenario.Scenario;

/**
 * A documented, accepted way in which the live kernel and the model may disagree.
 *
 * <p>A rule may accept differences only in the {@link #EXPLAINABLE} fields: the flags that record a page's
 * age on the LRU lists. A difference in what is mapped where — frame, presence, swap, exclusive, file or
 * anon, map count, the other flags, an outcome, file contents, the VMA — spreads: an extra frame renumbers
 * every later frame label, an {@code anon_vma} created or not decides what {@code fork} copies, a different
 * outcome changes what the process does next. Such a difference is a model bug or a host fact the model
 * must be configured to imitate ({@code ModelMachine.forHost}); a rule that accepted one cell of it would
 * hide the cause while the rest of the table drifts. The constructor refuses such rules.
 *
 * @param id stable short name, e.g. {@code new-anon-inactive}
 * @param reason why the kernel and the model differ here, with the kernel change or host fact behind it
 * @param fields the fields whose differences the rule may accept, a non-empty subset of {@link #EXPLAINABLE}
 * @param rule which differences in those fields it explains
 */
public record KnownDifference(String id, String reason, Set<Field> fields, Rule rule) {

    /** The only fields a known difference may cover: page aging, which no other field depends on. */
    public static final Set<Field> EXPLAINABLE = Set.of(PageFlag.LRU, PageFlag.ACTIVE, PageFlag.REFERENCED);

    public KnownDifference {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        fields = Set.copyOf(fields);
        Objects.requireNonNull(rule, "rule");
        if (fields.isEmpty() || !EXPLAINABLE.containsAll(fields)) {
            throw new IllegalArgumentException("known difference " + id + " covers " + fields + "; a rule may only"
                    + " cover " + EXPLAINABLE + " (a difference in any other field spreads through the table:"
                    + " configure the model instead)");
        }
    }

    /** Whether this rule accepts {@code d}: a difference in one of its {@link #fields} that its rule explains. */
    public boolean explains(Difference d, Context c) {
        return fields.contains(d.field()) && rule.explains(d, c);
    }

    /** Decides whether a difference is explained. */
    @FunctionalInterface
    public interface Rule {
        /** Whether {@code d} is one of the differences this rule accepts, in context {@code c}. */
        boolean explains(Difference d, Context c);
    }

    /**
     * What a rule may look at besides the difference itself.
     *
     * @param scenario the scenario both tables observed
     * @param facts the host facts of the kernel run
     * @param kernel the kernel's table
     * @param model the model's table
     */
    public record Context(Scenario scenario, HostFacts facts, CellTable kernel, CellTable model) {
        public Context {
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(kernel, "kernel");
            Objects.requireNonNull(model, "model");
        }

        /** The kernel's value of another field at the same site, or {@code ""}. */
        public String kernelValue(Site site, Field field) {
            return kernel.get(site, field).orElse("");
        }

        /** The model's value of another field at the same site, or {@code ""}. */
        public String modelValue(Site site, Field field) {
            return model.get(site, field).orElse("");
        }
    }
}
