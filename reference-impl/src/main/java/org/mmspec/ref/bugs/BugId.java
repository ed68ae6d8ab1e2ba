package org.mmspec.ref.bugs;

import java.util.Optional;

/**
 * Historic Linux MM concurrency bugs that can be switched back on in the reference implementation.
 * Each is off by default; with it on, the named code path behaves as the buggy kernel did.
 * See {@code ../shared/bugs/README.md} of the design for the racing steps and the fixes.
 */
public enum BugId {
    /**
     * A1, CVE-2016-5195 "Dirty COW": {@code faultin_page()} drops {@code FOLL_WRITE} after a COW fault on
     * a VMA without {@code VM_WRITE}; a racing {@code MADV_DONTNEED} then lets the retried follow return
     * the page-cache page, and {@code /proc/self/mem} writes into it. Fixed by 19be0eaffa3a (FOLL_COW).
     */
    DIRTY_COW("dirty-cow", "A1"),
    /**
     * A9: {@code try_to_unmap()} skips a PTE that looks empty without taking the PTE lock, and returns
     * while a racing zap has cleared the PTE but not yet dropped the mapcount. Fixed by 732ed55823fc
     * (TTU_SYNC).
     */
    TTU_SYNC("ttu-sync", "A9"),
    /**
     * A13: an exclusive page-lock waiter in {@code lock_page_killable()} that is woken and then sees a
     * fatal signal returns without taking the lock and without passing the wakeup on. Fixed by
     * a8b169afbf06 (check the bit before the signal).
     */
    LOCK_PAGE_KILLABLE_WAKEUP("lock-page-killable-wakeup", "A13"),
    /**
     * A16: {@code unmap_mapping_range()} under {@code i_mmap_rwsem} (write) takes the page lock of a
     * file page (as {@code __split_huge_pmd()} did for shmem THPs), inverting the documented order
     * page lock → i_mmap_rwsem that kswapd's {@code page_referenced()} follows. Fixed by 1c2f67308af4.
     */
    MADV_REMOVE_DEADLOCK("madv-remove-deadlock", "A16"),
    /**
     * A18: {@code zone_watermark_ok()} reads the global {@code NR_FREE_PAGES} counter while per-cpu
     * deltas are not folded in, so allocations breach the min watermark. Fixed by aa45484
     * ({@code zone_watermark_ok_safe()} sums the per-cpu deltas when free pages are low).
     */
    PCP_FREE_DRIFT("pcp-free-drift", "A18"),
    /**
     * {@code pin_user_pages_fast()} racing {@code fork()} (Linux 5.9–5.12): fork checks
     * {@code page_maybe_dma_pinned()} before it write-protects the parent's PTE; a lockless fast-path pin
     * taken between the check and the write-protection, and checked against the PTE before it, ends up on
     * a page fork has just shared with the child, so the parent's next write COWs away from the pinned
     * page and DMA through the pin lands in the child's page. Fixed by 57efa1fe5957 ("mm/gup: prevent
     * gup_fast from racing with COW during fork", 5.13: {@code mm->write_protect_seq}).
     */
    GUP_FAST_FORK("gup-fast-fork", "57efa1fe5957"),
    /**
     * Reclaim of an {@code MADV_FREE} page racing a direct-I/O read into it (Linux 4.12–5.17):
     * {@code try_to_unmap_one()} discards a clean lazily freed page without looking at its reference
     * count, so a page that a direct-I/O read holds through {@code get_user_pages()} loses its PTE; the
     * read's data then lands in a page nobody maps and the process reads zeroes. Fixed by 6c8e2a256915
     * ("mm: fix race between MADV_FREE reclaim and blkdev direct IO read", 5.18: keep the page while
     * {@code ref_count != 1 + map_count}).
     */
    MADV_FREE_GUP("madv-free-gup", "6c8e2a256915"),
    /**
     * {@code do_swap_page()} racing {@code swapoff()} (Linux up to 5.2): the fault read the swap entry from
     * the PTE without a lock and uses the device's {@code swap_map} ({@code lookup_swap_cache},
     * {@code swapcache_prepare}) while swapoff finishes {@code try_to_unuse()} and frees it — a
     * use-after-free. Fixed by eb085574a752 ("mm, swap: fix race between swapoff and some swap
     * operations", 5.3: {@code get_swap_device()}/{@code put_swap_device()}; swapoff waits for the holders).
     */
    SWAPOFF_RACE("swapoff-race", "eb085574a752");

    private final String id;
    private final String catalogEntry;

    BugId(String id, String catalogEntry) {
        this.id = id;
        this.catalogEntry = catalogEntry;
    }

    /** The switch name used on the command line, e.g. {@code dirty-cow}. */
    public String id() {
        return id;
    }

    /** The entry in the historic-bug catalog, e.g. {@code A1}. */
    public String catalogEntry() {
        return catalogEntry;
    }

    /** Looks a switch up by its command-line id. */
    public static Optional<BugId> byId(String id) {
        for (BugId b : values()) {
            if (b.id.equals(id)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
