package org.mmspec.checker.fidelity.golden;

import java.util.Objects;
import java.util.SortedMap;

import org.mmspec.checker.fidelity.observe.CellTable;

/**
 * A parsed golden file.
 *
 * @param deciding the deciding host facts of the host that recorded it
 *     ({@link org.mmspec.checker.fidelity.observe.HostFacts#deciding()})
 * @param table the recorded observations
 */
public record Golden(SortedMap<String, String> deciding, CellTable table) {
    public Golden {
        deciding = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(deciding));
        Objects.requireNonNull(table, "table");
    }
}
