package org.mmspec.checker.fidelity.model;

import org.mmspec.checker.fidelity.observe.HostFacts;
import org.mmspec.checker.fidelity.scenario.Region;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.state.Config;

/**
 * The reference-implementation machine a fidelity scenario runs on, configured like the host, and where
 * the scenario's regions sit in its (small) user address space.
 *
 * <p>The host puts region {@code i} at {@code 0x10000000 + i * 16 MiB}; the model's user address space
 * is a few hundred pages, so region {@code i} sits at the start of PTE table {@code i + 1} instead
 * ({@link #regionBase}): like on the host, every region is aligned to the fault-around window and to
 * the largest region (16 pages), starts its own VMA and lies inside one PTE table, so fault-around,
 * VMA splitting and page-table walks see the same neighbourhood as on the host. Table 0 stays empty
 * ({@code mmap_min_addr}).
 *
 * @param config the machine's sizes
 */
public record ModelMachine(Config config) {

    /** Pages per PTE table: the largest region (scenario limit) fits one table. */
    static final int PTRS_PER_PTE = 16;
    /** Frames: far more than any scenario maps, so that the allocator never needs to reclaim. */
    static final int NR_PAGES = 512;
    /** Swap slots when the host has swap. */
    static final int SWAP_SLOTS = 32;

    /**
     * The machine for a host: a swap device iff the host has one; {@code fault_around_bytes} as the host
     * reports it, else Linux's default (64 KiB); {@code mm_forbids_zeropage()} iff a read fault on the host
     * does not map the zero page ({@code zero_page_on_read_fault=no}). Watermarks are 0, so no allocation
     * ever starts reclaim behind the scenario's back (the host is not under memory pressure either). The
     * page size is the model's 4 KiB whatever the host's: scenarios speak in pages, never in bytes.
     */
    public static ModelMachine forHost(HostFacts facts) {
        Config c = Config.defaults().toBuilder()
                .nrPages(NR_PAGES).nrZones(1).maxOrder(4)
                .wmarkMin(0).wmarkLow(0).wmarkHigh(0)
                .nrCpus(1).statThreshold(0)
                .nrUserMms(8).nrVmas(8)
                .userPgds(16).kernelPgds(16).ptrsPerPmd(1).ptrsPerPte(PTRS_PER_PTE)
                .nrFiles(8).filePages(16)
                .nrSwapSlots(facts.hasSwap() ? SWAP_SLOTS : 0)
                .nrAnonVmas(16)
                .nrThreads(1).stackDepth(16).nrLocals(12).waitQueueSlots(2) // one slot: where sequential calls complete their I/O
                .nrSlabCaches(0).nrVmallocAreas(0)
                .faultAroundPages(faultAroundPages(facts.faultAroundBytes()))
                .mmForbidsZeropage(!facts.zeroPageOnReadFault())
                .build();
        return new ModelMachine(c);
    }

    /**
     * {@code fault_around_bytes} in pages: the host's value when debugfs shows it (rounded down to a power
     * of two, as the kernel does), else Linux's default.
     */
    static int faultAroundPages(String hostBytes) {
        if (!hostBytes.matches("[0-9]{1,9}")) {
            return Config.DEFAULT_FAULT_AROUND_PAGES;
        }
        int pages = Integer.parseInt(hostBytes) / Geometry.PAGE_SIZE;
        return pages <= 1 ? 1 : Math.min(Integer.highestOneBit(pages), PTRS_PER_PTE);
    }

    /** The model address of the region's first page. */
    public int regionBase(Region region) {
        return (region.index() + 1) * config.ptrsPerPte() * Geometry.PAGE_SIZE;
    }

    /** The model address of page {@code page} of the region. */
    public int address(Region region, int page) {
        return regionBase(region) + page * Geometry.PAGE_SIZE;
    }
}
