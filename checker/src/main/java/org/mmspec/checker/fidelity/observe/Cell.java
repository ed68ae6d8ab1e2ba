package org.mmspec.checker.fidelity.observe;

import java.util.Objects;

/** One compared value: {@code field} at {@code site} is {@code value} (text, frames already labelled). */
public record Cell(Site site, Field field, String value) {
    public Cell {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
    }

    /** The key of this cell: site and field. */
    public Key key() {
        return new Key(site, field);
    }

    /** A cell's identity. */
    public record Key(Site site, Field field) {
        public Key {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(field, "field");
        }
    }
}
