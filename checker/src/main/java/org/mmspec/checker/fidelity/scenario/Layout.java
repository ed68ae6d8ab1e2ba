package org.mmspec.checker.fidelity.scenario;

/**
 * Where regions live in every address space: region {@code i} starts at {@code 0x10000000 + i * 16 MiB}.
 * The gaps keep neighbouring regions from merging into one VMA and keep every region below 4 GiB, so a
 * 32-bit model can use the very same addresses as the 64-bit host.
 */
public final class Layout {

    /** Address of region 0. */
    public static final long FIRST_BASE = 0x1000_0000L;
    /** Distance between the bases of consecutive regions. */
    public static final long STRIDE = 0x0100_0000L;

    private Layout() {
    }

    /** The base address of the region with the given index. */
    public static long base(int regionIndex) {
        return FIRST_BASE + regionIndex * STRIDE;
    }
}
