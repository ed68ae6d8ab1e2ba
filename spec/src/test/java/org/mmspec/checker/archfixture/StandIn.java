package org.mmspec.checker.archfixture;

/**
 * A stand-in for a checker class, compiled only into the spec module's tests (the spec module cannot
 * see the real checker), so that a fixture can depend on it ({@code org.mmspec.spec.ArchitectureRulesTest}).
 */
public final class StandIn {

    private StandIn() {
    }

    public static int answer() {
        return 42;
    }
}
