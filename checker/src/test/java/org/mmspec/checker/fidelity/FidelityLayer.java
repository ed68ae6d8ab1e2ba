package org.mmspec.checker.fidelity;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Counts the checks one fidelity test class ran and the ones it could not run (by reason), and ends the
 * class with one visible line saying so. Under {@code CI=true} a layer that ran no check at all fails: a
 * fidelity layer that checked nothing must never look like one that passed.
 */
final class FidelityLayer {

    private final String name;
    private int ran;
    private final Map<String, Integer> skipped = new TreeMap<>();

    FidelityLayer(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** One check ran (and passed or failed on its own). */
    synchronized void ran() {
        ran++;
    }

    /** One check could not run, for {@code reason}. */
    synchronized void skipped(String reason) {
        skipped.merge(reason, 1, Integer::sum);
    }

    synchronized int ranCount() {
        return ran;
    }

    /** {@code <name>: N checks ran, M skipped (reason: k, ...)}. */
    synchronized String summary() {
        int n = skipped.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder b = new StringBuilder("mmspec ").append(name).append(": ").append(ran).append(" check")
                .append(ran == 1 ? "" : "s").append(" ran, ").append(n).append(" skipped");
        if (n > 0) {
            b.append(" (");
            skipped.forEach((reason, k) -> b.append(k).append(": ").append(reason).append("; "));
            b.setLength(b.length() - 2);
            b.append(')');
        }
        return b.toString();
    }

    /** Prints the summary; fails under {@code CI=true} when nothing ran. */
    void finish(Map<String, String> env) {
        System.out.println(summary());
        if (ciRun(env) && ranCount() == 0) {
            fail("CI=true but " + summary());
        }
    }

    /** Whether {@code env} says this is a CI run ({@code CI=true}). */
    static boolean ciRun(Map<String, String> env) {
        return "true".equalsIgnoreCase(env.getOrDefault("CI", "").strip());
    }
}
