package org.mmspec.ref.state;

/**
 * Locks the model takes and releases inside a single step and keeps out of the state vector: no other
 * thread can ever observe them held, so they never block. In audit mode their acquisitions and releases
 * are still events ({@link Mem#lockScoped}), so the words they guard are checked and their place in a
 * step's mover sequence counts.
 */
public enum ScopedLock {
    /** {@code zone_lru_lock(zone)} / {@code pgdat->lru_lock}: the LRU lists and {@code PG_lru}. Object: zone. */
    LRU_LOCK("lru_lock"),
    /** {@code zone->lock}: the buddy free lists. Object: zone. */
    ZONE_LOCK("zone->lock"),
    /** {@code mapping->tree_lock}: the page-cache radix tree. Object: file id, or -1 for the swapper space. */
    TREE_LOCK("tree_lock"),
    /** {@code swap_lock} / {@code si->lock}: {@code swap_map}. Object: 0. */
    SWAP_LOCK("swap_lock"),
    /** {@code mm->page_table_lock}: populating a pmd entry. Object: mm. */
    PAGE_TABLE_LOCK("page_table_lock"),
    /** {@code task->sighand->siglock}. Object: thread. */
    SIGLOCK("siglock"),
    /** The runqueue lock that {@code schedule()} and {@code try_to_wake_up()} serialise on. Object: thread. */
    RQ_LOCK("rq->lock"),
    /** {@code pgdat->kswapd_wait.lock}. Object: zone. */
    KSWAPD_WAIT_LOCK("kswapd_wait.lock"),
    /** {@code q->queue_lock}: the block device's request queue. Object: 0. */
    QUEUE_LOCK("q->queue_lock"),
    /**
     * What serialises a GUP holder: {@code pipe->mutex} for a pipe buffer, {@code dio->bio_lock} for a
     * direct-I/O request. Object: the holder slot.
     */
    GUP_HOLDER("pipe->mutex / dio->bio_lock");

    private final String kernelName;

    ScopedLock(String kernelName) {
        this.kernelName = kernelName;
    }

    public String kernelName() {
        return kernelName;
    }

    /** The lock as a single int (its id in recorded accesses): class and object. */
    public int encode(int obj) {
        return ordinal() << 24 | (obj & 0xFF_FFFF);
    }

    /** The class of an encoded lock. */
    public static ScopedLock classOf(int encoded) {
        return values()[encoded >>> 24];
    }

    /** The object of an encoded lock. */
    public static int objectOf(int encoded) {
        int obj = encoded & 0xFF_FFFF;
        return obj == 0xFF_FFFF ? -1 : obj;
    }
}
