package org.mmspec.ref.unmap;

import org.mmspec.ref.Kernel;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code truncate_inode_pages_range()} / {@code shmem_undo_range()} (mm/truncate.c, mm/shmem.c) as a
 * hole punch: for each offset of {@code [first, last)}, find and lock the page-cache page, take it out
 * of the cache ({@code delete_from_page_cache}, dropping its dirty state: the data is discarded) and
 * release it; the file reads back zeroes there. A page a racing fault mapped again after the caller's
 * {@code unmap_mapping_range()} is unmapped once more under its page lock first, as
 * {@code truncate_inode_page()} does when {@code page_mapped(page)}. Context: process; the pages were
 * unmapped first.
 *
 * <p>Arguments: file, first, last (exclusive).
 */
public final class TruncateRange extends Procedure {

    public static final TruncateRange INSTANCE = new TruncateRange();

    private static final int FILE = 0;
    private static final int FIRST = 1;
    private static final int LAST = 2;
    private static final int INDEX = 3;
    private static final int PAGE = 4;

    private static final int START = 0;
    private static final int FIND = 1;
    private static final int LOCKED = 2;
    private static final int UNLOCKED = 3;

    private TruncateRange() {
        super("truncate_inode_pages_range", "start", "find_lock_page", "delete_from_page_cache", "put_page");
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Kernel k = c.k();
        PageCache cache = k.pageCache();
        Pages p = k.pages();
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
                int page = cache.findGetPage(file, index);
                if (page < 0) {
                    punch(cache, file, index);
                    c.set(INDEX, index + 1);
                    return c.next(FIND);
                }
                c.set(PAGE, page);
                return c.call(LockPage.INSTANCE, LOCKED, page, 0);
            }
            case LOCKED -> {
                int page = c.local(PAGE);
                if (p.mapping(page) == Mapping.file(file) && p.pageMapped(page)) {
                    return c.call(UnmapMappingRange.INSTANCE, LOCKED, file, c.local(INDEX), c.local(INDEX) + 1);
                }
                if (p.mapping(page) == Mapping.file(file)) {
                    p.clearPageFlag(page, PageFlag.DIRTY);
                    cache.deleteFromPageCache(page);
                    k.lru().putPage(page);
                    punch(cache, file, c.local(INDEX));
                }
                return c.call(UnlockPage.INSTANCE, UNLOCKED, page);
            }
            case UNLOCKED -> {
                k.lru().putPage(c.local(PAGE));
                c.set(INDEX, c.local(INDEX) + 1);
                return c.yieldTo(FIND);
            }
            default -> throw k.bug(org.mmspec.ref.sync.OopsKind.MODEL_MISUSE, 25, pc);
        }
    }

    private static void punch(PageCache cache, int file, int index) {
        cache.writeDisk(file, index, 0);
        cache.setLogical(file, index, 0);
    }

    @Override
    protected String detail(FrameView f) {
        return "file" + f.local(FILE) + " index=" + f.local(INDEX);
    }
}
