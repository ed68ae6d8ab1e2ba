package org.mmspec.checker.fidelity;

import org.mmspec.checker.fidelity.kernel.Availability;
import org.mmspec.checker.fidelity.kernel.KernelRunner;

/**
 * The two kernels every fidelity scenario runs on: the host's kernel as it is, and the host's kernel with
 * the probe standing in for {@code mm_forbids_zeropage()} ({@link KernelRunner#withoutZeroPage()}), so that
 * the model's behaviour with and without the zero page is compared with a kernel on every host.
 */
enum KernelMode {
    /** The host's kernel as it is. */
    HOST("host kernel"),
    /** The host's kernel, read faults on private anonymous memory handled as without the zero page. */
    NO_ZERO_PAGE("without the zero page (emulated)");

    private final String description;

    KernelMode(String description) {
        this.description = description;
    }

    KernelRunner runner(Availability.Ready ready) {
        return this == HOST ? ready.runner() : ready.runner().withoutZeroPage();
    }

    /** How goldens recorded in this mode say so in their header; empty for the host's own kernel. */
    String recordedHow() {
        return this == HOST ? "" : "read faults as with mm_forbids_zeropage() (emulated by the probe)";
    }

    @Override
    public String toString() {
        return description;
    }
}
