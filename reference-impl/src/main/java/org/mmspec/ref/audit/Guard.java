package org.mmspec.ref.audit;

/** The lock a {@link Discipline#LOCK_PROTECTED} region names, resolved per word by {@link Locking}. */
public enum Guard {
    NONE("-"),
    /** The split PTE lock of the word's page table. */
    PTL("ptl(mm, table)"),
    /** {@code mmap_sem} of the word's mm: write mode for writes, either mode for reads. */
    MMAP_SEM("mmap_sem(mm)"),
    /** {@code mmap_sem} for write, or {@code mm->page_table_lock} (populating a pmd, {@code anon_vma_prepare}). */
    MMAP_SEM_OR_PAGE_TABLE_LOCK("mmap_sem(mm) write or page_table_lock(mm)"),
    /** The page lock ({@code PG_locked}) of the word's page. */
    PAGE_LOCK("PG_locked(page)"),
    /** The page lock, or the PTE lock of a page table with a PTE that maps the page. */
    PAGE_LOCK_OR_MAPPING_PTL("PG_locked(page) or ptl of a PTE mapping it"),
    /** The LRU lock of the word's zone. */
    LRU_LOCK("lru_lock(zone)"),
    /** {@code zone->lock} of the word's zone. */
    ZONE_LOCK("zone->lock"),
    /** {@code lru_lock} while the page is on an LRU list, {@code zone->lock} while it is in a buddy free list. */
    PAGE_LIST_LOCK("lru_lock(zone) / zone->lock"),
    /** {@code mapping->tree_lock} of the word's file (the swapper space for the swap cache). */
    TREE_LOCK("tree_lock(mapping)"),
    /** {@code swap_lock}. */
    SWAP_LOCK("swap_lock"),
    /** The page wait-queue head's lock. */
    WAIT_QUEUE_LOCK("page_waitqueue->lock"),
    /** The root rwsem of the word's anon_vma: write mode for writes, either mode for reads. */
    ANON_VMA_LOCK("anon_vma->root->rwsem"),
    /** The runqueue lock of the word's thread ({@code schedule}, {@code try_to_wake_up}). */
    RQ_LOCK("rq->lock(task)"),
    /** {@code sighand->siglock} of the word's thread. */
    SIGLOCK("siglock(task)"),
    /** {@code pgdat->kswapd_wait.lock}. */
    KSWAPD_WAIT_LOCK("kswapd_wait.lock"),
    /** {@code q->queue_lock} of the block device. */
    QUEUE_LOCK("q->queue_lock"),
    /** The holder's {@code pipe->mutex} or {@code dio->bio_lock}. */
    GUP_HOLDER_LOCK("pipe->mutex / dio->bio_lock");

    private final String kernelName;

    Guard(String kernelName) {
        this.kernelName = kernelName;
    }

    public String kernelName() {
        return kernelName;
    }
}
