package org.mmspec.checker.fidelity.scenario;

/** Kernel features that not every host has; a scenario using one is skipped where it is missing. */
public enum HostFeature {
    /** {@code madvise(MADV_COLD)}, Linux 5.4+. */
    MADV_COLD,
    /** {@code madvise(MADV_PAGEOUT)}, Linux 5.4+. */
    MADV_PAGEOUT
}
