package org.mmspec.ref.mem;

import org.mmspec.ref.lru.Lru;

/**
 * A {@code mem} class that calls back into {@code lru} (which uses {@code mem}), as {@code Pages.putPage}
 * once did: the package-cycle rule must reject it ({@code ArchitectureRulesTest}).
 */
final class LruCycleFixture {

    private final Lru lru;

    LruCycleFixture(Lru lru) {
        this.lru = lru;
    }

    void putPage(int pfn) {
        lru.putPage(pfn);
    }
}
