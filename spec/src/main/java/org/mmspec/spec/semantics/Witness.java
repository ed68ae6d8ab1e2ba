package org.mmspec.spec.semantics;

import java.util.List;
import java.util.Objects;

/**
 * Why an invariant fails in a state: a one-line summary and the violating objects
 * (which page, which PTE), each in kernel vocabulary.
 */
public record Witness(String summary, List<String> objects) {

    public Witness {
        Objects.requireNonNull(summary, "summary");
        objects = List.copyOf(objects);
    }

    public static Witness of(String summary, String... objects) {
        return new Witness(summary, List.of(objects));
    }

    @Override
    public String toString() {
        return objects.isEmpty() ? summary : summary + " " + objects;
    }
}
