package org.mmspec.spec.types;

/** The value of a constant expression: an int or a bool (0/1) or an enum ordinal, with its type. */
public record ConstValue(Type type, long value) {
}
