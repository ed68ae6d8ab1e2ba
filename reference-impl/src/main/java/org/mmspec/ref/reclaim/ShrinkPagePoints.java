package org.mmspec.ref.reclaim;

/**
 * The program points of {@link ShrinkPage} ({@code shrink_page_list()} for one page): their names, in
 * order, and the pc of each; one step runs from a point to the next.
 */
final class ShrinkPagePoints {

    private static final String[] POINTS = {"trylock_page", "page_referenced", "page_referenced:done",
        "TestClearPageReferenced", "SetPageReferenced", "add_to_swap:get_swap_page", "add_to_swap_cache",
        "add_to_swap_cache:radix_tree_insert", "add_to_swap:SetPageDirty", "page_mapped", "try_to_unmap",
        "try_to_unmap:done", "PageDirty", "SetPageReclaim", "clear_page_dirty_for_io", "set_page_writeback",
        "writepage:unlock_page", "writepage:submit_bio", "end_page_writeback:done", "PageWriteback", "PageDirty(again)",
        "trylock_page(again)", "PageWriteback(again)", "__remove_mapping", "swapcache_free", "free_it",
        "activate_locked", "keep_locked", "keep_locked:done", "submit_bio", "pageout:PageWriteback",
        "writeback:SetPageReclaim", "shmem_writepage:page_mapped", "shmem_writepage:get_swap_page",
        "shmem_writepage:add_to_swap_cache", "shmem_writepage:radix_tree_insert", "swap_shmem_alloc",
        "shmem_delete_from_page_cache", "shmem_delete_from_page_cache:put_page", "pageout:SetPageReclaim",
        "shmem_delete_from_page_cache:put_page:done",
        "PageWriteback(first)", "cull_mlocked:try_to_free_swap", "cull_mlocked:unlock_page", "try_to_unmap_flush_dirty",
        "try_to_unmap_flush_dirty:done", "try_to_unmap_flush", "try_to_unmap_flush:done", "return", "return(flushed)"};

    static final int TRYLOCK = 0;
    static final int CHECK_REFERENCES = 1;
    static final int REFERENCED = 2;
    static final int TEST_CLEAR_REFERENCED = 3;
    static final int SET_REFERENCED = 4;
    static final int GET_SWAP_PAGE = 5;
    static final int SWAP_CACHE_GET = 6;
    static final int SWAP_CACHE_INSERT = 7;
    static final int SWAP_DIRTY = 8;
    static final int MAPPED = 9;
    static final int TRY_TO_UNMAP = 10;
    static final int UNMAPPED = 11;
    static final int DIRTY = 12;
    static final int SET_RECLAIM = 13;
    static final int CLEAR_DIRTY = 14;
    static final int SET_WRITEBACK = 15;
    static final int WRITEPAGE_UNLOCK = 16;
    static final int IO = 17;
    static final int IO_DONE = 18;
    static final int AFTER_WRITEBACK = 19;
    static final int AFTER_DIRTY = 20;
    static final int RELOCK = 21;
    static final int RELOCKED_WRITEBACK = 22;
    static final int REMOVE_MAPPING = 23;
    static final int SWAPCACHE_FREE = 24;
    static final int FREE = 25;
    static final int ACTIVATE_LOCKED = 26;
    static final int KEEP_LOCKED = 27;
    static final int KEEP_UNLOCKED = 28;
    static final int SUBMIT = 29;
    static final int SUBMITTED = 30;
    static final int MARK_RECLAIM = 31;
    static final int SHMEM_WRITEPAGE = 32;
    static final int SHMEM_GET_SWAP = 33;
    static final int SHMEM_SWAP_CACHE_GET = 34;
    static final int SHMEM_SWAP_CACHE_INSERT = 35;
    static final int SHMEM_DUP = 36;
    static final int SHMEM_REPLACE = 37;
    static final int SHMEM_PUT = 38;
    static final int SET_RECLAIM_IO = 39;
    static final int SHMEM_PUT_DONE = 40;
    static final int WRITEBACK = 41;
    static final int CULL = 42;
    static final int CULL_UNLOCK = 43;
    static final int FLUSH_DIRTY = 44;
    static final int FLUSHED_DIRTY = 45;
    static final int FLUSH = 46;
    static final int FLUSHED = 47;
    static final int RETURN = 48;
    static final int RETURN_RESULT = 49;

    private ShrinkPagePoints() {}

    /** The names of the points, indexed by pc (a fresh copy). */
    static String[] names() {
        return POINTS.clone();
    }
}
