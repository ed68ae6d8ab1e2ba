package org.mmspec.checker.fidelity.compare;

import java.util.Objects;

import org.mmspec.checker.fidelity.observe.Field;
import org.mmspec.checker.fidelity.observe.Site;

/**
 * One cell on which two tables disagree.
 *
 * @param site step, process and page
 * @param field the field
 * @param left the value in the first table (the kernel, when comparing kernel with model)
 * @param right the value in the second table (the model)
 */
public record Difference(Site site, Field field, String left, String right) {
    public Difference {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }
}
