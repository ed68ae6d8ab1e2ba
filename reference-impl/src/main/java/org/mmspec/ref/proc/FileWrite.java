package org.mmspec.ref.proc;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.fault.FilemapFault;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.FindGetPage;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code write(2)} of one page's worth into a file: {@code generic_perform_write()} (mm/filemap.c,
 * Linux 4.9) with {@code grab_cache_page_write_begin()} → {@code pagecache_get_page(FGP_LOCK | FGP_CREAT)},
 * action by action: find the page-cache page ({@link FindGetPage}) and lock it (gone from the file
 * meanwhile: unlock, put, look again), or add a new locked one ({@code add_to_page_cache_lru}: the cache
 * under {@code tree_lock}, then the LRU; another page got there first: put it, look again) and read it
 * from disk first, as a partial write would ({@code SetPageUptodate}); {@code copy_from_user} into it;
 * {@code set_page_dirty}; {@code unlock_page}; {@code put_page}. A shmem file's page comes from {@code
 * shmem_write_begin()} → {@code shmem_getpage()} ({@link FilemapFault} in its {@code shmem_getpage} mode:
 * found, swapped back in, or a new zeroed page — locked). Writes within the current size only.
 * Context: process.
 *
 * <p>Arguments: file, page index, value. Returns 0, or {@code -ENOMEM}/{@code -EFBIG} (-27).
 */
public final class FileWrite extends Procedure {

    private static final int FILE = 0;
    private static final int INDEX = 1;
    private static final int VALUE = 2;
    private static final int PAGE = 3;

    private static final int FIND = 0;
    private static final int FOUND = 1;
    private static final int LOCK = 2;
    private static final int LOCKED = 3;
    private static final int CHECK = 4;
    private static final int ALLOC = 5;
    private static final int ALLOCATED = 6;
    private static final int ADD = 7;
    private static final int LRU_ADD = 8;
    private static final int READ = 9;
    private static final int COPY = 10;
    private static final int DIRTY = 11;
    private static final int UNLOCK = 12;
    private static final int UNLOCKED = 13;
    private static final int PUT = 14;
    private static final int DONE = 15;
    private static final int RETRY_UNLOCKED = 16;
    private static final int RETRY_PUT = 17;
    private static final int REPEAT = 18;
    private static final int SHMEM_GOT = 19;

    private final Pages pages;
    private final Lru lru;
    private final PageLock pageLock;
    private final PageCache pageCache;
    private final Calls calls;

    /** The procedures the write calls. */
    public record Calls(AllocPages allocPages, FindGetPage findGetPage, LockPage lockPage, UnlockPage unlockPage,
            PutPage putPage, FilemapFault shmemGetpage) {
    }

    public FileWrite(Pages pages, Lru lru, PageLock pageLock, PageCache pageCache, Calls calls) {
        super("generic_perform_write", "find_get_page", "find_get_page:done", "lock_page", "lock_page:done",
                "page->mapping check", "__page_cache_alloc", "__page_cache_alloc:done", "add_to_page_cache_locked",
                "lru_cache_add", "readpage", "copy_from_user", "set_page_dirty", "unlock_page", "unlock_page:done",
                "put_page", "return", "unlock_page:done(retry)", "put_page(retry)", "repeat",
                "shmem_getpage:done");
        this.pages = pages;
        this.lru = lru;
        this.pageLock = pageLock;
        this.pageCache = pageCache;
        this.calls = calls;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        PageCache cache = pageCache;
        int file = c.local(FILE);
        int index = c.local(INDEX);
        int page = c.local(PAGE);
        return switch (pc) {
            case FIND -> index < 0 || index >= cache.sizeInPages(file) ? c.ret(-27)
                    : cache.kind(file) == FileKind.SHMEM ? c.call(calls.shmemGetpage(), SHMEM_GOT, file, index)
                    : c.call(calls.findGetPage(), FOUND, file, index);
            case SHMEM_GOT -> {
                c.set(PAGE, c.result());
                yield c.result() < 0 ? c.ret(-12) : c.yieldTo(COPY);
            }
            case FOUND -> {
                c.set(PAGE, c.result());
                yield c.yieldTo(c.result() >= 0 ? LOCK : ALLOC);
            }
            case LOCK -> c.call(calls.lockPage(), LOCKED, page, 0);
            case LOCKED -> c.yieldTo(CHECK);
            case CHECK -> pages.mapping(page) != Mapping.file(file) ? c.call(calls.unlockPage(), RETRY_UNLOCKED, page)
                    : c.next(COPY);
            case RETRY_UNLOCKED -> c.yieldTo(RETRY_PUT);
            case RETRY_PUT -> c.call(calls.putPage(), REPEAT, page);
            case REPEAT -> c.yieldTo(FIND);
            case ALLOC -> c.call(calls.allocPages(), ALLOCATED, Gfp.GFP_KERNEL, 0);
            case ALLOCATED -> {
                c.set(PAGE, c.result());
                yield c.result() < 0 ? c.ret(-12) : c.yieldTo(ADD);
            }
            case ADD -> {
                pageLock.setNewPageLocked(page);
                if (!cache.addToPageCacheLocked(page, file, index)) {
                    pageLock.clearLockedNonAtomic(page);
                    yield c.yieldTo(RETRY_PUT);
                }
                yield c.yieldTo(LRU_ADD);
            }
            case LRU_ADD -> {
                lru.lruCacheAdd(page);
                yield c.yieldTo(READ);
            }
            case READ -> {
                cache.readIn(file, index, page);
                pages.setPageFlag(page, PageFlag.UPTODATE);
                yield c.yieldTo(COPY);
            }
            default -> write(c, pc, page);
        };
    }

    private Flow write(Ctx c, int pc, int page) {
        return switch (pc) {
            case COPY -> {
                pages.setData(page, c.local(VALUE));
                pageCache.recordLogical(c.local(FILE), c.local(INDEX), c.local(VALUE));
                yield c.yieldTo(DIRTY);
            }
            case DIRTY -> {
                pages.setPageFlag(page, PageFlag.DIRTY);
                yield c.yieldTo(UNLOCK);
            }
            case UNLOCK -> c.call(calls.unlockPage(), UNLOCKED, page);
            case UNLOCKED -> c.yieldTo(PUT);
            case PUT -> c.call(calls.putPage(), DONE, page);
            case DONE -> c.ret(0);
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 22, pc);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "file" + f.local(FILE) + " index=" + f.local(INDEX) + " value=" + f.local(VALUE);
    }
}
