package org.mmspec.invariants;

import org.mmspec.ref.mem.Pages;

/** An "invariant" that reads a kernel object instead of the view: {@link ViewRules} must reject it. */
final class KernelObjectFixture {

    private final Pages pages;

    KernelObjectFixture(Pages pages) {
        this.pages = pages;
    }

    boolean free(int pfn) {
        return pages.pageCount(pfn) == 0;
    }
}
