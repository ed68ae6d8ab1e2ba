package org.mmspec.ref.sync;

/**
 * Lock classes in the documented acquisition order (mm/rmap.c, mm/filemap.c): a thread that holds a
 * lock of a later class must not block on a lock of an earlier class. Trylocks are exempt, as in
 * the kernel (they cannot deadlock).
 */
public enum LockClass {
    MMAP_SEM("mmap_sem"),
    PAGE_LOCK("page lock"),
    /**
     * {@code PG_writeback}: set by the task that starts write-back (with the page locked) and ended by the
     * I/O completion; {@code wait_on_page_writeback()} sleeps on it. Waiting for it while holding a lock of
     * a later class is an inversion: the write-back may need that lock to be submitted.
     */
    WRITEBACK("PG_writeback"),
    I_MMAP("i_mmap_rwsem"),
    ANON_VMA("anon_vma->rwsem"),
    PTL("PTE lock"),
    LRU_LOCK("lru_lock"),
    ZONE_LOCK("zone->lock"),
    /** The page wait-queue head's {@code q->lock}: innermost, never held while another is taken. */
    WAIT_QUEUE("page_waitqueue->lock");

    private final String kernelName;

    LockClass(String kernelName) {
        this.kernelName = kernelName;
    }

    public String kernelName() {
        return kernelName;
    }

    /** Position in the order; lower is taken first. */
    public int rank() {
        return ordinal();
    }

    /** The largest hold count a class's counter holds (3 bits: nine classes fit in one 32-bit word). */
    public static final int MAX_HELD = 0x7;

    /** Bit shift of this class's 3-bit hold counter in a thread's held-locks word. */
    public int shift() {
        return ordinal() * 3;
    }
}
