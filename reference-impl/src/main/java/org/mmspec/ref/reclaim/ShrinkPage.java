package org.mmspec.ref.reclaim;

import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.filemap.Writeback;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.FreePath;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.rmapwalk.RmapWalk;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * The body of {@code shrink_page_list()} (mm/vmscan.c, Linux 4.9) for one isolated page:
 * {@code trylock_page}; a page under write-back gets {@code PG_reclaim} and is kept;
 * {@code page_check_references()} (young PTEs activate anon pages; file pages need two references);
 * {@code add_to_swap()} for anonymous pages; {@code try_to_unmap()}; {@code pageout()} of dirty pages
 * (anon to swap; file pages only from kswapd): {@code clear_page_dirty_for_io()}, {@code PG_reclaim},
 * {@code set_page_writeback()}, {@code unlock_page()} and {@code submit_bio()} — the write completes
 * later in the I/O completion context, whose {@code end_page_writeback()} rotates the page to the tail
 * of the inactive list for the next pass; the page is kept unless the write already completed. Then
 * {@code __remove_mapping()}, which frees the page only if the isolation and cache references are the
 * last ({@code page_ref_freeze(page, 2)}) and it is clean. Context: the page is isolated from the LRU
 * with a reference; takes the page lock.
 *
 * <p>Arguments: pfn, is_kswapd. Returns {@link #FREED} (the page is back in the buddy allocator and the
 * isolation reference is gone) or {@link #KEEP} (the caller puts it back; {@code PG_active} says where).
 */
public final class ShrinkPage extends Procedure {

    public static final int KEEP = 0;
    public static final int FREED = 1;

    private static final int PFN = 0;
    private static final int KSWAPD = 1;

    private static final int TRYLOCK = 0;
    private static final int REFERENCED = 1;
    private static final int UNMAPPED = 2;
    private static final int PAGEOUT = 3;
    private static final int WRITEBACK_DONE = 4;
    private static final int REMOVE_MAPPING = 5;
    private static final int KEEP_UNLOCKED = 6;
    private static final int TRY_TO_UNMAP = 7;
    private static final int CHECK_REFERENCES = 8;
    private static final int UNLOCKED = 9;
    private static final int MARK_RECLAIM = 10;
    private static final int CLEAR_DIRTY = 11;
    private static final int SET_RECLAIM = 12;
    private static final int SET_WRITEBACK = 13;
    private static final int SUBMIT = 14;
    private static final int WRITEBACK_CHECK = 15;
    private static final int DIRTY_CHECK = 16;
    private static final int RELOCK = 17;
    private static final int RECHECK = 18;
    private static final int SHMEM_WRITEPAGE = 19;
    private static final int UNLOCK_FOR_SUBMIT = 20;

    private final Pages pages;
    private final FreePath freePath;
    private final Lru lru;
    private final Swap swap;
    private final PageLock pageLock;
    private final Writeback writeback;
    private final Bios bios;
    private final PageCache pageCache;
    private final RmapWalk rmapWalk;
    private final UnlockPage unlockPage;

    public ShrinkPage(Pages pages, FreePath freePath, Lru lru, Swap swap, PageLock pageLock,
            Writeback writeback, Bios bios, PageCache pageCache, RmapWalk rmapWalk, UnlockPage unlockPage) {
        super("shrink_page_list", "trylock_page", "page_check_references", "try_to_unmap:done", "pageout",
                "pageout:ClearPageReclaim", "__remove_mapping", "keep_locked", "try_to_unmap", "page_referenced",
                "writepage:unlock_page:done", "SetPageReclaim", "clear_page_dirty_for_io", "pageout:SetPageReclaim",
                "set_page_writeback", "submit_bio", "PageWriteback", "PageDirty", "trylock_page:again", "PageDirty|PageWriteback",
                "shmem_writepage", "writepage:unlock_page");
        this.pages = pages;
        this.freePath = freePath;
        this.lru = lru;
        this.swap = swap;
        this.pageLock = pageLock;
        this.writeback = writeback;
        this.bios = bios;
        this.pageCache = pageCache;
        this.rmapWalk = rmapWalk;
        this.unlockPage = unlockPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Pages p = pages;
        int pfn = c.local(PFN);
        switch (pc) {
            case TRYLOCK -> {
                if (!pageLock.trylockPage(pfn)) {
                    return c.ret(KEEP);
                }
                if (p.pageFlag(pfn, PageFlag.WRITEBACK)) {
                    return c.yieldTo(MARK_RECLAIM);
                }
                return c.yieldTo(CHECK_REFERENCES);
            }
            case MARK_RECLAIM -> {
                // under write-back: let end_page_writeback() rotate it for immediate reclaim (case 2)
                p.setPageFlag(pfn, PageFlag.RECLAIM);
                return keepLocked(c, pfn);
            }
            case CHECK_REFERENCES -> {
                return c.call(rmapWalk, REFERENCED, pfn, RmapWalk.REFERENCED, 0);
            }
            case REFERENCED -> {
                return checkReferences(c, p, pfn, c.result());
            }
            case TRY_TO_UNMAP -> {
                return c.call(rmapWalk, UNMAPPED, pfn, RmapWalk.TRY_TO_UNMAP, RmapWalk.TTU_UNMAP);
            }
            case UNMAPPED -> {
                int ret = c.result();
                if (ret == RmapWalk.SWAP_FAIL) {
                    p.setPageFlag(pfn, PageFlag.ACTIVE);
                    return keepLocked(c, pfn);
                }
                if (ret == RmapWalk.SWAP_AGAIN) {
                    return keepLocked(c, pfn);
                }
                return c.next(PAGEOUT);
            }
            case PAGEOUT -> {
                return pageout(c, p, pfn);
            }
            case REMOVE_MAPPING -> {
                return removeMapping(c, p, pfn);
            }
            case KEEP_UNLOCKED -> {
                return c.ret(KEEP);
            }
            case CLEAR_DIRTY, SET_RECLAIM, SET_WRITEBACK, UNLOCKED, SUBMIT, WRITEBACK_CHECK, WRITEBACK_DONE,
                    DIRTY_CHECK, RELOCK, RECHECK, UNLOCK_FOR_SUBMIT -> {
                return writeout(c, p, pfn, pc);
            }
            case SHMEM_WRITEPAGE -> {
                return shmemWritepage(c, p, pfn);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 12, pc);
        }
    }

    /** {@code page_check_references()} and what follows it up to {@code try_to_unmap()}. */
    private Flow checkReferences(Ctx c, Pages p, int pfn, int referencedPtes) {
        boolean referencedPage = p.testClearPageFlag(pfn, PageFlag.REFERENCED);
        boolean swapBacked = p.pageFlag(pfn, PageFlag.SWAPBACKED);
        if (referencedPtes > 0) {
            if (swapBacked || referencedPage || referencedPtes > 1) {
                p.setPageFlag(pfn, PageFlag.ACTIVE);
                return keepLocked(c, pfn);
            }
            p.setPageFlag(pfn, PageFlag.REFERENCED);
            return keepLocked(c, pfn);
        }
        if (p.pageAnon(pfn) && p.pageFlag(pfn, PageFlag.SWAPBACKED) && !p.pageFlag(pfn, PageFlag.SWAPCACHE)) {
            int offset = swap.getSwapPage();
            if (offset == 0) {
                p.setPageFlag(pfn, PageFlag.ACTIVE);
                return keepLocked(c, pfn);
            }
            swap.addToSwapCache(pfn, offset);
            // add_to_swap() (4.12+): the page may be clean (MADV_FREE, a read swapped in past the swap
            // cache); its only copy will be the slot, so it must be written
            p.setPageFlag(pfn, PageFlag.DIRTY);
        }
        if (p.pageMapped(pfn)) {
            return c.yieldTo(TRY_TO_UNMAP);
        }
        return c.next(PAGEOUT);
    }

    /**
     * {@code pageout()}: a dirty page is written back — anon to its swap slot; page-cache pages of files
     * ({@code page_is_file_cache}) by kswapd only; shmem pages by {@code shmem_writepage()}.
     */
    private Flow pageout(Ctx c, Pages p, int pfn) {
        if (!p.pageFlag(pfn, PageFlag.DIRTY)) {
            return c.yieldTo(REMOVE_MAPPING);
        }
        boolean swapCache = p.pageFlag(pfn, PageFlag.SWAPCACHE);
        boolean swapBacked = p.pageFlag(pfn, PageFlag.SWAPBACKED);
        if (!swapBacked && c.local(KSWAPD) == 0) {
            p.setPageFlag(pfn, PageFlag.RECLAIM);
            return keepLocked(c, pfn);
        }
        if (!swapCache && swapBacked) {
            return c.yieldTo(SHMEM_WRITEPAGE);
        }
        return c.yieldTo(CLEAR_DIRTY);
    }

    /**
     * {@code shmem_writepage()} (mm/shmem.c, Linux 4.9): the shmem page gets a swap slot, moves into the
     * swap cache and out of the file's page cache, whose slot keeps the swap entry (a reference on the
     * slot, {@code swap_shmem_alloc}); then it is written like an anonymous page
     * ({@code swap_writepage}). With no slot free it stays dirty and active. Context: page locked,
     * unmapped.
     */
    private Flow shmemWritepage(Ctx c, Pages p, int pfn) {
        if (p.pageMapped(pfn)) {
            return keepLocked(c, pfn);
        }
        int offset = swap.getSwapPage();
        if (offset == 0) {
            p.setPageFlag(pfn, PageFlag.ACTIVE);
            return keepLocked(c, pfn);
        }
        swap.addToSwapCache(pfn, offset);
        swap.swapDuplicate(offset);
        pageCache.replacePageWithSwapEntry(pfn, offset);
        lru.putPage(pfn);
        return c.yieldTo(CLEAR_DIRTY);
    }

    /**
     * The write itself ({@code pageout()} → {@code swap_writepage()} / {@code ->writepage()}) and what
     * {@code shrink_page_list()} does with its {@code PAGE_SUCCESS}: one step per atomic access.
     */
    private Flow writeout(Ctx c, Pages p, int pfn, int pc) {
        switch (pc) {
            case CLEAR_DIRTY -> {
                if (!p.testClearPageFlag(pfn, PageFlag.DIRTY)) {
                    return c.yieldTo(REMOVE_MAPPING);
                }
                return c.yieldTo(SET_RECLAIM);
            }
            case SET_RECLAIM -> {
                p.setPageFlag(pfn, PageFlag.RECLAIM);
                return c.yieldTo(SET_WRITEBACK);
            }
            case SET_WRITEBACK -> {
                writeback.setPageWriteback(pfn);
                return c.yieldTo(UNLOCK_FOR_SUBMIT);
            }
            case UNLOCK_FOR_SUBMIT -> {
                return c.call(unlockPage, UNLOCKED, pfn);
            }
            case UNLOCKED -> {
                return c.yieldTo(SUBMIT);
            }
            case SUBMIT -> {
                boolean swapOut = p.pageFlag(pfn, PageFlag.SWAPCACHE);
                int op = swapOut ? Bios.SWAP_WRITE : Bios.FILE_WRITE;
                int target = swapOut ? p.pagePrivate(pfn) : Bios.fileBlock(Mapping.target(p.mapping(pfn)), p.index(pfn));
                if (!bios.submit(op, pfn, target, -1)) {
                    return c.block(BlockKind.REQUEST_QUEUE, pfn, 0);
                }
                writeback.submitted(pfn);
                return c.yieldTo(WRITEBACK_CHECK);
            }
            case WRITEBACK_CHECK -> {
                // PAGE_SUCCESS: still under write-back, so keep it; the completion rotates it
                return p.pageFlag(pfn, PageFlag.WRITEBACK) ? c.ret(KEEP) : c.yieldTo(WRITEBACK_DONE);
            }
            case WRITEBACK_DONE -> {
                // the write already completed ("synchronous write or broken a_ops")
                p.clearPageFlag(pfn, PageFlag.RECLAIM);
                return c.yieldTo(DIRTY_CHECK);
            }
            case DIRTY_CHECK -> {
                return p.pageFlag(pfn, PageFlag.DIRTY) ? c.ret(KEEP) : c.yieldTo(RELOCK);
            }
            case RELOCK -> {
                if (!pageLock.trylockPage(pfn)) {
                    return c.ret(KEEP);
                }
                return c.yieldTo(RECHECK);
            }
            case RECHECK -> {
                int flags = p.flags(pfn);
                if ((flags & (PageFlag.DIRTY.mask() | PageFlag.WRITEBACK.mask())) != 0) {
                    return keepLocked(c, pfn);
                }
                return c.yieldTo(REMOVE_MAPPING);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 12, pc);
        }
    }

    /**
     * {@code __remove_mapping(mapping, page, true)}: under the mapping's {@code tree_lock}, freeze the
     * references at two (ours and the cache's), refuse a dirty page, and take the page out of the swap
     * cache or page cache; then the page is freed.
     */
    private Flow removeMapping(Ctx c, Pages p, int pfn) {
        boolean inCache = p.pageFlag(pfn, PageFlag.SWAPCACHE) || Mapping.isFile(p.mapping(pfn));
        if (!inCache && p.pageAnon(pfn) && !p.pageFlag(pfn, PageFlag.SWAPBACKED)) {
            return freeLazyfree(c, p, pfn);
        }
        if (!inCache) {
            if (p.pageCount(pfn) != 1 || p.pageMapped(pfn)) {
                return keepLocked(c, pfn);
            }
            pageLock.clearLockedNonAtomic(pfn);
            lru.putPage(pfn);
            return c.ret(FREED);
        }
        if (!p.pageRefFreeze(pfn, 2)) {
            return keepLocked(c, pfn);
        }
        if (p.pageFlag(pfn, PageFlag.DIRTY)) {
            p.pageRefUnfreeze(pfn, 2);
            return keepLocked(c, pfn);
        }
        if (p.pageFlag(pfn, PageFlag.SWAPCACHE)) {
            int offset = swap.deleteFromSwapCache(pfn);
            swap.swapcacheFree(offset);
        } else {
            pageCache.deleteFromPageCache(pfn);
        }
        pageLock.clearLockedNonAtomic(pfn);
        p.clearPageFlag(pfn, PageFlag.RECLAIM);
        p.clearPageFlag(pfn, PageFlag.REFERENCED);
        p.clearPageFlag(pfn, PageFlag.UPTODATE);
        p.clearPageFlag(pfn, PageFlag.SWAPBACKED);
        freePath.freePagesOk(pfn, 0);
        return c.ret(FREED);
    }

    /**
     * A lazily freed page ({@code MADV_FREE}, Linux 4.12) that {@code try_to_unmap()} discarded: freed if
     * the isolation's is the last reference ({@code page_ref_freeze(page, 1)}) and it is still clean.
     */
    private Flow freeLazyfree(Ctx c, Pages p, int pfn) {
        if (!p.pageRefFreeze(pfn, 1)) {
            return keepLocked(c, pfn);
        }
        if (p.pageFlag(pfn, PageFlag.DIRTY)) {
            p.pageRefUnfreeze(pfn, 1);
            return keepLocked(c, pfn);
        }
        pageLock.clearLockedNonAtomic(pfn);
        p.clearPageFlag(pfn, PageFlag.REFERENCED);
        freePath.freePagesOk(pfn, 0);
        return c.ret(FREED);
    }

    private Flow keepLocked(Ctx c, int pfn) {
        return c.call(unlockPage, KEEP_UNLOCKED, pfn);
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
