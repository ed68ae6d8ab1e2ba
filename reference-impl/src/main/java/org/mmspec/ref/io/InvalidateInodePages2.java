package org.mmspec.ref.io;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.PageBitWaits;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.FindGetPage;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.unmap.UnmapMappingRange;

/**
 * {@code invalidate_inode_pages2_range()} (mm/truncate.c, Linux 4.9) for one page, as a direct write does
 * before it writes the file: find and lock the page-cache page, wait for write-back in flight
 * ({@code wait_on_page_writeback()}, page locked), unmap it from every process
 * ({@code unmap_mapping_range}), and take it out of the page cache unless it is dirty again
 * ({@code invalidate_complete_page2}, under {@code tree_lock}: {@code -EBUSY}), dropping the cache's
 * reference; unlock and put it. Context: process; may sleep.
 *
 * <p>Arguments: file, page index. Returns 0 or {@code -EBUSY}.
 */
public final class InvalidateInodePages2 extends Procedure {

    public static final int EBUSY = -16;

    private static final int FILE = 0;
    private static final int INDEX = 1;
    private static final int PAGE = 2;
    private static final int RET = 3;

    private static final int FIND = 0;
    private static final int FOUND = 1;
    private static final int LOCK = 2;
    private static final int LOCKED = 3;
    private static final int WAIT_WRITEBACK = 4;
    private static final int WAITED = 5;
    private static final int UNMAPPED = 6;
    private static final int COMPLETE = 7;
    private static final int UNLOCK = 8;
    private static final int UNLOCKED = 9;
    private static final int PUT = 10;
    private static final int PUT_CACHE_REF = 11;
    private static final int MAPPED = 12;
    private static final int CACHE_PUT = 13;
    private static final int RETURN = 14;

    private final Pages pages;
    private final PageCache pageCache;
    private final FindGetPage findGetPage;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;
    private final PageBitWaits pageBitWaits;
    private final UnmapMappingRange unmapMappingRange;
    private final PutPage putPage;

    public InvalidateInodePages2(Pages pages, PageCache pageCache, FindGetPage findGetPage, LockPage lockPage,
            UnlockPage unlockPage, PageBitWaits pageBitWaits, UnmapMappingRange unmapMappingRange, PutPage putPage) {
        super("invalidate_inode_pages2_range", "find_get_entries", "find_get_entries:done", "lock_page",
                "lock_page:done", "wait_on_page_writeback", "wait_on_page_writeback:done", "unmap_mapping_range:done",
                "invalidate_complete_page2", "unlock_page", "unlock_page:done", "put_page", "put_page:page_cache_ref", "page_mapped",
                "put_page:page_cache_ref:done", "return");
        this.pages = pages;
        this.pageCache = pageCache;
        this.findGetPage = findGetPage;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
        this.pageBitWaits = pageBitWaits;
        this.unmapMappingRange = unmapMappingRange;
        this.putPage = putPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int file = c.local(FILE);
        int index = c.local(INDEX);
        int page = c.local(PAGE) - 1;
        switch (pc) {
            case FIND -> {
                return c.call(findGetPage, FOUND, file, index);
            }
            case FOUND -> {
                if (c.result() < 0) {
                    return c.ret(0);
                }
                c.set(PAGE, c.result() + 1);
                return c.yieldTo(LOCK);
            }
            case LOCK -> {
                return c.call(lockPage, LOCKED, page, 0);
            }
            case LOCKED -> {
                return c.yieldTo(pages.mapping(page) == Mapping.file(file) ? WAIT_WRITEBACK : UNLOCK);
            }
            case WAIT_WRITEBACK -> {
                return c.call(pageBitWaits, WAITED, page, PageFlag.WRITEBACK.bit());
            }
            case WAITED -> {
                return c.yieldTo(MAPPED);
            }
            case MAPPED -> {
                if (pages.pageMapped(page)) {
                    return c.call(unmapMappingRange, UNMAPPED, file, index, index + 1);
                }
                return c.yieldTo(COMPLETE);
            }
            case UNMAPPED -> {
                return c.yieldTo(COMPLETE);
            }
            case COMPLETE -> {
                return invalidateCompletePage2(c, file, page);
            }
            case PUT_CACHE_REF -> {
                return c.call(putPage, CACHE_PUT, page);
            }
            case CACHE_PUT -> {
                return c.yieldTo(UNLOCK);
            }
            case UNLOCK -> {
                return c.call(unlockPage, UNLOCKED, page);
            }
            case UNLOCKED -> {
                return c.yieldTo(PUT);
            }
            case PUT -> {
                return c.call(putPage, RETURN, page);
            }
            case RETURN -> {
                return c.ret(c.local(RET));
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 46, pc);
        }
    }

    /**
     * {@code invalidate_complete_page2()} (mm/truncate.c, Linux 4.9): under the mapping's {@code tree_lock}, a dirty
     * page is refused ({@code -EBUSY}, left in the cache); any other leaves the page cache, whose reference
     * is put next. Context: page locked, unmapped.
     */
    private Flow invalidateCompletePage2(Ctx c, int file, int page) {
        pageCache.treeLock(file);
        boolean dirty = pages.pageFlag(page, PageFlag.DIRTY);
        if (!dirty) {
            pageCache.deleteFromPageCache(page);
        }
        pageCache.treeUnlock(file);
        if (dirty) {
            c.set(RET, EBUSY);
            return c.yieldTo(UNLOCK);
        }
        return c.yieldTo(PUT_CACHE_REF);
    }

    @Override
    protected String detail(FrameView f) {
        return "file" + f.local(FILE) + " index=" + f.local(INDEX);
    }
}
