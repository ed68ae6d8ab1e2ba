package org.mmspec.checker.scenario.build;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One parameter of a scenario operation.
 *
 * @param name its name, usable as {@code name = value} in a call
 * @param type what it takes
 * @param defaultValue the value when the call leaves it out; empty for a required parameter
 * @param doc what it means, one phrase
 */
public record Param(String name, ArgType type, OptionalInt defaultValue, String doc) {

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(doc, "doc");
    }

    static Param required(String name, ArgType type, String doc) {
        return new Param(name, type, OptionalInt.empty(), doc);
    }

    static Param optional(String name, ArgType type, int defaultValue, String doc) {
        return new Param(name, type, OptionalInt.of(defaultValue), doc);
    }

    /** {@code name: type} or {@code name: type = default}, for references and messages. */
    public String signature() {
        if (defaultValue.isEmpty()) {
            return name + ": " + type.keyword();
        }
        int v = defaultValue.getAsInt();
        String shown = type == ArgType.BOOL ? (v != 0 ? "true" : "false") : type == ArgType.FILE && v < 0 ? "none"
                : Integer.toString(v);
        return name + ": " + type.keyword() + " = " + shown;
    }
}
