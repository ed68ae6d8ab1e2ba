package org.mmspec.ref.mem;

/** Mutable static state, which the style rules must reject ({@code ArchitectureRulesTest}). */
final class MutableStaticFixture {

    /** A registry counter bound at class-initialisation time. */
    static int nextId;

    /** A table anyone in the package can overwrite. */
    static final int[] SIZES = {32, 64};

    private MutableStaticFixture() {
    }
}
