package org.mmspec.ref.unmap;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagecache.FindGetPage;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.PageBitWaits;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code truncate_inode_pages_range()} / {@code shmem_undo_range()} (mm/truncate.c, mm/shmem.c) as a
 * hole punch: for each offset of {@code [first, last)}, find and lock the page-cache page, take it out
 * of the cache ({@code delete_from_page_cache}, dropping its dirty state: the data is discarded) and
 * release it; the file reads back zeroes there. A page under write-back is waited for first, with the
 * page locked ({@code wait_on_page_writeback()}, as the second pass of 4.x
 * {@code truncate_inode_pages_range()} does): its I/O must not complete into a page no longer in the file. A page a racing fault mapped again after the caller's
 * {@code unmap_mapping_range()} is unmapped once more under its page lock first, as
 * {@code truncate_inode_page()} does when {@code page_mapped(page)}. Context: process; the pages were
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

    private static final int START = 0;
    private static final int FIND = 1;
    private static final int LOCKED = 2;
    private static final int UNLOCKED = 3;
    private static final int WAIT_WRITEBACK = 4;
    private static final int WAITED = 5;
    private static final int TRUNCATE = 6;
    private static final int FOUND = 7;
    private static final int LOCK = 8;

    private final Pages pages;
    private final Lru lru;
    private final PageCache pageCache;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;
    private final UnmapMappingRange unmapMappingRange;
    private final PageBitWaits pageBitWaits;
    private final FindGetPage findGetPage;
    private final Swap swap;

    public TruncateRange(Pages pages, Lru lru, PageCache pageCache, LockPage lockPage, UnlockPage unlockPage,
            UnmapMappingRange unmapMappingRange, PageBitWaits pageBitWaits, FindGetPage findGetPage, Swap swap) {
        super("truncate_inode_pages_range", "start", "find_lock_page", "lock_page:done", "put_page",
                "wait_on_page_writeback", "wait_on_page_writeback:done", "truncate_inode_page", "find_get_page:done",
                "lock_page");
        this.pages = pages;
        this.lru = lru;
        this.pageCache = pageCache;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
        this.unmapMappingRange = unmapMappingRange;
        this.pageBitWaits = pageBitWaits;
        this.findGetPage = findGetPage;
        this.swap = swap;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        PageCache cache = pageCache;
        Pages p = pages;
        int file = c.local(FILE);
        switch (pc) {
            case START -> {
                c.set(INDEX, c.local(FIRST));
                return c.next(FIND);
            }
            case FIND -> {
                int index = c.local(INDEX);
                if (index >= c.local(LAST)) {
                    return c.ret(0);
                }
                return c.call(findGetPage, FOUND, file, index);
            }
            case FOUND -> {
                int page = c.result();
                if (page < 0) {
                    int offset = cache.swapEntry(file, c.local(INDEX));
                    if (offset != 0 && cache.clearSwapEntry(file, c.local(INDEX), offset)) {
                        // shmem_undo_range() -> shmem_free_swap(): the written-out page's slot goes too
                        swap.freeSwapAndCache(offset);
                    }
                    punch(cache, file, c.local(INDEX));
                    c.set(INDEX, c.local(INDEX) + 1);
                    return c.yieldTo(FIND);
                }
                c.set(PAGE, page);
                return c.yieldTo(LOCK);
            }
            case LOCK -> {
                return c.call(lockPage, LOCKED, c.local(PAGE), 0);
            }
            case LOCKED -> {
                int page = c.local(PAGE);
                if (p.mapping(page) == Mapping.file(file) && p.pageMapped(page)) {
                    return c.call(unmapMappingRange, LOCKED, file, c.local(INDEX), c.local(INDEX) + 1);
                }
                if (p.mapping(page) == Mapping.file(file)) {
                    return c.yieldTo(WAIT_WRITEBACK);
                }
                return c.call(unlockPage, UNLOCKED, page);
            }
            case WAIT_WRITEBACK -> {
                return c.call(pageBitWaits, WAITED, c.local(PAGE), PageFlag.WRITEBACK.bit());
            }
            case WAITED -> {
                return c.yieldTo(TRUNCATE);
            }
            case TRUNCATE -> {
                int page = c.local(PAGE);
                if (p.mapping(page) == Mapping.file(file)) {
                    p.clearPageFlag(page, PageFlag.DIRTY);
                    cache.deleteFromPageCache(page);
                    lru.putPage(page);
                    punch(cache, file, c.local(INDEX));
                }
                return c.call(unlockPage, UNLOCKED, page);
            }
            case UNLOCKED -> {
                lru.putPage(c.local(PAGE));
                c.set(INDEX, c.local(INDEX) + 1);
                return c.yieldTo(FIND);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 25, pc);
        }
    }

    private void punch(PageCache cache, int file, int index) {
        cache.writeDisk(file, index, 0);
        cache.setLogical(file, index, 0);
    }

    @Override
    protected String detail(FrameView f) {
        return "file" + f.local(FILE) + " index=" + f.local(INDEX);
    }
}
