package org.mmspec.ref.unmap;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.PageBitWaits;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.FindGetPage;
import org.mmspec.ref.pageref.FreeSwapAndCache;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code truncate_inode_pages_range()} / {@code shmem_undo_range()} (mm/truncate.c, mm/shmem.c, Linux 4.9)
 * as a hole punch, action by action: for each offset of {@code [first, last)}, find the page-cache page
 * ({@link FindGetPage}) and lock it; wait for its write-back ({@code wait_on_page_writeback()}, as the
 * second pass of {@code truncate_inode_pages_range()} does: its I/O must not complete into a page no longer
 * in the file); a page a racing fault mapped again after the caller's {@code
 * unmap_mapping_range()} is unmapped once more under its page lock, as {@code truncate_inode_page()} does
 * when {@code page_mapped(page)}; {@code cancel_dirty_page} (the data is discarded); {@code
 * __delete_from_page_cache} under {@code tree_lock}; the cache's reference dropped; {@code unlock_page};
 * the lookup's reference dropped. The file reads back zeroes there. A shmem offset whose page was written
 * out to swap holds the swap entry instead of a page: the entry leaves the cache under {@code tree_lock}
 * and its slot is freed ({@code shmem_free_swap}, {@link FreeSwapAndCache}). Context: process; the pages were
 * unmapped first.
 *
 * <p>Arguments: file, first, last (exclusive).
 */
public final class TruncateRange extends Procedure {

    private static final int FILE = 0;
    private static final int FIRST = 1;
    private static final int LAST = 2;
    private static final int INDEX = 3;
    private static final int PAGE = 4;

    private static final int FIND = 0;
    private static final int FOUND = 1;
    private static final int HOLE = 2;
    private static final int LOCK = 3;
    private static final int LOCKED = 4;
    private static final int CHECK = 5;
    private static final int UNMAP = 6;
    private static final int UNMAPPED = 7;
    private static final int CANCEL_DIRTY = 8;
    private static final int DELETE = 9;
    private static final int PUT_CACHE = 10;
    private static final int CACHE_PUT = 11;
    private static final int UNLOCK = 12;
    private static final int UNLOCKED = 13;
    private static final int PUT = 14;
    private static final int NEXT = 15;
    private static final int WAIT_WRITEBACK = 16;
    private static final int SWAP_FREED = 17;
    private static final int WAITED = 18;

    private final Pages pages;
    private final PageCache pageCache;
    private final FindGetPage findGetPage;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;
    private final PutPage putPage;
    private final UnmapMappingRange unmapMappingRange;
    private final PageBitWaits pageBitWaits;
    private final FreeSwapAndCache freeSwapAndCache;

    public TruncateRange(Pages pages, PageCache pageCache, FindGetPage findGetPage, LockPage lockPage,
            UnlockPage unlockPage, PutPage putPage, UnmapMappingRange unmapMappingRange, PageBitWaits pageBitWaits,
            FreeSwapAndCache freeSwapAndCache) {
        super("truncate_inode_pages_range", "find_get_page", "find_get_page:done", "hole", "lock_page",
                "lock_page:done", "page_mapped", "unmap_mapping_range", "unmap_mapping_range:done", "cancel_dirty_page",
                "__delete_from_page_cache", "put_page(cache)", "put_page(cache):done", "unlock_page",
                "unlock_page:done", "put_page", "next", "wait_on_page_writeback", "shmem_free_swap:done",
                "wait_on_page_writeback:done");
        this.pages = pages;
        this.pageCache = pageCache;
        this.findGetPage = findGetPage;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
        this.putPage = putPage;
        this.unmapMappingRange = unmapMappingRange;
        this.pageBitWaits = pageBitWaits;
        this.freeSwapAndCache = freeSwapAndCache;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int file = c.local(FILE);
        int index = c.local(INDEX);
        int page = c.local(PAGE);
        return switch (pc) {
            case FIND -> {
                if (index < c.local(FIRST)) {
                    c.set(INDEX, c.local(FIRST));
                    yield c.next(FIND);
                }
                yield index >= c.local(LAST) ? c.ret(0) : c.call(findGetPage, FOUND, file, index);
            }
            case FOUND -> {
                c.set(PAGE, c.result());
                yield c.yieldTo(c.result() < 0 ? HOLE : LOCK);
            }
            case HOLE -> {
                int offset = pageCache.takeSwapEntry(file, index);
                if (offset != 0) {
                    yield c.call(freeSwapAndCache, SWAP_FREED, offset);
                }
                pageCache.punchHole(file, index);
                c.set(INDEX, index + 1);
                yield c.next(FIND);
            }
            case LOCK -> c.call(lockPage, LOCKED, page, 0);
            case LOCKED -> c.yieldTo(WAIT_WRITEBACK);
            case WAIT_WRITEBACK -> c.call(pageBitWaits, WAITED, page, PageFlag.WRITEBACK.bit());
            case WAITED -> c.yieldTo(CHECK);
            case SWAP_FREED -> {
                pageCache.punchHole(file, index);
                c.set(INDEX, index + 1);
                yield c.yieldTo(FIND);
            }
            case CHECK -> {
                if (pages.mapping(page) != Mapping.file(file)) {
                    yield c.next(UNLOCK);
                }
                yield c.yieldTo(pages.pageMapped(page) ? UNMAP : CANCEL_DIRTY);
            }
            case UNMAP -> c.call(unmapMappingRange, UNMAPPED, file, index, index + 1);
            case UNMAPPED -> c.yieldTo(CANCEL_DIRTY);
            case CANCEL_DIRTY -> {
                pages.clearPageFlag(page, PageFlag.DIRTY);
                yield c.yieldTo(DELETE);
            }
            case DELETE -> {
                pageCache.deleteFromPageCacheUnderTreeLock(page);
                pageCache.punchHole(file, index);
                yield c.yieldTo(PUT_CACHE);
            }
            case PUT_CACHE -> c.call(putPage, CACHE_PUT, page);
            case CACHE_PUT -> c.yieldTo(UNLOCK);
            case UNLOCK -> c.call(unlockPage, UNLOCKED, page);
            case UNLOCKED -> c.yieldTo(PUT);
            case PUT -> c.call(putPage, NEXT, page);
            case NEXT -> {
                c.set(INDEX, index + 1);
                yield c.yieldTo(FIND);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 25, pc);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "file" + f.local(FILE) + " index=" + f.local(INDEX);
    }
}
