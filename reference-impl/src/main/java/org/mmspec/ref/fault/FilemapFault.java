package org.mmspec.ref.fault;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
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
 * {@code filemap_fault()} (mm/filemap.c, Linux 4.9) with {@code page_cache_read()} and a synchronous
 * {@code ->readpage()}, action by action: {@code find_get_page} ({@link FindGetPage}: the lockless
 * lookup with its speculative reference and reload); {@code lock_page_or_retry} ({@link LockPageOrRetry}:
 * when the page is locked and the fault may retry, {@code mmap_sem} is dropped, the fault waits for the
 * page, puts it and returns {@code VM_FAULT_RETRY}); the truncation and uptodate checks under the page
 * lock (a truncated page is unlocked, put and looked up again). On a miss, {@code page_cache_read()}: a
 * new page, {@code __SetPageLocked}, {@code add_to_page_cache_locked} (its {@code tree_lock} insertion may
 * find another page got there first: the new page is dropped), the LRU insertion, the read-in and
 * {@code SetPageUptodate}, {@code unlock_page}, {@code put_page} — then the lookup again. Readahead is not
 * modelled. Context: {@code mmap_sem} for read; may sleep on the page lock and allocate.
 *
 * <p>Arguments: file, pgoff, fault flags, mm. Returns the pfn (locked, with a reference;
 * {@code VM_FAULT_LOCKED}), or {@code -VM_FAULT_SIGBUS} beyond the end of the file, {@code -VM_FAULT_OOM},
 * {@code -VM_FAULT_RETRY} ({@code mmap_sem} released).
 */
public final class FilemapFault extends Procedure {

    private static final int FILE = 0;
    private static final int PGOFF = 1;
    private static final int FLAGS = 2;
    private static final int MM = 3;
    private static final int PAGE = 4;

    private static final String[] POINTS = {"find_get_page", "find_get_page:done", "lock_page", "lock_page:done",
        "page->mapping/PageUptodate", "unlock_page:done", "put_page", "retry_find", "page_cache_alloc",
        "page_cache_alloc:done", "add_to_page_cache_locked", "lru_cache_add", "readpage", "readpage:unlock_page",
        "unlock_page:done(read)", "put_page(read)", "lock_page_or_retry:failed put_page", "VM_FAULT_RETRY"};

    private static final int FIND = 0;
    private static final int FOUND = 1;
    private static final int LOCK = 2;
    private static final int LOCKED = 3;
    private static final int CHECK = 4;
    private static final int CHECK_UNLOCKED = 5;
    private static final int PUT_RETRY = 6;
    private static final int RETRY = 7;
    private static final int ALLOC = 8;
    private static final int ALLOCATED = 9;
    private static final int ADD = 10;
    private static final int LRU_ADD = 11;
    private static final int READPAGE = 12;
    private static final int READ_UNLOCK = 13;
    private static final int READ_UNLOCKED = 14;
    private static final int READ_PUT = 15;
    private static final int PUT_NOLOCK = 16;
    private static final int NOLOCK_DONE = 17;

    private final Pages pages;
    private final Lru lru;
    private final PageLock pageLock;
    private final PageCache pageCache;
    private final AllocPages allocPages;
    private final LockPageOrRetry lockPageOrRetry;
    private final UnlockPage unlockPage;
    private final FindGetPage findGetPage;
    private final PutPage putPage;

    public FilemapFault(Pages pages, Lru lru, PageLock pageLock, PageCache pageCache, AllocPages allocPages,
            LockPageOrRetry lockPageOrRetry, UnlockPage unlockPage, FindGetPage findGetPage, PutPage putPage) {
        super("filemap_fault", POINTS);
        this.pages = pages;
        this.lru = lru;
        this.pageLock = pageLock;
        this.pageCache = pageCache;
        this.allocPages = allocPages;
        this.lockPageOrRetry = lockPageOrRetry;
        this.unlockPage = unlockPage;
        this.findGetPage = findGetPage;
        this.putPage = putPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int file = c.local(FILE);
        int pgoff = c.local(PGOFF);
        int page = c.local(PAGE);
        return switch (pc) {
            case FIND -> pgoff >= pageCache.sizeInPages(file) ? c.ret(-VmFault.VM_FAULT_SIGBUS)
                    : c.call(findGetPage, FOUND, file, pgoff);
            case FOUND -> {
                c.set(PAGE, c.result());
                yield c.yieldTo(c.result() >= 0 ? LOCK : ALLOC);
            }
            case LOCK -> c.call(lockPageOrRetry, LOCKED, page, c.local(MM), c.local(FLAGS));
            case LOCKED -> c.yieldTo(c.result() != 0 ? CHECK : PUT_NOLOCK);
            case RETRY -> c.yieldTo(FIND);
            case PUT_NOLOCK -> c.call(putPage, NOLOCK_DONE, page);
            case NOLOCK_DONE -> c.ret(-VmFault.VM_FAULT_RETRY);
            case CHECK -> pageCache.fileOf(page) == file && pages.pageFlag(page, PageFlag.UPTODATE) ? c.ret(page)
                    : c.call(unlockPage, CHECK_UNLOCKED, page);
            case CHECK_UNLOCKED, READ_UNLOCKED -> c.yieldTo(pc == CHECK_UNLOCKED ? PUT_RETRY : READ_PUT);
            case PUT_RETRY, READ_PUT -> c.call(putPage, RETRY, page);
            case ALLOC -> c.call(allocPages, ALLOCATED, Gfp.GFP_HIGHUSER_MOVABLE, 0);
            case ALLOCATED -> {
                if (c.result() < 0) {
                    yield c.ret(-VmFault.VM_FAULT_OOM);
                }
                c.set(PAGE, c.result());
                yield c.yieldTo(ADD);
            }
            case ADD -> {
                pageLock.setNewPageLocked(page);
                if (!pageCache.addToPageCacheLocked(page, file, pgoff)) {
                    pageLock.clearLockedNonAtomic(page);
                    yield c.yieldTo(READ_PUT);
                }
                yield c.yieldTo(LRU_ADD);
            }
            case LRU_ADD -> {
                lru.lruCacheAdd(page);
                yield c.yieldTo(READPAGE);
            }
            case READPAGE -> {
                pageCache.readIn(file, pgoff, page);
                pages.setPageFlag(page, PageFlag.UPTODATE);
                yield c.yieldTo(READ_UNLOCK);
            }
            case READ_UNLOCK -> c.call(unlockPage, READ_UNLOCKED, page);
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 6, pc);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "file" + f.local(FILE) + " pgoff=" + f.local(PGOFF);
    }
}
