package org.mmspec.ref.state;

/**
 * Where everything lives in the state vector.
 *
 * <p>One region per kernel object type, each an array of fixed-size records. Field offsets are the
 * constants of {@link LayoutFields}, inherited here so that {@code Layout.PG_FLAGS} names them; region
 * bases and strides are computed from the {@link Config}. All kernel code addresses the state through
 * these, so adding a field is a change in one place.
 */
public final class Layout extends LayoutFields {

    private final Config config;
    public final int pageBase;
    public final int zoneBase;
    public final int zoneStride;
    public final int zonePcp;
    public final int zoneFreeArea;
    public final int zoneLru;
    public final int mmBase;
    public final int mmStride;
    public final int mmVmas;
    public final int mmPmds;
    public final int mmPtls;
    public final int mmPtes;
    public final int mmLogical;
    /** pgd entries stored per mm: user pgds for user mms, kernel pgds for init_mm. */
    public final int pgdsPerMm;
    public final int avBase;
    public final int fileBase;
    public final int fileStride;
    public final int fileDisk;
    public final int fileCache;
    public final int fileLogical;
    public final int swapBase;
    public final int wqBase;
    public final int bioBase;
    public final int holderBase;
    public final int cacheBase;
    public final int vmBase;
    public final int vmStride;
    public final int cpuBase;
    public final int cpuStride;
    public final int threadBase;
    public final int threadStride;
    public final int frameStride;
    public final int size;

    public Layout(Config c) {
        this.config = c;
        int at = GLOBALS;
        pageBase = at;
        at += c.nrPages() * PAGE_FIELDS;

        zoneBase = at;
        zonePcp = Z_HEADER;
        zoneFreeArea = zonePcp + c.nrCpus();
        zoneLru = zoneFreeArea + c.maxOrder() * LIST_FIELDS;
        zoneStride = zoneLru + NR_LRU_LISTS * LIST_FIELDS;
        at += c.nrZones() * zoneStride;

        pgdsPerMm = Math.max(c.userPgds(), c.kernelPgds());
        int tables = pgdsPerMm * c.ptrsPerPmd();
        mmBase = at;
        mmVmas = MM_HEADER;
        mmPmds = mmVmas + c.nrVmas() * VMA_FIELDS;
        mmPtls = mmPmds + tables;
        mmPtes = mmPtls + tables;
        mmLogical = mmPtes + tables * c.ptrsPerPte();
        mmStride = mmLogical + c.userPages();
        at += c.nrMms() * mmStride;

        avBase = at;
        at += c.nrAnonVmas() * AV_FIELDS;

        fileBase = at;
        fileDisk = F_HEADER;
        fileCache = fileDisk + c.filePages();
        fileLogical = fileCache + c.filePages();
        fileStride = fileLogical + c.filePages();
        at += c.nrFiles() * fileStride;

        swapBase = at;
        at += c.nrSwapSlots() * SW_FIELDS;

        wqBase = at;
        at += 1 + c.waitQueueSlots() * WQ_FIELDS;

        bioBase = at;
        at += c.nrBios() * BIO_FIELDS;

        holderBase = at;
        at += c.nrGupHolders() * H_FIELDS;

        cacheBase = at;
        at += c.nrCacheSlots() * KC_FIELDS;

        vmBase = at;
        vmStride = VM_HEADER + c.kernelPages();
        at += c.nrVmallocAreas() * vmStride;

        cpuBase = at;
        cpuStride = CPU_HEADER + c.tlbEntries() * TLB_FIELDS;
        at += c.nrCpus() * cpuStride;

        threadBase = at;
        frameStride = FR_HEADER + c.nrLocals();
        threadStride = TH_HEADER + c.stackDepth() * frameStride;
        at += c.threadSlots() * threadStride;

        size = at;
    }

    public Config config() {
        return config;
    }

    public int page(int pfn, int field) {
        return pageBase + pfn * PAGE_FIELDS + field;
    }

    public int zone(int zone, int field) {
        return zoneBase + zone * zoneStride + field;
    }

    public int pcpDiff(int zone, int cpu) {
        return zone(zone, zonePcp + cpu);
    }

    public int freeArea(int zone, int order, int field) {
        return zone(zone, zoneFreeArea + order * LIST_FIELDS + field);
    }

    public int lru(int zone, int lru, int field) {
        return zone(zone, zoneLru + lru * LIST_FIELDS + field);
    }

    public int mm(int mm, int field) {
        return mmBase + mm * mmStride + field;
    }

    public int vma(int mm, int slot, int field) {
        return mm(mm, mmVmas + slot * VMA_FIELDS + field);
    }

    /** The pmd entry (pte table present flag) of table {@code table} of {@code mm}. */
    public int pmd(int mm, int table) {
        return mm(mm, mmPmds + table);
    }

    /** The split PTE lock of table {@code table}: owner thread id + 1. */
    public int ptl(int mm, int table) {
        return mm(mm, mmPtls + table);
    }

    /** PTE {@code index} (table * PTRS_PER_PTE + slot) of {@code mm}. */
    public int pte(int mm, int index) {
        return mm(mm, mmPtes + index);
    }

    public int logical(int mm, int userPage) {
        return mm(mm, mmLogical + userPage);
    }

    public int anonVma(int av, int field) {
        return avBase + av * AV_FIELDS + field;
    }

    public int file(int file, int field) {
        return fileBase + file * fileStride + field;
    }

    public int fileDisk(int file, int index) {
        return file(file, fileDisk + index);
    }

    public int fileCache(int file, int index) {
        return file(file, fileCache + index);
    }

    public int fileLogical(int file, int index) {
        return file(file, fileLogical + index);
    }

    public int swap(int slot, int field) {
        return swapBase + slot * SW_FIELDS + field;
    }

    public int waitQueue(int entry, int field) {
        return wqBase + 1 + entry * WQ_FIELDS + field;
    }

    /** The page wait-queue head's lock ({@code q->lock}): holder thread id + 1. */
    public int waitQueueLock() {
        return wqBase;
    }

    /** Word {@code field} of block request {@code bio} (the queue is kept in submission order). */
    public int bio(int bio, int field) {
        return bioBase + bio * BIO_FIELDS + field;
    }

    /** Word {@code field} of GUP holder {@code slot}. */
    public int holder(int slot, int field) {
        return holderBase + slot * H_FIELDS + field;
    }

    public int cache(int cache, int field) {
        return cacheBase + cache * KC_FIELDS + field;
    }

    public int vmArea(int area, int field) {
        return vmBase + area * vmStride + field;
    }

    public int vmAreaPage(int area, int i) {
        return vmArea(area, VM_HEADER + i);
    }

    public int cpu(int cpu, int field) {
        return cpuBase + cpu * cpuStride + field;
    }

    /** Word {@code field} of TLB entry {@code entry} of {@code cpu}. */
    public int tlb(int cpu, int entry, int field) {
        return cpu(cpu, CPU_HEADER + entry * TLB_FIELDS + field);
    }

    public int thread(int tid, int field) {
        return threadBase + tid * threadStride + field;
    }

    /** Word {@code field} of frame {@code depth} (0 = bottom) of thread {@code tid}. */
    public int frame(int tid, int depth, int field) {
        return thread(tid, TH_HEADER + depth * frameStride + field);
    }

    /** Total words in the state vector. */
    public int size() {
        return size;
    }
}
