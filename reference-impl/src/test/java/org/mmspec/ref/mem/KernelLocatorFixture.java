package org.mmspec.ref.mem;

import org.mmspec.ref.Kernel;

/**
 * A kernel object that reaches its collaborators through the whole machine (a service locator), as
 * {@code Buddy} once did: what the layering rule must reject ({@code ArchitectureRulesTest}).
 */
final class KernelLocatorFixture {

    private final Kernel k;

    KernelLocatorFixture(Kernel k) {
        this.k = k;
    }

    int freePages() {
        return k.buddy().freePagesInLists(0);
    }
}
