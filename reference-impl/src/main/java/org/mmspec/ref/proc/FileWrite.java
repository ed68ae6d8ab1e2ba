package org.mmspec.ref.proc;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.fault.FilemapFault;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagecache.FindGetPage;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code write(2)} of one page's worth into a file: {@code generic_perform_write()} (mm/filemap.c)
 * with {@code grab_cache_page_write_begin()} — find the page-cache page and lock it, or add a new
 * locked one (read from disk first, as a partial write would) — copy the data, mark it dirty
 * ({@code set_page_dirty}), unlock and release. Writes within the current size only. Context: process.
 *
 * <p>Arguments: file, page index, value. Returns 0, or {@code -ENOMEM}/{@code -EFBIG} (-27).
 */
public final class FileWrite extends Procedure {

    private static final int FILE = 0;
    private static final int INDEX = 1;
    private static final int VALUE = 2;
    private static final int PAGE = 3;

    private static final int FIND = 0;
    private static final int ALLOCATED = 1;
    private static final int LOCKED = 2;
    private static final int UNLOCKED = 3;
    private static final int RETRY = 4;
    private static final int FOUND = 5;
    private static final int LOCK = 6;
    private static final int ALLOC = 7;
    private static final int SHMEM_GOT = 8;

    private final Pages pages;
    private final Lru lru;
    private final PageLock pageLock;
    private final PageCache pageCache;
    private final AllocPages allocPages;
    private final FindGetPage findGetPage;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;
    private final FilemapFault shmemGetpage;

    public FileWrite(Pages pages, Lru lru, PageLock pageLock, PageCache pageCache, AllocPages allocPages,
            FindGetPage findGetPage, LockPage lockPage, UnlockPage unlockPage, FilemapFault shmemGetpage) {
        super("generic_perform_write", "find_get_page", "add_to_page_cache_lru", "copy_from_user", "unlock_page:done", "retry",
                "find_get_page:done", "lock_page", "page_cache_alloc", "shmem_getpage:done");
        this.pages = pages;
        this.lru = lru;
        this.pageLock = pageLock;
        this.pageCache = pageCache;
        this.allocPages = allocPages;
        this.findGetPage = findGetPage;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
        this.shmemGetpage = shmemGetpage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        PageCache cache = pageCache;
        Pages p = pages;
        int file = c.local(FILE);
        int index = c.local(INDEX);
        switch (pc) {
            case FIND -> {
                if (index < 0 || index >= cache.sizeInPages(file)) {
                    return c.ret(-27);
                }
                if (cache.kind(file) == FileKind.SHMEM) {
                    // shmem_write_begin() -> shmem_getpage(): the page, swapped back in if need be, locked
                    return c.call(shmemGetpage, SHMEM_GOT, file, index);
                }
                return c.call(findGetPage, FOUND, file, index);
            }
            case SHMEM_GOT -> {
                int page = c.result();
                if (page < 0) {
                    return c.ret(-12);
                }
                c.set(PAGE, page);
                return c.yieldTo(LOCKED);
            }
            case FOUND -> {
                int page = c.result();
                if (page < 0) {
                    return c.yieldTo(ALLOC);
                }
                c.set(PAGE, page);
                return c.yieldTo(LOCK);
            }
            case LOCK -> {
                return c.call(lockPage, LOCKED, c.local(PAGE), 0);
            }
            case ALLOC -> {
                return c.call(allocPages, ALLOCATED, Gfp.GFP_KERNEL, 0);
            }
            case ALLOCATED -> {
                int page = c.result();
                if (page < 0) {
                    return c.ret(-12);
                }
                pageLock.setNewPageLocked(page);
                if (!cache.addToPageCacheLru(page, file, index)) {
                    pageLock.clearLockedNonAtomic(page);
                    lru.putPage(page);
                    return c.yieldTo(FIND);
                }
                p.setData(page, cache.disk(file, index));
                p.setPageFlag(page, PageFlag.UPTODATE);
                c.set(PAGE, page);
                return c.yieldTo(LOCKED);
            }
            case LOCKED -> {
                int page = c.local(PAGE);
                if (p.mapping(page) != org.mmspec.ref.mem.Mapping.file(file)) {
                    return c.call(unlockPage, RETRY, page);
                }
                p.setData(page, c.local(VALUE));
                p.setPageFlag(page, PageFlag.DIRTY);
                cache.setLogical(file, index, c.local(VALUE));
                return c.call(unlockPage, UNLOCKED, page);
            }
            case UNLOCKED -> {
                lru.putPage(c.local(PAGE));
                return c.ret(0);
            }
            case RETRY -> {
                lru.putPage(c.local(PAGE));
                return c.yieldTo(FIND);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 22, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "file" + f.local(FILE) + " index=" + f.local(INDEX) + " value=" + f.local(VALUE);
    }
}
