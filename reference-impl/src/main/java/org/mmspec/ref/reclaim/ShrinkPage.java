package org.mmspec.ref.reclaim;

import static org.mmspec.ref.reclaim.ShrinkPagePoints.*;

import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.filemap.Writeback;
import org.mmspec.ref.mem.FreePath;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.io.EndPageWriteback;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.TryToFreeSwap;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.rmapwalk.PageReferenced;
import org.mmspec.ref.rmapwalk.RmapWalk;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.tlbflush.FlushTlb;

/**
 * The body of {@code shrink_page_list()} (mm/vmscan.c, Linux 4.9) for one isolated page, action by
 * action: {@code trylock_page}; an unevictable (mlocked) page is culled ({@code cull_mlocked}: out of the
 * swap cache if it can be, {@code try_to_free_swap}; unlocked; the caller puts it back, on the unevictable
 * list); a page under write-back gets {@code PG_reclaim} and is kept; {@code page_check_references()}
 * ({@code page_referenced()}, then {@code TestClearPageReferenced}: a {@code VM_LOCKED} mapping sends the
 * page straight on to be unmapped, young PTEs activate swap-backed pages, a file page needs two
 * references); {@code add_to_swap()} for swap-backed anonymous pages ({@code get_swap_page}, the cache's
 * reference and {@code PG_swapcache}, the radix-tree insertion, {@code SetPageDirty}: 4.12+, the page may
 * be clean); {@code try_to_unmap(TTU_BATCH_FLUSH)} — whose flushes are deferred into the task's batch when
 * other CPUs may cache the mm, which mlocks and culls a page a {@code VM_LOCKED} VMA maps, and which
 * discards a clean lazily freed page ({@code MADV_FREE}); {@code pageout()} of dirty pages (anon to swap;
 * file pages only from kswapd; a shmem page by {@code shmem_writepage()}, which moves it from the page
 * cache to the swap cache and leaves the swap entry in its page-cache slot; a page with no mapping is
 * kept), after {@code try_to_unmap_flush_dirty()} (no CPU may still write the page once its I/O starts):
 * {@code clear_page_dirty_for_io}, {@code SetPageReclaim}, {@code set_page_writeback}, {@code unlock_page}
 * and {@code submit_bio} — the write completes later in the I/O completion context, whose {@link
 * EndPageWriteback} rotates the page to the tail of the inactive list for the next pass; the page is kept
 * unless the write already completed, then the rechecks under a fresh {@code trylock_page}; then {@code
 * __remove_mapping()}: under the mapping's {@code tree_lock}, freeze the references at two (ours and the
 * cache's), refuse a dirty page, take the page out of the swap cache or page cache; {@code
 * swapcache_free}; {@code try_to_unmap_flush()} of the batch; and free it — a lazily freed page only if
 * the isolation's is the last reference ({@code page_ref_freeze(page, 1)}) and it is still clean. A kept
 * page's batch is flushed before returning ({@code shrink_page_list()} flushes once for its whole list,
 * before it frees). Context: the page is isolated from the LRU with a reference.
 *
 * <p>Arguments: pfn, is_kswapd. Returns {@link #FREED} (the page is back in the buddy allocator and the
 * isolation reference is gone) or {@link #KEEP} (the caller puts it back; {@code PG_active} says where).
 */
public final class ShrinkPage extends Procedure {

    public static final int KEEP = 0;
    public static final int FREED = 1;

    private static final int PFN = 0;
    private static final int KSWAPD = 1;
    private static final int REFS = 2;
    private static final int ACTIVATE = 3;
    private static final int OFFSET = 4;

    /** The return value, while {@code try_to_unmap_flush()} runs. */
    private static final int RESULT = 5;

    private final Pages pages;
    private final FreePath freePath;
    private final Swap swap;
    private final PageLock pageLock;
    private final PageCache pageCache;
    private final PageReferenced pageReferenced;
    private final RmapWalk rmapWalk;
    private final UnlockPage unlockPage;
    private final Writeback writeback;
    private final Bios bios;
    private final PutPage putPage;
    private final Threads threads;
    private final FlushTlb flushTlb;
    private final TryToFreeSwap tryToFreeSwap;
    private final ReclaimMapping mapping;

    /** What {@code shrink_page_list()} needs for batched flushes and mlocked pages. */
    public record Batch(Threads threads, FlushTlb flushTlb, TryToFreeSwap tryToFreeSwap) {
    }

    public ShrinkPage(Pages pages, FreePath freePath, Swap swap, PageLock pageLock, PageCache pageCache,
            PageReferenced pageReferenced, RmapWalk rmapWalk, UnlockPage unlockPage, Writeback writeback, Bios bios,
            PutPage putPage, Batch batch) {
        super("shrink_page_list", ShrinkPagePoints.names());
        this.pages = pages;
        this.freePath = freePath;
        this.swap = swap;
        this.pageLock = pageLock;
        this.pageCache = pageCache;
        this.pageReferenced = pageReferenced;
        this.rmapWalk = rmapWalk;
        this.unlockPage = unlockPage;
        this.writeback = writeback;
        this.bios = bios;
        this.putPage = putPage;
        this.threads = batch.threads();
        this.flushTlb = batch.flushTlb();
        this.tryToFreeSwap = batch.tryToFreeSwap();
        this.mapping = new ReclaimMapping(pages, pageCache, swap);
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        Pages p = pages;
        return switch (pc) {
            case TRYLOCK -> {
                if (!pageLock.trylockPage(pfn)) {
                    yield done(c, KEEP);
                }
                yield c.yieldTo(pages.pageFlag(pfn, PageFlag.MLOCKED) ? CULL : WRITEBACK);
            }
            case WRITEBACK -> c.yieldTo(p.pageFlag(pfn, PageFlag.WRITEBACK) ? MARK_RECLAIM : CHECK_REFERENCES);
            case CHECK_REFERENCES -> c.call(pageReferenced, REFERENCED, pfn, 1);
            case REFERENCED -> {
                c.set(REFS, c.result());
                yield c.yieldTo(TEST_CLEAR_REFERENCED);
            }
            case TEST_CLEAR_REFERENCED -> checkReferences(c, pfn);
            case SET_REFERENCED -> {
                p.setPageFlag(pfn, PageFlag.REFERENCED);
                yield c.yieldTo(c.local(ACTIVATE) != 0 ? ACTIVATE_LOCKED : KEEP_LOCKED);
            }
            case GET_SWAP_PAGE, SWAP_CACHE_GET, SWAP_CACHE_INSERT, SWAP_DIRTY -> addToSwap(c, pc, pfn);
            case MAPPED -> c.yieldTo(p.pageMapped(pfn) && (mapping.inCache(pfn) || mapping.lazyfree(pfn)) ? TRY_TO_UNMAP : DIRTY);
            case TRY_TO_UNMAP -> c.call(rmapWalk, UNMAPPED, pfn, RmapWalk.TRY_TO_UNMAP,
                    RmapWalk.TTU_UNMAP | RmapWalk.TTU_BATCH_FLUSH);
            case UNMAPPED -> {
                int ret = c.result();
                yield c.yieldTo(ret == RmapWalk.SWAP_FAIL ? ACTIVATE_LOCKED : ret == RmapWalk.SWAP_AGAIN ? KEEP_LOCKED
                        : ret == RmapWalk.SWAP_MLOCK ? CULL : DIRTY);
            }
            case DIRTY -> c.yieldTo(p.pageFlag(pfn, PageFlag.DIRTY) ? pageoutTarget(c, pfn) : REMOVE_MAPPING);
            case SET_RECLAIM -> {
                p.setPageFlag(pfn, PageFlag.RECLAIM);
                yield c.yieldTo(KEEP_LOCKED);
            }
            case FLUSH_DIRTY -> (threads.tlbUbc(c.tid()) & FlushTlb.UBC_WRITABLE) != 0
                    ? c.call(flushTlb, FLUSHED_DIRTY, 0, 0, 0, FlushTlb.ALL) : c.next(FLUSHED_DIRTY);
            case FLUSHED_DIRTY -> c.yieldTo(mapping.shmemPage(pfn) ? SHMEM_WRITEPAGE : CLEAR_DIRTY);
            case CLEAR_DIRTY -> c.yieldTo(p.testClearPageFlag(pfn, PageFlag.DIRTY) ? SET_RECLAIM_IO : REMOVE_MAPPING);
            case SET_RECLAIM_IO, SET_WRITEBACK, WRITEPAGE_UNLOCK, IO, SUBMIT -> pageout(c, pc, pfn);
            case MARK_RECLAIM -> {
                // under write-back: let end_page_writeback() rotate it for immediate reclaim
                p.setPageFlag(pfn, PageFlag.RECLAIM);
                yield c.yieldTo(KEEP_LOCKED);
            }
            default -> tail(c, pc, pfn);
        };
    }

    /**
     * {@code add_to_swap()} (mm/swap_state.c, Linux 4.12): a swap slot ({@code get_swap_page}), the swap
     * cache's reference and {@code PG_swapcache}, the radix-tree insertion, then {@code SetPageDirty}.
     * Context: page locked.
     */
    private Flow addToSwap(Ctx c, int pc, int pfn) {
        return switch (pc) {
            case GET_SWAP_PAGE -> {
                int offset = swap.getSwapPage();
                c.set(OFFSET, offset);
                yield c.yieldTo(offset == 0 ? ACTIVATE_LOCKED : SWAP_CACHE_GET);
            }
            case SWAP_CACHE_GET -> {
                swap.addToSwapCacheGet(pfn, c.local(OFFSET));
                yield c.yieldTo(SWAP_CACHE_INSERT);
            }
            case SWAP_CACHE_INSERT -> {
                swap.addToSwapCacheInsert(pfn, c.local(OFFSET));
                yield c.yieldTo(SWAP_DIRTY);
            }
            case SWAP_DIRTY -> {
                pages.setPageFlag(pfn, PageFlag.DIRTY);
                yield c.yieldTo(MAPPED);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 12, pc);
        };
    }

    /**
     * {@code pageout()} of a dirty page (mm/vmscan.c, Linux 4.9), once {@code clear_page_dirty_for_io}
     * succeeded: {@code SetPageReclaim}, {@code set_page_writeback}, {@code unlock_page} in the
     * {@code writepage}, then {@code submit_bio} (blocking while the request queue is full). Context: page
     * locked until the unlock.
     */
    private Flow pageout(Ctx c, int pc, int pfn) {
        return switch (pc) {
            case SET_RECLAIM_IO -> {
                pages.setPageFlag(pfn, PageFlag.RECLAIM);
                yield c.yieldTo(SET_WRITEBACK);
            }
            case SET_WRITEBACK -> {
                writeback.setPageWriteback(pfn);
                c.set(OFFSET, mapping.ioTarget(pfn));
                yield c.yieldTo(WRITEPAGE_UNLOCK);
            }
            case WRITEPAGE_UNLOCK -> c.call(unlockPage, IO, pfn);
            case IO -> c.yieldTo(SUBMIT);
            case SUBMIT -> {
                int target = c.local(OFFSET);
                boolean toSwap = target > 0;
                int block = toSwap ? target : Bios.fileBlock((-target - 1) >>> 16, (-target - 1) & 0xFFFF);
                if (!bios.submit(toSwap ? Bios.SWAP_WRITE : Bios.FILE_WRITE, pfn, block, -1)) {
                    yield c.block(BlockKind.REQUEST_QUEUE, pfn, 0);
                }
                writeback.submitted(pfn);
                yield c.yieldTo(SUBMITTED);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 12, pc);
        };
    }

    /** The steps from the end of write-back to the end: rechecks, __remove_mapping, freeing, keeping. */
    private Flow tail(Ctx c, int pc, int pfn) {
        Pages p = pages;
        return switch (pc) {
            // PAGE_SUCCESS: still under write-back, so keep it; the completion rotates it
            case SUBMITTED -> p.pageFlag(pfn, PageFlag.WRITEBACK) ? done(c, KEEP) : c.yieldTo(IO_DONE);
            case IO_DONE -> {
                // the write already completed ("synchronous write or broken a_ops"): ClearPageReclaim
                p.clearPageFlag(pfn, PageFlag.RECLAIM);
                yield c.yieldTo(AFTER_WRITEBACK);
            }
            case AFTER_WRITEBACK -> p.pageFlag(pfn, PageFlag.WRITEBACK) ? done(c, KEEP) : c.yieldTo(AFTER_DIRTY);
            case AFTER_DIRTY -> p.pageFlag(pfn, PageFlag.DIRTY) ? done(c, KEEP) : c.yieldTo(RELOCK);
            case RELOCK -> {
                if (!pageLock.trylockPage(pfn)) {
                    yield done(c, KEEP);
                }
                yield c.yieldTo(p.pageFlag(pfn, PageFlag.DIRTY) ? KEEP_LOCKED : RELOCKED_WRITEBACK);
            }
            case RELOCKED_WRITEBACK -> c.yieldTo(p.pageFlag(pfn, PageFlag.WRITEBACK) ? KEEP_LOCKED : REMOVE_MAPPING);
            case REMOVE_MAPPING -> removeMapping(c, pfn);
            case SWAPCACHE_FREE -> {
                swap.swapcacheFree(c.local(OFFSET));
                yield c.yieldTo(FLUSH);
            }
            case FLUSH -> batchPending(c) ? c.call(flushTlb, FLUSHED, 0, 0, 0, FlushTlb.ALL) : c.next(FREE);
            case FLUSHED -> c.yieldTo(FREE);
            case FREE -> {
                pageLock.clearLockedNonAtomic(pfn);
                p.clearPageFlag(pfn, PageFlag.RECLAIM);
                p.clearPageFlag(pfn, PageFlag.REFERENCED);
                p.clearPageFlag(pfn, PageFlag.UPTODATE);
                p.clearPageFlag(pfn, PageFlag.SWAPBACKED);
                freePath.freePagesOk(pfn, 0);
                yield c.ret(FREED);
            }
            case ACTIVATE_LOCKED -> {
                p.setPageFlag(pfn, PageFlag.ACTIVE);
                yield c.yieldTo(KEEP_LOCKED);
            }
            case KEEP_LOCKED -> c.call(unlockPage, KEEP_UNLOCKED, pfn);
            case KEEP_UNLOCKED -> c.yieldTo(RETURN);
            case RETURN_RESULT -> c.ret(c.local(RESULT));
            case RETURN -> done(c, KEEP);
            case CULL -> p.pageFlag(pfn, PageFlag.SWAPCACHE) ? c.call(tryToFreeSwap, CULL_UNLOCK, pfn) : c.next(CULL_UNLOCK);
            case CULL_UNLOCK -> c.yieldTo(KEEP_LOCKED);
            default -> shmemWritepage(c, pc, pfn);
        };
    }

    /**
     * {@code shmem_writepage()} (mm/shmem.c, Linux 4.9): the shmem page gets a swap slot, moves into the
     * swap cache and — under the file's {@code tree_lock} — out of its page cache, whose slot keeps the swap
     * entry ({@code shmem_delete_from_page_cache}; the entry holds a reference on the slot, {@code
     * swap_shmem_alloc}), the cache's page reference dropped; then it is written like an anonymous page
     * ({@code swap_writepage}). With no slot free it stays dirty and active. Context: page locked.
     */
    private Flow shmemWritepage(Ctx c, int pc, int pfn) {
        Pages p = pages;
        int offset = c.local(OFFSET);
        return switch (pc) {
            case SHMEM_WRITEPAGE -> c.yieldTo(p.pageMapped(pfn) ? KEEP_LOCKED : SHMEM_GET_SWAP);
            case SHMEM_GET_SWAP -> {
                int slot = swap.getSwapPage();
                c.set(OFFSET, slot);
                yield c.yieldTo(slot == 0 ? ACTIVATE_LOCKED : SHMEM_SWAP_CACHE_GET);
            }
            case SHMEM_SWAP_CACHE_GET -> {
                swap.addToSwapCacheGet(pfn, offset);
                yield c.yieldTo(SHMEM_SWAP_CACHE_INSERT);
            }
            case SHMEM_SWAP_CACHE_INSERT -> {
                swap.addToSwapCacheInsert(pfn, offset);
                yield c.yieldTo(SHMEM_DUP);
            }
            case SHMEM_DUP -> {
                swap.swapDuplicate(offset);
                yield c.yieldTo(SHMEM_REPLACE);
            }
            case SHMEM_REPLACE -> {
                pageCache.replacePageWithSwapEntry(pfn, offset);
                yield c.yieldTo(SHMEM_PUT);
            }
            case SHMEM_PUT -> c.call(putPage, SHMEM_PUT_DONE, pfn);
            case SHMEM_PUT_DONE -> c.yieldTo(CLEAR_DIRTY);
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 12, pc);
        };
    }

    private boolean batchPending(Ctx c) {
        return (threads.tlbUbc(c.tid()) & FlushTlb.UBC_FLUSH_REQUIRED) != 0;
    }

    /**
     * Returns {@code result}; a batch still pending is flushed first ({@code try_to_unmap_flush()}, which
     * {@code shrink_page_list()} runs once its list is done).
     */
    private Flow done(Ctx c, int result) {
        if (batchPending(c)) {
            c.set(RESULT, result);
            return c.call(flushTlb, RETURN_RESULT, 0, 0, 0, FlushTlb.ALL);
        }
        return c.ret(result);
    }

    /**
     * {@code page_check_references()} after {@code page_referenced()}: {@code TestClearPageReferenced}, then
     * what follows up to {@code add_to_swap()} / {@code try_to_unmap()}.
     */
    private Flow checkReferences(Ctx c, int pfn) {
        Pages p = pages;
        boolean referencedPage = p.testClearPageFlag(pfn, PageFlag.REFERENCED);
        boolean swapBacked = p.pageFlag(pfn, PageFlag.SWAPBACKED);
        int ptes = c.local(REFS);
        if ((ptes & RmapWalk.REFERENCED_VM_LOCKED) != 0) {
            return reclaim(c, pfn);
        }
        if (ptes > 0) {
            if (swapBacked) {
                return c.yieldTo(ACTIVATE_LOCKED);
            }
            c.set(ACTIVATE, referencedPage || ptes > 1 ? 1 : 0);
            return c.yieldTo(SET_REFERENCED);
        }
        if (referencedPage && !swapBacked && p.pageFlag(pfn, PageFlag.DIRTY)) {
            return c.yieldTo(KEEP_LOCKED);
        }
        return reclaim(c, pfn);
    }

    /** {@code PAGEREF_RECLAIM}: on to {@code add_to_swap()} or {@code try_to_unmap()}. */
    private Flow reclaim(Ctx c, int pfn) {
        if (pages.pageAnon(pfn) && pages.pageFlag(pfn, PageFlag.SWAPBACKED) && !pages.pageFlag(pfn, PageFlag.SWAPCACHE)) {
            return c.yieldTo(GET_SWAP_PAGE);
        }
        return c.yieldTo(MAPPED);
    }

    /**
     * {@code pageout()}'s gate for a dirty page: a file page from direct reclaim is marked for immediate
     * reclaim and kept ({@code page_is_file_cache}: not swap-backed, as a lazily freed page is not either);
     * a page with no mapping ({@code pageout()}: {@code PAGE_KEEP}) is kept; a dirty shmem page goes to
     * {@code shmem_writepage()}; else write it back.
     */
    private int pageoutTarget(Ctx c, int pfn) {
        boolean swapCache = pages.pageFlag(pfn, PageFlag.SWAPCACHE);
        boolean swapBacked = pages.pageFlag(pfn, PageFlag.SWAPBACKED);
        if (!swapBacked && c.local(KSWAPD) == 0) {
            return SET_RECLAIM;
        }
        if (!swapCache && pageCache.fileOf(pfn) < 0) {
            return KEEP_LOCKED;
        }
        return FLUSH_DIRTY;
    }

    /** {@code __remove_mapping()} and what follows from it: keep the page, free its swap slot, or free it. */
    private Flow removeMapping(Ctx c, int pfn) {
        return switch (mapping.removeMapping(pfn)) {
            case ReclaimMapping.Removal.Kept k -> c.yieldTo(KEEP_LOCKED);
            case ReclaimMapping.Removal.FromSwapCache r -> {
                c.set(OFFSET, r.offset());
                yield c.yieldTo(SWAPCACHE_FREE);
            }
            case ReclaimMapping.Removal.Freeable f -> c.yieldTo(FLUSH);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
