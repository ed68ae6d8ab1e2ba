package org.mmspec.ref.fault;

import org.mmspec.ref.state.Mem;

/**
 * A procedure-layer class that writes the state vector directly instead of through a kernel object:
 * the rule must reject it ({@code ArchitectureRulesTest}).
 */
final class RawStateFixture {

    private final Mem m;

    RawStateFixture(Mem m) {
        this.m = m;
    }

    void poke(int word) {
        m.set(word, 1);
    }
}
