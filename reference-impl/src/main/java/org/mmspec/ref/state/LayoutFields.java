package org.mmspec.ref.state;

/**
 * The field offsets of every record kind of the state vector (globals, {@code struct page}, zone, mm,
 * VMA, file, swap, thread, frame, ...): a record's word {@code F} is at its base plus {@code F}. {@link
 * Layout} computes the bases and strides and inherits these, so kernel code names a field {@code
 * Layout.PG_FLAGS} (or imports it statically from {@code Layout}).
 */
public abstract sealed class LayoutFields permits Layout {

    // ---- globals: the oops slot, ghost events ----
    /** {@code OopsKind} ordinal + 1 of the kernel BUG that stopped a thread; 0 when none. */
    public static final int G_OOPS_KIND = 0;
    public static final int G_OOPS_TID = 1;
    public static final int G_OOPS_OBJ = 2;
    public static final int G_OOPS_AUX = 3;
    /** Ghost event "a user-visible write happened in this step": writer tid + 1. */
    public static final int G_WRITE_TID = 4;
    public static final int G_WRITE_MM = 5;
    public static final int G_WRITE_ADDR = 6;
    /** pfn + 1 of the page written. */
    public static final int G_WRITE_PFN = 7;
    /** {@code WriteVia} bits: the mapping through which the write went. */
    public static final int G_WRITE_VIA = 8;
    /** Ghost: first lock-order inversion seen (tid + 1, class held, class taken). */
    public static final int G_LOCKORDER_TID = 9;
    public static final int G_LOCKORDER_HELD = 10;
    public static final int G_LOCKORDER_TAKEN = 11;
    /** Ghost: a GUP-pinned page was freed (pfn + 1). */
    public static final int G_PIN_FREED = 12;
    /**
     * Ghost event "a user access went through a TLB entry whose revocation had completed" (the PTE no
     * longer grants it and the operation that revoked it has flushed and returned): tid + 1.
     */
    public static final int G_STALE_TLB_TID = 13;
    public static final int G_STALE_TLB_MM = 14;
    public static final int G_STALE_TLB_ADDR = 15;
    /**
     * The atomicity audit's report of a model error (zero otherwise): the rule broken, then for each of
     * the two accesses involved its word, its kind/bit/mover and its code point. See
     * {@code org.mmspec.ref.audit.Finding}.
     */
    public static final int G_AUDIT_FIRST = 16;
    public static final int G_AUDIT_RULE = 16;
    public static final int G_AUDIT_A_WORD = 17;
    public static final int G_AUDIT_A_INFO = 18;
    public static final int G_AUDIT_A_POINT = 19;
    public static final int G_AUDIT_B_WORD = 20;
    public static final int G_AUDIT_B_INFO = 21;
    public static final int G_AUDIT_B_POINT = 22;
    /** The I/O completion context asleep for want of requests: its thread id + 1 (a one-entry wait queue). */
    public static final int G_IO_IDLE = 23;
    /** {@code swap_info_struct->flags} of the one swap device ({@code SwapDevice} bits). */
    public static final int G_SWAP_FLAGS = 24;
    /** {@code si->users}: holders of {@code get_swap_device()} references (Linux 5.13 percpu_ref). */
    public static final int G_SWAP_USERS = 25;
    /**
     * Ghost: the first access to a {@code struct page} nobody held a reference to (its count was zero,
     * and the step had not itself freed or frozen it): pfn + 1, and the thread id + 1.
     */
    public static final int G_NOREF_PFN = 26;
    public static final int G_NOREF_TID = 27;
    public static final int GLOBALS = 28;

    // ---- struct page ----
    public static final int PG_FLAGS = 0;
    /** {@code page->_refcount}. */
    public static final int PG_REFCOUNT = 1;
    /** {@code page->_mapcount}, -1 when unmapped (the kernel's bias). */
    public static final int PG_MAPCOUNT = 2;
    /** {@code page->mapping}, encoded by {@code Mapping}. */
    public static final int PG_MAPPING = 3;
    public static final int PG_INDEX = 4;
    /** {@code page->lru} linkage: pfn + 1 of the neighbour, 0 at either end of the list. */
    public static final int PG_LRU_PREV = 5;
    public static final int PG_LRU_NEXT = 6;
    /** {@code page_private(page)}: buddy order, or the swap entry of a swap-cache page. */
    public static final int PG_PRIVATE = 7;
    /** Model of the page's contents: a data token (0 = zero-filled). */
    public static final int PG_DATA = 8;
    /** Ghost: thread id + 1 holding {@code PG_locked}. */
    public static final int PG_LOCKER = 9;
    /** Ghost: references held by {@code get_user_pages()} callers. */
    public static final int PG_PINS = 10;
    /**
     * Ghosts: bits 0-7, thread id + 1 of the task that set {@code PG_writeback} and has not yet submitted
     * the I/O (afterwards the request in flight ends it); bits 8-15, thread id + 1 of the task that took the
     * reference count to zero and has not yet freed the page or unfrozen the count; 0 otherwise.
     */
    public static final int PG_OWNERS = 11;
    /** The write-back owner's bits of {@link #PG_OWNERS}. */
    public static final int PG_WB_OWNER_MASK = 0xFF;
    public static final int PAGE_FIELDS = 12;

    // ---- zone ----
    /** {@code vm_stat[NR_FREE_PAGES]}, the zone's global free counter (without per-cpu deltas). */
    public static final int Z_NR_FREE = 0;
    /** pgdat {@code kswapd_wait} has a pending wakeup (classzone reclaim requested). */
    public static final int Z_KSWAPD_WAKE = 1;
    /** Ghost: a non-emergency allocation passed a watermark check that the true count fails (tid + 1). */
    public static final int Z_WMARK_BREACH = 2;
    /** {@code NR_ISOLATED_ANON + NR_ISOLATED_FILE}. */
    public static final int Z_NR_ISOLATED = 3;
    /** {@code pgdat->kswapd_wait}: the task queued on it (kswapd, between prepare_to_wait and finish_wait) + 1. */
    public static final int Z_KSWAPD_WAITER = 4;
    public static final int Z_HEADER = 5;
    // then: pcp diffs [nrCpus], free areas [maxOrder] x {first, last, nr_free}, lru lists [4] x {first, last, nr}
    public static final int LIST_FIRST = 0;
    public static final int LIST_LAST = 1;
    public static final int LIST_COUNT = 2;
    public static final int LIST_FIELDS = 3;
    /** Inactive/active anon, inactive/active file, unevictable ({@code enum lru_list}). */
    public static final int NR_LRU_LISTS = 5;

    // ---- mm_struct ----
    public static final int MM_USERS = 0;
    /** {@code mmap_sem} readers: per thread a 4-bit count of its read holds ({@code Locks}). */
    public static final int MM_SEM_READERS = 1;
    /** {@code mmap_sem} writer: thread id + 1. */
    public static final int MM_SEM_WRITER = 2;
    /** {@code mmap_sem}'s wait list: FIFO of {@code Locks} waiter entries (5 bits each, oldest lowest). */
    public static final int MM_SEM_WAITERS = 3;
    public static final int MM_NR_VMAS = 4;
    public static final int MM_RSS_ANON = 5;
    public static final int MM_RSS_FILE = 6;
    public static final int MM_RSS_SWAP = 7;
    /** {@code mm_cpumask(mm)}: CPUs that may cache translations of this mm. */
    public static final int MM_CPUMASK = 8;
    /** {@code mm->tlb_flush_pending}: PTE changes whose TLB flush has not completed (a count, as 4.14+). */
    public static final int MM_TLB_FLUSH_PENDING = 9;
    /** {@code mm->tlb_flush_batched}: reclaim unmapped PTEs of this mm and deferred the flush (4.13+). */
    public static final int MM_TLB_FLUSH_BATCHED = 10;
    /** {@code mm->has_pinned} (Linux 5.9): a {@code FOLL_PIN} reference was ever taken in this mm. */
    public static final int MM_HAS_PINNED = 11;
    /** {@code mm->write_protect_seq} (Linux 5.13): odd while fork write-protects the parent's PTEs. */
    public static final int MM_WP_SEQ = 12;
    public static final int MM_HEADER = 13;
    // then: vmas [nrVmas] x VMA_FIELDS, pmd entries [pgds x pmds], ptl owners [pgds x pmds], ptes, logical [userPages]

    // ---- vm_area_struct ----
    public static final int VMA_START = 0;
    public static final int VMA_END = 1;
    public static final int VMA_FLAGS = 2;
    /** {@code vm_file}: file id + 1, 0 for anonymous. */
    public static final int VMA_FILE = 3;
    public static final int VMA_PGOFF = 4;
    /** {@code vma->anon_vma}: anon_vma id + 1. */
    public static final int VMA_ANON_VMA = 5;
    /** The anon_vma_chain: bitmask of anon_vma ids this VMA is linked into. */
    public static final int VMA_AVC = 6;
    public static final int VMA_FIELDS = 7;

    // ---- anon_vma ----
    /** Number of VMAs whose chain links this anon_vma (0 = free). */
    public static final int AV_REFS = 0;
    public static final int AV_ROOT = 1;
    /** {@code anon_vma->root->rwsem}: readers bitmask / writer tid + 1 (kept on the root). */
    public static final int AV_LOCK_READERS = 2;
    public static final int AV_LOCK_WRITER = 3;
    public static final int AV_LOCK_WAITERS = 4;
    public static final int AV_FIELDS = 5;

    // ---- file (inode + address_space) ----
    /** 0 = unused; otherwise {@code FileKind} ordinal + 1. */
    public static final int F_KIND = 0;
    /** {@code i_size} in pages. */
    public static final int F_SIZE = 1;
    public static final int F_NRPAGES = 2;
    public static final int F_IMMAP_READERS = 3;
    public static final int F_IMMAP_WRITER = 4;
    public static final int F_IMMAP_WAITERS = 5;
    public static final int F_HEADER = 6;
    // then: disk [filePages], page cache [filePages] (pfn + 1), logical ghost [filePages]

    // ---- swap slot ----
    /** {@code swap_map[offset]}: count of swap PTEs, plus {@code SWAP_HAS_CACHE}. */
    public static final int SW_MAP = 0;
    public static final int SW_DATA = 1;
    /** Swap cache: pfn + 1 of the page caching this slot. */
    public static final int SW_CACHE = 2;
    public static final int SW_FIELDS = 3;

    // ---- block request (bio) in flight ----
    /** {@code Bios} operation; 0 = free. */
    public static final int BIO_OP = 0;
    /** The page of the request, pfn + 1. */
    public static final int BIO_PFN = 1;
    /** Where on the device: the swap offset, or file &lt;&lt; 8 | page index. */
    public static final int BIO_TARGET = 2;
    /** The GUP holder (direct I/O) whose reference the request carries, slot + 1; 0 for none. */
    public static final int BIO_HOLDER = 3;
    public static final int BIO_FIELDS = 4;

    // ---- GUP holder: a kernel object keeping get_user_pages() references (pipe buffer, dio) ----
    /** The page, pfn + 1; 0 = the holder is free. */
    public static final int H_PFN = 0;
    /** {@code GupHolders} flags: kind, FOLL_WRITE, FOLL_PIN, and the ghost "detached" bit. */
    public static final int H_FLAGS = 1;
    /** Ghost: the mm whose user range the reference was taken from. */
    public static final int H_MM = 2;
    /** Ghost: the user address. */
    public static final int H_ADDR = 3;
    public static final int H_FIELDS = 4;

    // ---- page wait queue entry ----
    public static final int WQ_TID = 0;
    public static final int WQ_PFN = 1;
    public static final int WQ_BIT = 2;
    public static final int WQ_FLAGS = 3;
    public static final int WQ_FIELDS = 4;

    // ---- kmem_cache ----
    public static final int KC_SIZE = 0;
    public static final int KC_OBJS_PER_SLAB = 1;
    public static final int KC_ACTIVE_OBJS = 2;
    public static final int KC_NR_SLABS = 3;
    public static final int KC_FIELDS = 4;

    // ---- vm_struct (vmalloc area) ----
    /** First kernel virtual page of the area + 1; 0 = slot free. */
    public static final int VM_START = 0;
    public static final int VM_NR_PAGES = 1;
    public static final int VM_HEADER = 2;
    // then: pages [kernelPages] (pfn + 1)

    // ---- CPU ----
    /** Interrupts disabled on this CPU ({@code local_irq_disable}): IPIs wait. */
    public static final int CPU_IRQS_OFF = 0;
    public static final int CPU_HEADER = 1;
    // then: TLB entries [tlbEntries] x TLB_FIELDS, oldest first
    /** The entry's tag: {@code (mm << 16 | virtual page) + 1}; 0 for an empty entry. */
    public static final int TLB_TAG = 0;
    /** The PTE value the entry caches (pfn and permissions, young and dirty). */
    public static final int TLB_PTE = 1;
    /** Ghost: 1 when the operation that revoked this translation has completed its flush and returned. */
    public static final int TLB_REVOKED = 2;
    public static final int TLB_FIELDS = 3;

    // ---- thread ----
    public static final int TH_STATUS = 0;
    public static final int TH_SIGNAL = 1;
    /** Ghost: bitmask of lock classes held with a blocking acquisition (for lock_order). */
    public static final int TH_HELD = 2;
    /** Number of frames on the stack. */
    public static final int TH_SP = 3;
    /** The value the thread's bottom procedure returned. */
    public static final int TH_RET = 4;
    /**
     * {@code task->state}: {@code Threads.TASK_RUNNING}, or the sleep the task announced with
     * {@code set_current_state()} before it calls {@code schedule()}; {@code try_to_wake_up()} sets it
     * back to running if it matches the wakeup's mask.
     */
    public static final int TH_TASK_STATE = 5;
    /**
     * The thread's {@code struct rwsem_waiter} while it waits for an rwsem ({@code Locks}): 0 when it waits
     * for none; while queued, the rwsem's readers word + 1, with {@code Locks.WAITER_WOKEN} once a release
     * woke it (a writer retries); the negated readers word + 1 once a release handed it the lock for read
     * ({@code waiter.task = NULL}; consumed when the thread resumes).
     */
    public static final int TH_WAIT = 6;
    /**
     * {@code current->tlb_ubc} (struct tlbflush_unmap_batch, 4.3+): bit 0 flush_required, bit 1 writable,
     * the cpumask from bit 2.
     */
    public static final int TH_TLB_UBC = 7;
    public static final int TH_HEADER = 8;
    // frame
    public static final int FR_PROC = 0;
    public static final int FR_PC = 1;
    public static final int FR_RET = 2;
    public static final int FR_HEADER = 3;

    LayoutFields() {}
}
