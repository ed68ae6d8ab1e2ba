package org.mmspec.checker.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.Explorer;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.system.KernelSystem;
import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * The standard scenarios reach the kernel code points their races are about: a pass is only worth
 * something if the interesting paths were explored (a scenario whose reclaim never swaps out, say,
 * would pass without testing anything).
 */
class ScenarioCoverageTest {

    static Stream<Arguments> reached() {
        return Stream.of(
                Arguments.of("anon-fault-vs-reclaim", List.of("do_swap_page:swap_readpage", "do_anonymous_page:set_pte_at",
                        "shrink_page_list:submit_bio", "end_page_writeback:pagevec_move_tail",
                        "io_completion:dma:read", "rmap_walk:pte_offset_map_lock")),
                Arguments.of("cow-after-fork-vs-reclaim", List.of("wp_page_copy:set_pte_at_notify",
                        "shrink_page_list:try_to_unmap")),
                Arguments.of("lock-page-contention", List.of("wait_on_page_bit_common:io_schedule", "unlock_page:wake_up_page_bit")),
                Arguments.of("gup-vs-madvise", List.of("__get_user_pages:faultin_page:done", "do_fault:alloc_page_vma",
                        "zap_pte_range:page_remove_rmap", "__access_remote_vm:copy_to_user_page")),
                Arguments.of("ttu-vs-munmap", List.of("rmap_walk:pte_offset_map_lock", "zap_pte_range:page_remove_rmap")),
                Arguments.of("fork-vs-fault", List.of("dup_mmap:copy_pte_range")),
                Arguments.of("alloc-near-watermarks", List.of("kswapd:balance_pgdat", "__alloc_pages_nodemask:__alloc_pages_slowpath")),
                Arguments.of("lock-page-killable", List.of("wait_on_page_bit_common:io_schedule")),
                Arguments.of("madv-remove-vs-reclaim", List.of("rmap_walk:page_check_address", "truncate_inode_pages_range:lock_page")),
                Arguments.of("read-fault-vs-dontneed", List.of("do_fault:do_read_fault:do_fault_around", "zap_pte_range:ptep_get_and_clear_full",
                        "find_get_entry:reload_slot")),
                Arguments.of("dio-read-vs-fork", List.of("get_user_pages_fast:try_grab_compound_head",
                        "get_user_pages_fast:read_seqcount_retry", "dup_mmap:copy_present_page:copy_user_highpage",
                        "dup_mmap:page_maybe_dma_pinned", "io_completion:dma:write", "dio_bio_complete:bio_release_pages")),
                Arguments.of("gup-fast-vs-munmap", List.of("get_user_pages_fast:gup_pte_range:recheck_pte",
                        "get_user_pages_fast:try_grab_compound_head", "do_munmap:tlb_finish_mmu:ipi",
                        "get_user_pages_fast:get_user_pages_unlocked")),
                Arguments.of("fsync-vs-truncate", List.of("filemap_write_and_wait_range:submit_bio",
                        "truncate_inode_pages_range:wait_on_page_writeback", "wait_on_page_bit_common:io_schedule",
                        "end_page_writeback:wake_up_page_bit", "find_get_entry:reload_slot")),
                Arguments.of("madv-free-vs-reclaim", List.of("madvise_free:ptep_get_and_clear_full:mkold:mkclean",
                        "madvise_free:mark_page_lazyfree", "shrink_page_list:try_to_unmap")),
                Arguments.of("madv-free-vs-dio", List.of("do_blockdev_direct_IO:submit_bio", "io_completion:dma:write",
                        "shrink_page_list:try_to_unmap")),
                Arguments.of("swapoff-vs-fault", List.of("swapoff:unuse_pte", "swapoff:wait_for_completion",
                        "do_swap_page:put_swap_device", "do_swap_page:lookup_swap_cache")),
                Arguments.of("sync-swapin-vs-fault", List.of("do_swap_page:swap_readpage:bdev_read_page",
                        "do_swap_page:page_endio:unlock_page", "do_swap_page:set_pte_at")),
                Arguments.of("compound-put-vs-free", List.of("__free_pages:put_page_testzero", "compound_user:put_page:last")),
                Arguments.of("shmem-writeout-vs-fault", List.of("shrink_page_list:shmem_writepage:add_to_swap_cache",
                        "filemap_fault:shmem_add_to_page_cache", "end_page_writeback:test_clear_page_writeback")),
                Arguments.of("dio-write-vs-munmap", List.of("invalidate_inode_pages2_range:invalidate_complete_page2",
                        "do_blockdev_direct_IO:submit_bio", "io_completion:dma:read", "do_munmap:unmap_vmas")));
    }

    @ParameterizedTest
    @MethodSource("reached")
    void theScenarioReachesItsRacingCodePoints(String name, List<String> points) {
        Scenario s = ScenarioCatalog.standard().byName(name).orElseThrow();
        KernelSystem sys = s.instantiate(Set.of());
        MmView view = new MmView(sys.config());
        Set<String> seen = new TreeSet<>();
        Invariant<KernelState> spy = new Invariant<>() {
            @Override
            public String id() {
                return "spy";
            }

            @Override
            public String statement() {
                return "records the code points of every thread in every state";
            }

            @Override
            public Witness check(KernelState st) {
                view.reset(st);
                for (int t = 0; t < sys.threadCount(); t++) {
                    view.frames(t).forEach(f -> seen.add(f.procedure() + ":" + f.point()));
                }
                return null;
            }
        };
        CheckResult r = Explorer.check(new CheckRequest<>(sys, List.of(spy), SearchOptions.defaults()));
        assertTrue(r instanceof CheckResult.Passed, name + ": " + r);
        for (String p : points) {
            assertTrue(seen.contains(p), name + " never reaches " + p + "; reached: " + seen);
        }
    }
}
