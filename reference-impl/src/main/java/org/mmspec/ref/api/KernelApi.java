package org.mmspec.ref.api;

import org.mmspec.ref.Kernel;

/**
 * The seed API's sequential entry points that are not methods of a kernel object: each runs on a
 * {@link Kernel} as one call with nothing interleaved (a step-machine procedure runs to completion;
 * if it would block, or hits a kernel BUG, the machine is rolled back and the outcome says so).
 */
public final class KernelApi {

    private KernelApi() {
    }

    /**
     * {@code free_pages(addr, order)} (mm/page_alloc.c): {@code __free_pages()} of the block whose kernel
     * address ({@code __va(pfn << PAGE_SHIFT)}) is {@code addr}; address 0 is ignored, as in the kernel.
     * Context: any; takes the zone lock.
     */
    public static void freePages(Kernel k, int addr, int order) {
        if (addr != 0) {
            k.freePath().freePagesBlock(k.geometry().virtToPfn(addr), order);
        }
    }
}
