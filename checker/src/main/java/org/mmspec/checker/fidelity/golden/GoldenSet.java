package org.mmspec.checker.fidelity.golden;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import org.mmspec.checker.fidelity.observe.HostFacts;

/**
 * A directory of golden files recorded on hosts with the same deciding facts
 * ({@link HostFacts#deciding()}): one {@code <scenario>.kernel} file per scenario. A golden set applies to
 * a kernel run exactly when the run's deciding facts equal the set's.
 *
 * @param name the directory name, e.g. {@code linux-6.18-ext4-zero-page}
 * @param deciding the deciding facts every golden of the set records
 * @param dir the directory
 */
public record GoldenSet(String name, SortedMap<String, String> deciding, Path dir) {

    public GoldenSet {
        Objects.requireNonNull(name, "name");
        deciding = Collections.unmodifiableSortedMap(new TreeMap<>(deciding));
        Objects.requireNonNull(dir, "dir");
    }

    /** The golden file of {@code scenario} in this set (it may not exist). */
    public Path file(String scenario) {
        return dir.resolve(scenario + ".kernel");
    }

    /** Whether this set was recorded on hosts like the one whose deciding facts are {@code facts}. */
    public boolean appliesTo(HostFacts facts) {
        return deciding.equals(facts.deciding());
    }

    /** {@code name {k=v, ...}}, for messages. */
    public String describe() {
        return name + " " + deciding;
    }

    /**
     * Facts of a host with this set's deciding facts, for configuring a model against the recorded
     * observations; facts that do not decide (release, machine, THP, KSM, {@code fault_around_bytes}) are
     * unknown, so the model takes Linux's defaults for them.
     */
    public HostFacts hostFacts() {
        return new HostFacts(value("kernel_series") + ".0-golden", "unknown", Integer.parseInt(value("page_size")),
                true, yes("zero_page_on_read_fault"), yes("madv_cold"), yes("madv_pageout"), yes("swap") ? 1 : 0,
                "unknown", value("lru_gen").equals("on") ? "0x0007" : "0x0000", "unknown", "unknown",
                yes("lru_drain"), value("workdir_fs"));
    }

    private String value(String key) {
        String v = deciding.get(key);
        if (v == null) {
            throw new IllegalStateException("golden set " + name + " records no deciding fact " + key);
        }
        return v;
    }

    private boolean yes(String key) {
        return value(key).equals("yes");
    }
}
