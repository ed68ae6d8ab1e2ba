package org.mmspec.checker.fidelity.golden;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

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
        deciding = Collections.unmodifiableSortedMap(new TreeMap<>(deciding));
        Objects.requireNonNull(table, "table");
    }
}
