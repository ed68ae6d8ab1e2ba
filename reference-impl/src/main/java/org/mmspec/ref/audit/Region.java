package org.mmspec.ref.audit;

import static org.mmspec.ref.audit.Discipline.ATOMIC_ONLY;
import static org.mmspec.ref.audit.Discipline.COUNTER;
import static org.mmspec.ref.audit.Discipline.CPU_LOCAL;
import static org.mmspec.ref.audit.Discipline.GHOST;
import static org.mmspec.ref.audit.Discipline.IMMUTABLE;
import static org.mmspec.ref.audit.Discipline.LOCK;
import static org.mmspec.ref.audit.Discipline.LOCK_PROTECTED;
import static org.mmspec.ref.audit.Discipline.MODEL;
import static org.mmspec.ref.audit.Discipline.RACY;
import static org.mmspec.ref.audit.Discipline.SEQUENTIAL;
import static org.mmspec.ref.audit.Discipline.THREAD_LOCAL;

/**
 * Every region of the state vector with its protection discipline, declared once: the audit checks
 * each access against it and docs/model.md shows it as a table (a test keeps the two equal). Page
 * flags are declared bit by bit ({@link #PG_FLAGS_ATOMIC}, {@link #PG_LOCKED_BIT}, {@link #PG_LRU_BIT},
 * {@link #PG_WAITERS_BIT}): atomic bit operations on different bits commute.
 *
 * <p>Fields of a {@code struct page} that is not yet (or no longer) published — allocated, with its
 * references held by the thread that allocated it, reachable through no page table, LRU list, page or
 * swap cache, buddy list, wait queue or GUP pin — are private to that thread: every access to them is
 * a both-mover, whatever the field's discipline ({@link Privacy}). This is what the kernel's
 * non-atomic {@code __SetPageX} on new pages relies on.
 */
public enum Region {
    OOPS("the BUG slot (oops kind, thread, object)", MODEL, Guard.NONE, false, "-"),
    AUDIT_REPORT("the audit's report of a model error", MODEL, Guard.NONE, false, "-"),
    GHOST_EVENTS("ghost events: the last user-visible write, the first lock-order inversion, a freed pinned page,"
            + " an access through a revoked TLB entry, an access to a page nobody holds a reference to", GHOST,
            Guard.NONE, false, "-"),

    PG_LOCKED_BIT("page->flags bit PG_locked: the page lock", LOCK, Guard.NONE, true,
            "include/linux/pagemap.h (trylock_page), mm/filemap.c (unlock_page)"),
    PG_LRU_BIT("page->flags bit PG_lru (fixed while the page has no reference: its last holder reads it"
            + " unlocked)", LOCK_PROTECTED, Guard.LRU_LOCK, true,
            "mm/swap.c (__pagevec_lru_add_fn, __page_cache_release), mm/vmscan.c (__isolate_lru_page)"),
    PG_WAITERS_BIT("page->flags bit PG_waiters", LOCK_PROTECTED, Guard.WAIT_QUEUE_LOCK, true,
            "mm/filemap.c (wait_on_page_bit_common, wake_up_page_bit)"),
    PG_ACTIVE_BIT("page->flags bit PG_active (changed under lru_lock while the page is on an LRU list, by its"
            + " holder while isolated)", LOCK_PROTECTED, Guard.LRU_LOCK, true,
            "mm/swap.c (__activate_page, lru_deactivate_fn), mm/vmscan.c (shrink_active_list on isolated pages)"),
    PG_UNEVICTABLE_BIT("page->flags bit PG_unevictable (changed under lru_lock while the page is on an LRU list)",
            LOCK_PROTECTED, Guard.LRU_LOCK, true, "mm/swap.c (add_page_to_unevictable_list), include/linux/mm_inline.h"
                    + " (page_off_lru), mm/vmscan.c (putback_lru_page)"),
    PG_MLOCKED_BIT("page->flags bit PG_mlocked", ATOMIC_ONLY, Guard.NONE, true, "mm/mlock.c (TestSetPageMlocked in"
            + " mlock_vma_page with the page locked; TestClearPageMlocked in munlock_vma_page and clear_page_mlock);"
            + " mm/swap.c (lru_cache_add_active_or_unevictable on a new page)"),
    PG_SWAPBACKED_BIT("page->flags bit PG_swapbacked (set before the page is published; after that changed only by"
            + " MADV_FREE under lru_lock while the page is on an LRU list, and by reclaim holding the page lock of"
            + " the isolated page — whoever reads it holds one of those, or looks at a page MADV_FREE does not"
            + " take)", IMMUTABLE, Guard.NONE, true, "mm/rmap.c (__SetPageSwapBacked in page_add_new_anon_rmap),"
                    + " mm/shmem.c, mm/swap.c (lru_lazyfree_fn), mm/rmap.c (try_to_unmap_one: SetPageSwapBacked)"),
    PG_PAGE_LOCK_BITS("page->flags bits PG_uptodate, PG_swapcache", LOCK_PROTECTED, Guard.PAGE_LOCK, true,
            "mm/filemap.c (SetPageUptodate before unlock_page), mm/swap_state.c (add_to_swap_cache: page locked)"),
    PG_FLAGS_ATOMIC("page->flags, every other bit (PG_dirty, PG_referenced, PG_active, PG_writeback, PG_reclaim, ...)",
            ATOMIC_ONLY, Guard.NONE, true, "include/linux/page-flags.h (PAGEFLAG: set_bit/clear_bit; __PAGEFLAG on"
                    + " unpublished pages)"),
    PG_REFCOUNT("page->_refcount", ATOMIC_ONLY, Guard.NONE, true, "include/linux/page_ref.h"),
    PG_MAPCOUNT("page->_mapcount (PAGE_BUDDY_MAPCOUNT_VALUE while the page heads a free block: set, cleared"
            + " and tested under zone->lock)",
            ATOMIC_ONLY, Guard.NONE, true, "mm/rmap.c (page_add_*_rmap, page_remove_rmap), mm/page_alloc.c"
                    + " (__SetPageBuddy)"),
    PG_MAPPING_TAG("page->mapping's PAGE_MAPPING_ANON/KSM tag (PageAnon): fixed while the page is mapped",
            LOCK_PROTECTED, Guard.PAGE_LOCK_OR_MAPPING_PTL, true, "mm/rmap.c (set before the first PTE; cleared when"
                    + " freed or truncated, after every PTE is gone)"),
    PG_MAPPING("page->mapping, page->index", LOCK_PROTECTED, Guard.PAGE_LOCK, true,
            "mm/filemap.c (__add_to_page_cache_locked, __delete_from_page_cache), mm/rmap.c (page_move_anon_rmap,"
                    + " __page_set_anon_rmap)"),
    PG_LRU_LINKS("page->lru (LRU list or buddy free list linkage)", LOCK_PROTECTED, Guard.PAGE_LIST_LOCK, false,
            "mm/swap.c, mm/vmscan.c (lru_lock), mm/page_alloc.c (zone->lock)"),
    PG_COMPOUND("a tail page's compound_head (bit 0 of the word lru.next shares) and page[1].compound_order: set"
            + " by prep_compound_page while the block is private, fixed until it is freed", IMMUTABLE, Guard.NONE,
            true, "include/linux/page-flags.h (compound_head), mm/page_alloc.c (prep_compound_page)"),
    PG_PRIVATE("page_private(page): buddy order (zone->lock) or swap entry (page lock)", LOCK_PROTECTED,
            Guard.PAGE_LOCK, true, "mm/page_alloc.c (set_page_order), mm/swap_state.c (__add_to_swap_cache)"),
    PG_DATA("the page's contents (user memory)", RACY, Guard.NONE, true,
            "user stores through the MMU, copy_to_user_page, readpage, copy_user_highpage"),
    PG_GHOST("page ghosts: lock holder, GUP pins, the task that set PG_writeback, the thread freeing the page",
            GHOST, Guard.NONE, false, "-"),

    Z_NR_FREE("zone->vm_stat[NR_FREE_PAGES]", ATOMIC_ONLY, Guard.NONE, true,
            "include/linux/vmstat.h (zone_page_state, zone_page_state_add)"),
    Z_KSWAPD_WAKE("pgdat->kswapd_classzone_idx / kswapd_order (reclaim requested)", RACY, Guard.NONE, true,
            "mm/vmscan.c (wakeup_kswapd, kswapd)"),
    Z_KSWAPD_WAIT("pgdat->kswapd_wait (the queued kswapd)", LOCK_PROTECTED, Guard.KSWAPD_WAIT_LOCK, true,
            "mm/vmscan.c (kswapd_try_to_sleep; wakeup_kswapd's waitqueue_active reads racily)"),
    Z_NR_ISOLATED("NR_ISOLATED_ANON + NR_ISOLATED_FILE", COUNTER, Guard.NONE, true,
            "mm/vmscan.c (__mod_node_page_state)"),
    Z_PCP_DIFF("per-cpu vm_stat_diff[NR_FREE_PAGES]", CPU_LOCAL, Guard.NONE, true,
            "mm/vmstat.c (__mod_zone_page_state, zone_page_state_snapshot)"),
    Z_FREE_AREA("zone->free_area[order] lists and nr_free", LOCK_PROTECTED, Guard.ZONE_LOCK, true,
            "mm/page_alloc.c (__rmqueue_smallest, __free_one_page)"),
    Z_LRU_LIST("the zone's LRU list heads and sizes (the four evictable lists and the unevictable one)",
            LOCK_PROTECTED, Guard.LRU_LOCK, true,
            "mm/swap.c, mm/vmscan.c (inactive_list_is_low reads the list sizes racily), mm/mlock.c"),
    Z_GHOST("zone ghost: watermark breach", GHOST, Guard.NONE, false, "-"),

    MM_USERS("mm->mm_users", ATOMIC_ONLY, Guard.NONE, true, "kernel/fork.c (mmget, mmput)"),
    MM_SEM("mm->mmap_sem (readers and writer)", LOCK, Guard.NONE, true,
            "kernel/locking/rwsem-spinlock.c (every operation under sem->wait_lock)"),
    RWSEM_WAIT_LIST("an rwsem's wait list (sem->wait_list of mmap_sem, an anon_vma's rwsem, i_mmap_rwsem): changed"
            + " under sem->wait_lock inside the rwsem's own operations", LOCK, Guard.NONE, false,
            "kernel/locking/rwsem-spinlock.c (__down_read, __down_write_nested, __rwsem_do_wake)"),
    MM_VMAS("mm->map_count and the VMAs' vm_start, vm_end, vm_flags, vm_file, vm_pgoff", LOCK_PROTECTED,
            Guard.MMAP_SEM, false, "mm/mmap.c (writers hold mmap_sem for write); rmap walkers read under"
                    + " i_mmap_rwsem / anon_vma->rwsem"),
    VMA_ANON("vma->anon_vma and the anon_vma_chain (once set, fixed while mmap_sem is held)", LOCK_PROTECTED,
            Guard.MMAP_SEM_OR_PAGE_TABLE_LOCK, true,
            "mm/rmap.c (__anon_vma_prepare under page_table_lock, anon_vma_fork)"),
    MM_RSS("mm->rss_stat", COUNTER, Guard.NONE, true, "include/linux/mm.h (add_mm_counter)"),
    MM_CPUMASK("mm_cpumask(mm): the CPUs that may cache the mm's translations", ATOMIC_ONLY, Guard.NONE, true,
            "arch/x86/include/asm/mmu_context.h (cpumask_set_cpu in switch_mm), arch/x86/mm/tlb.c (flush_tlb_mm_range"
                    + " reads it)"),
    MM_TLB_FLUSH_PENDING("mm->tlb_flush_pending: PTE changes whose TLB flush has not completed (a count)", ATOMIC_ONLY,
            Guard.NONE, true, "include/linux/mm_types.h (inc/dec_tlb_flush_pending, mm_tlb_flush_pending,"
                    + " mm_tlb_flush_nested; 4.14-4.15)"),
    MM_TLB_FLUSH_BATCHED("mm->tlb_flush_batched: reclaim deferred a flush of the mm (set under one PTE lock, tested"
            + " and cleared under another)", RACY, Guard.NONE, true, "mm/rmap.c (set_tlb_ubc_flush_pending,"
                    + " flush_tlb_batched_pending; 4.13)"),
    MM_HAS_PINNED("mm->has_pinned (a sticky flag: atomic_set to 1 by pin_user_pages, atomic_read by fork)", RACY,
            Guard.NONE, true, "mm/gup.c (5.9: atomic_set), mm/memory.c (copy_present_page)"),
    MM_WP_SEQ("mm->write_protect_seq (fork's raw_write_seqcount_begin/end under mmap_sem for write; gup_fast reads"
            + " it locklessly)", LOCK_PROTECTED, Guard.MMAP_SEM, true,
            "mm/memory.c (copy_page_range, 5.13), mm/gup.c (lockless_pages_from_mm)"),
    PMD("pmd entries (a PTE table present; once present, fixed while mmap_sem is held)", LOCK_PROTECTED,
            Guard.MMAP_SEM_OR_PAGE_TABLE_LOCK, true,
            "mm/memory.c (__pte_alloc under page_table_lock, free_pgtables under mmap_sem write)"),
    PTL("the split PTE locks", LOCK, Guard.NONE, true, "include/linux/mm.h (pte_lockptr)"),
    PTE("user PTEs", LOCK_PROTECTED, Guard.PTL, true, "mm/memory.c; lockless reads in handle_pte_fault,"
            + " follow_page, page_check_address; the MMU's atomic young/dirty update"),
    KERNEL_PTE("init_mm's PTEs (vmalloc)", SEQUENTIAL, Guard.NONE, false, "mm/vmalloc.c"),
    MM_GHOST("ghost: what the user last stored in each page", GHOST, Guard.NONE, false, "-"),

    AV_FIELDS("anon_vma refcount (chained VMAs)", LOCK_PROTECTED, Guard.ANON_VMA_LOCK, true,
            "mm/rmap.c (anon_vma_chain_link, unlink_anon_vmas)"),
    AV_ROOT("anon_vma->root", IMMUTABLE, Guard.NONE, true, "mm/rmap.c (set at anon_vma_alloc; SLAB_DESTROY_BY_RCU)"),
    AV_RWSEM("anon_vma->rwsem", LOCK, Guard.NONE, true, "mm/rmap.c (anon_vma_lock_read/write)"),

    F_IMMUTABLE("inode kind and i_size (no step changes them)", IMMUTABLE, Guard.NONE, true, "-"),
    F_NRPAGES("mapping->nrpages", LOCK_PROTECTED, Guard.TREE_LOCK, true, "mm/filemap.c"),
    F_IMMAP_RWSEM("mapping->i_mmap_rwsem", LOCK, Guard.NONE, true, "include/linux/fs.h (i_mmap_lock_read/write)"),
    F_DISK("the file's blocks on disk", RACY, Guard.NONE, true, "block I/O (readpage, writepage)"),
    F_CACHE("page-cache slots (radix tree)", LOCK_PROTECTED, Guard.TREE_LOCK, true,
            "mm/filemap.c (writes under tree_lock; find_get_page reads under RCU)"),
    F_GHOST("ghost: what writers intended for each file page", GHOST, Guard.NONE, false, "-"),

    SWAP_MAP("swap_map[offset]", LOCK_PROTECTED, Guard.SWAP_LOCK, true, "mm/swapfile.c"),
    SWAP_DATA("the swap slots' contents on the device", RACY, Guard.NONE, true, "mm/page_io.c"),
    SWAP_CACHE("swap-cache slots (swapper_space radix tree)", LOCK_PROTECTED, Guard.TREE_LOCK, true,
            "mm/swap_state.c (writes under tree_lock; lookup_swap_cache reads under RCU)"),
    SWAP_INFO("swap_info_struct->flags (SWP_USED, SWP_WRITEOK, SWP_VALID)", LOCK_PROTECTED, Guard.SWAP_LOCK, true,
            "mm/swapfile.c (swapon, swapoff under swap_lock; get_swap_device reads racily)"),
    SWAP_INFO_FIXED("SWP_SYNCHRONOUS_IO of swap_info_struct->flags (set by swapon before the device is enabled,"
            + " cleared when swapoff frees it)", IMMUTABLE, Guard.NONE, true, "mm/swapfile.c (swapon, 4.15)"),
    SWAP_USERS("si->users, the get_swap_device() references (a percpu_ref: tryget and put are atomic)", COUNTER,
            Guard.NONE, true, "mm/swapfile.c (get_swap_device, put_swap_device, swapoff; 5.13)"),
    BIO_QUEUE("the block device's request queue and its completion context's wait entry", LOCK_PROTECTED,
            Guard.QUEUE_LOCK, true, "block/blk-core.c (submit_bio, blk_peek_request under q->queue_lock)"),
    GUP_HOLDER("GUP holders: pipe buffers (vmsplice) and direct-I/O requests that keep a page reference",
            LOCK_PROTECTED, Guard.GUP_HOLDER_LOCK, true,
            "fs/pipe.c, fs/splice.c (pipe->mutex), fs/direct-io.c (dio->bio_lock)"),

    WAIT_QUEUE_LOCK("the page wait-queue head's lock (q->lock)", LOCK, Guard.NONE, true, "kernel/sched/wait.c"),
    WAIT_QUEUE("the page wait queue's entries", LOCK_PROTECTED, Guard.WAIT_QUEUE_LOCK, true,
            "kernel/sched/wait.c (prepare_to_wait, finish_wait: list_empty_careful reads racily), mm/filemap.c"),
    SLAB("kmem_cache bookkeeping", SEQUENTIAL, Guard.NONE, false, "mm/slab.c"),
    VMALLOC("vm_struct areas", SEQUENTIAL, Guard.NONE, false, "mm/vmalloc.c"),

    CPU_IRQS("a CPU's interrupts disabled (local_irq_disable): an IPI to it waits", CPU_LOCAL, Guard.NONE, true,
            "arch/x86/include/asm/irqflags.h; kernel/smp.c (smp_call_function_many waits for the handler)"),
    TLB("a CPU's TLB entries (the translations it caches): filled and used by its MMU, flushed by the CPU itself or"
            + " by the flush IPI's handler running on it", CPU_LOCAL, Guard.NONE, true,
            "arch/x86/include/asm/tlbflush.h (__flush_tlb_single, local_flush_tlb), arch/x86/mm/tlb.c"
                    + " (flush_tlb_func, the IPI handler)"),
    TLB_GHOST("ghost: a TLB entry whose revocation has completed", GHOST, Guard.NONE, false, "-"),

    TH_STATUS("task scheduling state (runnable, asleep, idle) of other threads", LOCK_PROTECTED, Guard.RQ_LOCK,
            true, "kernel/sched/core.c (schedule, try_to_wake_up)"),
    TH_TASK_STATE("task->state (set_current_state by the task, TASK_RUNNING by try_to_wake_up)", RACY, Guard.NONE,
            true, "kernel/sched/core.c (a barrier protocol, no common lock)"),
    TH_SIGNAL("a pending fatal signal", LOCK_PROTECTED, Guard.SIGLOCK, true,
            "kernel/signal.c (send_signal under siglock; signal_pending reads racily)"),
    TH_RWSEM_WAITER("a task's struct rwsem_waiter (waiter.task: queued, woken, handed the lock): part of the"
            + " rwsem's wait list", LOCK, Guard.NONE, true, "kernel/locking/rwsem-spinlock.c (__down_read waits for"
                    + " waiter.task == NULL; __rwsem_do_wake clears it)"),
    TH_TLB_UBC("current->tlb_ubc: the CPUs of reclaim's deferred TLB flushes", THREAD_LOCAL, Guard.NONE, false,
            "mm/rmap.c (set_tlb_ubc_flush_pending, try_to_unmap_flush)"),
    TH_GHOST("ghost: lock classes a thread holds", GHOST, Guard.NONE, false, "-"),
    TH_FRAMES("the running thread's frames (program counter, locals, return values)", THREAD_LOCAL, Guard.NONE,
            false, "-");

    private final String what;
    private final Discipline discipline;
    private final Guard guard;
    private final boolean racyReads;
    private final String source;

    Region(String what, Discipline discipline, Guard guard, boolean racyReads, String source) {
        this.what = what;
        this.discipline = discipline;
        this.guard = guard;
        this.racyReads = racyReads;
        this.source = source;
    }

    /** What the region holds, in kernel words. */
    public String what() {
        return what;
    }

    public Discipline discipline() {
        return discipline;
    }

    /** The lock of a {@link Discipline#LOCK_PROTECTED} region. */
    public Guard guard() {
        return guard;
    }

    /** Whether a read without the guard is allowed (a racy read: a non-mover). */
    public boolean racyReads() {
        return racyReads;
    }

    /** The kernel source (Linux 4.x) that establishes the discipline. */
    public String source() {
        return source;
    }

    /** Whether the private-page rule applies (fields of {@code struct page}). */
    public boolean pageField() {
        return switch (this) {
            case PG_LRU_BIT, PG_WAITERS_BIT, PG_ACTIVE_BIT, PG_UNEVICTABLE_BIT, PG_MLOCKED_BIT, PG_SWAPBACKED_BIT,
                    PG_PAGE_LOCK_BITS, PG_FLAGS_ATOMIC, PG_REFCOUNT, PG_MAPCOUNT, PG_MAPPING_TAG,
                    PG_MAPPING, PG_LRU_LINKS, PG_COMPOUND,
                    PG_PRIVATE, PG_DATA -> true;
            default -> false;
        };
    }
}
