package org.mmspec.ref.state;

import java.util.EnumSet;
import java.util.Set;
import org.mmspec.ref.bugs.BugId;

/**
 * Sizes of the modelled machine and the historic bugs switched on.
 *
 * <p>The model is deliberately tiny, so that whole system states can be enumerated: a few dozen page
 * frames, a handful of VMAs, page tables a few entries wide. Every size is configurable; the state
 * vector ({@link org.mmspec.ref.state.Layout}) is derived from it.
 *
 * @param nrPages page frames in {@code mem_map}; pfn 0 is the zero page ({@code PG_reserved})
 * @param nrZones zones; frames are split evenly, zone 0 first (as ZONE_DMA/ZONE_NORMAL)
 * @param maxOrder {@code MAX_ORDER}: buddy orders 0 .. maxOrder-1
 * @param wmarkMin per-zone {@code min} watermark in pages
 * @param wmarkLow per-zone {@code low} watermark in pages
 * @param wmarkHigh per-zone {@code high} watermark in pages
 * @param nrCpus CPUs; thread {@code t} runs on CPU {@code t % nrCpus}
 * @param statThreshold per-cpu {@code vm_stat} threshold before a delta is folded into the zone
 * @param nrUserMms user address spaces; {@code init_mm} comes in addition (mm id 0)
 * @param nrVmas VMA slots per mm
 * @param userPgds pgd entries below {@code TASK_SIZE} (user space)
 * @param kernelPgds pgd entries above (the vmalloc area of {@code init_mm})
 * @param ptrsPerPmd {@code PTRS_PER_PMD}; 1 folds the pmd level (two-level tables, as ARM32)
 * @param ptrsPerPte {@code PTRS_PER_PTE}
 * @param nrFiles files (each with an {@code address_space} and {@code i_mmap})
 * @param filePages maximum size of a file in pages
 * @param nrSwapSlots slots of the one swap device
 * @param nrAnonVmas {@code anon_vma} objects
 * @param nrThreads scenario threads (one more slot runs sequential calls)
 * @param stackDepth maximum nesting of kernel procedures in one thread
 * @param nrLocals locals per procedure frame
 * @param waitQueueSlots page wait-queue entries
 * @param nrSlabCaches {@code kmem_cache} slots for {@code kmem_cache_create}; 0 disables slab and kmalloc
 * @param nrVmallocAreas {@code vm_struct} slots for {@code vmalloc}; 0 disables vmalloc
 * @param faultAroundPages {@code fault_around_bytes >> PAGE_SHIFT} (mm/memory.c): how many pages around a
 *     read fault on a file mapping {@code do_fault_around()} maps from the page cache; a power of two,
 *     1 disables fault-around. Linux 4.x's default is 16 (64 KiB)
 * @param mmForbidsZeropage {@code mm_forbids_zeropage(mm)} (include/linux/mm.h, Linux 3.17+; true for
 *     s390 KVM guests' address spaces, or a kernel built to avoid the shared zero page): the only use of
 *     the zero page in this model, a read fault on private anonymous memory in
 *     {@code do_anonymous_page()} (mm/memory.c), then allocates a fresh zeroed page as a write fault does,
 *     prepares the VMA's {@code anon_vma} and maps the page; false (Linux's default) maps the shared
 *     zero page read-only
 * @param tlbEntries TLB entries per CPU (the translations a CPU caches until they are flushed); 0 gives a
 *     machine without TLBs, where every user access walks the page table
 * @param nrBios block requests in flight at once (the device's queue depth); an I/O submitted while
 *     the queue is full waits for a free request. 0: the machine has no block device, and nothing may
 *     submit I/O. The requests complete in a context of their own ({@code io.IoCompletion})
 * @param nrGupHolders kernel objects that keep {@code get_user_pages()} references after
 *     {@code mmap_sem} is released (pipe buffers filled by {@code vmsplice}, direct-I/O requests)
 * @param bugs historic bugs switched on
 */
public record Config(
        int nrPages,
        int nrZones,
        int maxOrder,
        int wmarkMin,
        int wmarkLow,
        int wmarkHigh,
        int nrCpus,
        int statThreshold,
        int nrUserMms,
        int nrVmas,
        int userPgds,
        int kernelPgds,
        int ptrsPerPmd,
        int ptrsPerPte,
        int nrFiles,
        int filePages,
        int nrSwapSlots,
        int nrAnonVmas,
        int nrThreads,
        int stackDepth,
        int nrLocals,
        int waitQueueSlots,
        int nrSlabCaches,
        int nrVmallocAreas,
        int faultAroundPages,
        boolean mmForbidsZeropage,
        int tlbEntries,
        int nrBios,
        int nrGupHolders,
        Set<BugId> bugs) {

    /** Sizes of the kmalloc size classes (bytes), as the kernel's {@code kmalloc-32} ... {@code kmalloc-2048}. */
    private static final int[] KMALLOC_SIZES = {32, 64, 128, 256, 512, 1024, 2048};

    /** The object size of kmalloc cache {@code i} ({@code kmalloc-32} is cache 0). */
    public static int kmallocSize(int i) {
        return KMALLOC_SIZES[i];
    }

    public Config {
        bugs = bugs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(bugs));
        require(nrPages >= 4 && nrPages <= (1 << 18), "nrPages in 4..2^18");
        require(nrZones >= 1 && nrPages % nrZones == 0, "nrZones divides nrPages");
        require(maxOrder >= 1 && maxOrder <= 11, "maxOrder in 1..11");
        require(nrZones >= 1 && (nrPages / nrZones) % (1 << (maxOrder - 1)) == 0,
                "pages per zone a multiple of the largest buddy block (2^(maxOrder-1))");
        require(0 <= wmarkMin && wmarkMin <= wmarkLow && wmarkLow <= wmarkHigh, "min <= low <= high");
        require(nrCpus >= 1 && nrCpus <= 8, "nrCpus in 1..8");
        require(statThreshold >= 0, "statThreshold >= 0");
        require(nrUserMms >= 0 && nrUserMms <= 8, "nrUserMms in 0..8");
        require(nrVmas >= 1 && nrVmas <= 8, "nrVmas in 1..8");
        require(isPowerOfTwo(userPgds) || userPgds == 0, "userPgds a power of two");
        require(kernelPgds >= 0, "kernelPgds >= 0");
        require(isPowerOfTwo(userPgds + kernelPgds), "userPgds + kernelPgds a power of two");
        require(isPowerOfTwo(ptrsPerPmd), "ptrsPerPmd a power of two");
        require(isPowerOfTwo(ptrsPerPte) && ptrsPerPte >= 2, "ptrsPerPte a power of two >= 2");
        require(nrFiles >= 0 && nrFiles <= 8, "nrFiles in 0..8");
        require(filePages >= 1 && filePages <= 16, "filePages in 1..16");
        require(nrSwapSlots >= 0 && nrSwapSlots <= 32, "nrSwapSlots in 0..32");
        require(nrAnonVmas >= 0 && nrAnonVmas <= 16, "nrAnonVmas in 0..16");
        require(nrThreads >= 0 && nrThreads <= 7, "nrThreads in 0..7");
        require(stackDepth >= 2 && stackDepth <= 16, "stackDepth in 2..16");
        require(nrLocals >= 4 && nrLocals <= 16, "nrLocals in 4..16");
        require(waitQueueSlots >= 0, "waitQueueSlots >= 0");
        require(nrSlabCaches >= 0 && nrSlabCaches <= 8, "nrSlabCaches in 0..8");
        require(nrVmallocAreas >= 0 && nrVmallocAreas <= 8, "nrVmallocAreas in 0..8");
        require(isPowerOfTwo(faultAroundPages) && faultAroundPages <= 512, "faultAroundPages a power of two <= 512");
        require(tlbEntries >= 0 && tlbEntries <= 8, "tlbEntries in 0..8");
        require(nrBios >= 0 && nrBios <= 8, "nrBios in 0..8");
        require(nrGupHolders >= 0 && nrGupHolders <= 8, "nrGupHolders in 0..8");
    }

    private static boolean isPowerOfTwo(int v) {
        return v > 0 && Integer.bitCount(v) == 1;
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("bad mmspec configuration: " + what);
        }
    }

    /** Linux 4.x's default {@code fault_around_bytes} (64 KiB) in pages. */
    public static final int DEFAULT_FAULT_AROUND_PAGES = 16;

    /** A machine large enough for the sequential tests and the demo. */
    public static Config defaults() {
        return new Config(32, 1, 4, 2, 3, 4, 2, 2, 3, 6, 2, 2, 2, 8, 3, 4, 8, 8, 4, 10, 10, 8, 2, 2, DEFAULT_FAULT_AROUND_PAGES, false, 4, 4, 4, Set.of());
    }

    /** A machine small enough for exhaustive exploration; scenarios start from it. */
    public static Config small() {
        return new Config(8, 1, 2, 0, 1, 2, 2, 1, 2, 2, 1, 1, 1, 4, 1, 2, 2, 2, 2, 10, 10, 4, 0, 0, DEFAULT_FAULT_AROUND_PAGES, false, 2, 2, 2, Set.of());
    }

    public Config withBugs(Set<BugId> on) {
        return toBuilder().bugs(on).build();
    }

    /** A builder starting from this configuration. */
    public ConfigBuilder toBuilder() {
        return new ConfigBuilder(this);
    }

    public boolean bug(BugId id) {
        return bugs.contains(id);
    }

    /** Number of mm structures including {@code init_mm}. */
    public int nrMms() {
        return nrUserMms + 1;
    }

    /** Thread slots: the scenario threads plus the one that runs sequential calls. */
    public int threadSlots() {
        return nrThreads + 1;
    }

    public int pagesPerZone() {
        return nrPages / nrZones;
    }

    public int ptrsPerPgd() {
        return userPgds + kernelPgds;
    }

    /** User virtual pages per mm: {@code TASK_SIZE >> PAGE_SHIFT}. */
    public int userPages() {
        return userPgds * ptrsPerPmd * ptrsPerPte;
    }

    /** Kernel (vmalloc) virtual pages of {@code init_mm}. */
    public int kernelPages() {
        return kernelPgds * ptrsPerPmd * ptrsPerPte;
    }

    public int nrKmallocCaches() {
        return nrSlabCaches == 0 ? 0 : KMALLOC_SIZES.length;
    }

    /** All cache slots: kmalloc size classes first, then {@code kmem_cache_create} slots. */
    public int nrCacheSlots() {
        return nrKmallocCaches() + nrSlabCaches;
    }

    /**
     * {@code zone->percpu_drift_mark}: below this many free pages the per-cpu {@code vm_stat} drift
     * could hide a breach of the min watermark, so {@code zone_watermark_ok_safe()} sums the deltas.
     */
    public int percpuDriftMark() {
        return wmarkHigh + nrCpus * statThreshold;
    }
}
