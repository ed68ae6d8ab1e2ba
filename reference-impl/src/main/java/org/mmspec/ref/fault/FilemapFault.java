package org.mmspec.ref.fault;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.PageBitWaits;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.DeleteFromSwapCache;
import org.mmspec.ref.pageref.FindGetPage;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code filemap_fault()} (mm/filemap.c, Linux 4.9) with {@code page_cache_read()}, action by action:
 * {@code find_get_page} ({@link FindGetPage}: the lockless lookup with its speculative reference and
 * reload); {@code lock_page_or_retry} ({@link LockPageOrRetry}: when the page is locked and the fault may
 * retry, {@code mmap_sem} is dropped, the fault waits for the page, puts it and returns {@code
 * VM_FAULT_RETRY}); the truncation and uptodate checks under the page lock (a truncated page is unlocked,
 * put and looked up again). On a miss, {@code page_cache_read()}: a new page, {@code __SetPageLocked},
 * {@code add_to_page_cache_locked} (its {@code tree_lock} insertion may find another page got there first:
 * the new page is dropped), the LRU insertion, {@code ->readpage()} — which submits the read: the I/O
 * completion context sets the page up to date and unlocks it — and {@code put_page}; then the lookup
 * again, whose {@code lock_page_or_retry} waits for the read. Readahead is not modelled.
 *
 * <p>A shmem file ({@code shmem_fault} → {@code shmem_getpage_gfp}, mm/shmem.c) reads a hole as zeroes,
 * with no I/O; a slot that holds a swap entry (its page was written out) brings the page back: look it up
 * in the swap cache or read it in ({@code shmem_swapin}: {@code swapcache_prepare}, a new locked page
 * in the swap cache and on the LRU, the read submitted), lock it ({@code lock_page}), wait for its
 * write-back, check it still caches that entry, then — under {@code tree_lock} — it replaces the entry in
 * the page cache ({@code shmem_add_to_page_cache}), leaves the swap cache ({@link DeleteFromSwapCache}), is
 * dirtied (its only copy is in memory now) and the entry's slot reference is dropped ({@code swap_free}).
 * {@code FileWrite} uses the same steps as {@code shmem_getpage()}. Context: {@code mmap_sem} for read;
 * may sleep on the page lock and allocate.
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
    /** shmem: the swap offset the page-cache slot holds, while the page is brought back. */
    private static final int OFFSET = 5;

    private static final String[] POINTS = {"find_get_page", "find_get_page:done", "lock_page", "lock_page:done",
        "page->mapping/PageUptodate", "unlock_page:done", "put_page", "retry_find", "page_cache_alloc",
        "page_cache_alloc:done", "add_to_page_cache_locked", "lru_cache_add", "readpage", "readpage:unlock_page",
        "unlock_page:done(read)", "put_page(read)", "shmem_getpage:radix_tree_lookup(swap)",
        "shmem_swapin:lookup_swap_cache", "shmem_swapin:lookup_swap_cache:done", "shmem_swapin:swap_map",
        "shmem_swapin:alloc_page:done", "shmem_swapin:swapcache_prepare", "shmem_swapin:__add_to_swap_cache",
        "shmem_swapin:lru_cache_add_anon", "shmem_swapin:swap_readpage", "shmem_getpage:lock_page",
        "shmem_getpage:lock_page:done", "shmem_getpage:wait_on_page_writeback",
        "shmem_getpage:wait_on_page_writeback:done", "shmem_add_to_page_cache", "delete_from_swap_cache:done",
        "set_page_dirty", "swap_free", "put_page(swapin retry)", "shmem_getpage:delete_from_swap_cache",
        "shmem_swapin:alloc_page", "lock_page_or_retry:failed put_page", "VM_FAULT_RETRY"};

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
    private static final int SHMEM_ENTRY = 16;
    private static final int SWAPIN = 17;
    private static final int SWAPIN_FOUND = 18;
    private static final int SWAPIN_SLOT = 19;
    private static final int SWAPIN_ALLOCATED = 20;
    private static final int SWAPIN_PREPARE = 21;
    private static final int SWAPIN_ADD = 22;
    private static final int SWAPIN_LRU = 23;
    private static final int SWAPIN_READ = 24;
    private static final int SWAPIN_LOCK = 25;
    private static final int SWAPIN_LOCKED = 26;
    private static final int SWAPIN_WAIT_WRITEBACK = 27;
    private static final int SWAPIN_WRITEBACK_DONE = 28;
    private static final int SWAPIN_REPLACE = 29;
    private static final int SWAPIN_DELETED = 30;
    private static final int SWAPIN_DIRTY = 31;
    private static final int SWAPIN_FREE = 32;
    private static final int SWAPIN_AGAIN = 33;
    private static final int SWAPIN_DELETE = 34;
    private static final int SWAPIN_ALLOC = 35;
    private static final int PUT_NOLOCK = 36;
    private static final int NOLOCK_DONE = 37;

    private final Pages pages;
    private final Lru lru;
    private final PageLock pageLock;
    private final PageCache pageCache;
    private final AllocPages allocPages;
    private final LockPageOrRetry lockPageOrRetry;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;
    private final FindGetPage findGetPage;
    private final PutPage putPage;
    private final Bios bios;
    private final Swap swap;
    private final Calls calls;

    /** The procedures shmem's swap-in calls. */
    public record Calls(PageBitWaits pageBitWaits, DeleteFromSwapCache deleteFromSwapCache) {
    }

    public FilemapFault(Pages pages, Lru lru, PageLock pageLock, PageCache pageCache, AllocPages allocPages,
            LockPageOrRetry lockPageOrRetry, LockPage lockPage, UnlockPage unlockPage, FindGetPage findGetPage,
            PutPage putPage, Bios bios, Swap swap, Calls calls) {
        super("filemap_fault", POINTS);
        this.pages = pages;
        this.lru = lru;
        this.pageLock = pageLock;
        this.pageCache = pageCache;
        this.allocPages = allocPages;
        this.lockPageOrRetry = lockPageOrRetry;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
        this.findGetPage = findGetPage;
        this.putPage = putPage;
        this.bios = bios;
        this.swap = swap;
        this.calls = calls;
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
                yield c.yieldTo(c.result() >= 0 ? LOCK : pageCache.kind(file) == FileKind.SHMEM ? SHMEM_ENTRY : ALLOC);
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
                if (pageCache.kind(file) == FileKind.SHMEM) {
                    // shmem_getpage_gfp(): a hole reads as zeroes, no I/O
                    pages.setData(page, 0);
                    pages.setPageFlag(page, PageFlag.UPTODATE);
                    yield c.yieldTo(READ_UNLOCK);
                }
                // ->readpage(): the read completes in the I/O context, which unlocks the page
                if (!bios.submit(Bios.FILE_READ, page, Bios.fileBlock(file, pgoff), -1)) {
                    yield c.block(BlockKind.REQUEST_QUEUE, page, 0);
                }
                c.released(LockClass.PAGE_LOCK);
                yield c.yieldTo(READ_PUT);
            }
            case READ_UNLOCK -> c.call(unlockPage, READ_UNLOCKED, page);
            default -> shmemSwapin(c, pc, file, pgoff, page);
        };
    }

    /** {@code shmem_getpage_gfp()} on a slot that may hold a swap entry ({@code shmem_swapin}). */
    private Flow shmemSwapin(Ctx c, int pc, int file, int pgoff, int page) {
        int offset = c.local(OFFSET);
        return switch (pc) {
            case SHMEM_ENTRY -> {
                int entry = pageCache.swapEntry(file, pgoff);
                c.set(OFFSET, entry);
                yield c.yieldTo(entry != 0 ? SWAPIN : ALLOC);
            }
            case SWAPIN -> c.call(findGetPage, SWAPIN_FOUND, -1, offset);
            case SWAPIN_FOUND -> {
                c.set(PAGE, c.result());
                yield c.yieldTo(c.result() >= 0 ? SWAPIN_LOCK : SWAPIN_SLOT);
            }
            case SWAPIN_SLOT -> c.yieldTo(swap.slotInUse(offset) ? SWAPIN_ALLOC : FIND);
            case SWAPIN_ALLOC -> c.call(allocPages, SWAPIN_ALLOCATED, Gfp.GFP_HIGHUSER_MOVABLE, 0);
            case SWAPIN_ALLOCATED -> {
                if (c.result() < 0) {
                    yield c.ret(-VmFault.VM_FAULT_OOM);
                }
                c.set(PAGE, c.result());
                yield c.yieldTo(SWAPIN_PREPARE);
            }
            case SWAPIN_PREPARE -> {
                int err = swap.swapcachePrepare(offset);
                yield err == 0 ? c.yieldTo(SWAPIN_ADD) : c.call(putPage, err == -17 ? SWAPIN_AGAIN : RETRY, page);
            }
            case SWAPIN_AGAIN -> c.yieldTo(SWAPIN);
            case SWAPIN_ADD -> {
                pageLock.setNewPageLocked(page);
                pages.setPageFlagNonAtomic(page, PageFlag.SWAPBACKED);
                swap.addToSwapCacheGet(page, offset);
                swap.addToSwapCacheInsert(page, offset);
                yield c.yieldTo(SWAPIN_LRU);
            }
            case SWAPIN_LRU -> {
                lru.lruCacheAdd(page);
                yield c.yieldTo(SWAPIN_READ);
            }
            case SWAPIN_READ -> {
                if (!bios.submit(Bios.SWAP_READ, page, offset, -1)) {
                    yield c.block(BlockKind.REQUEST_QUEUE, page, 0);
                }
                c.released(LockClass.PAGE_LOCK);
                yield c.yieldTo(SWAPIN_LOCK);
            }
            case SWAPIN_LOCK -> c.call(lockPage, SWAPIN_LOCKED, page, 0);
            case SWAPIN_LOCKED -> c.yieldTo(SWAPIN_WAIT_WRITEBACK);
            case SWAPIN_WAIT_WRITEBACK -> c.call(calls.pageBitWaits(), SWAPIN_WRITEBACK_DONE, page, PageFlag.WRITEBACK.bit());
            case SWAPIN_WRITEBACK_DONE -> c.yieldTo(SWAPIN_REPLACE);
            case SWAPIN_REPLACE -> {
                if (!pages.pageFlag(page, PageFlag.SWAPCACHE) || pages.pagePrivate(page) != offset
                        || !pageCache.replaceSwapEntryWithPage(file, pgoff, offset, page)) {
                    yield c.call(unlockPage, CHECK_UNLOCKED, page);
                }
                yield c.yieldTo(SWAPIN_DELETE);
            }
            case SWAPIN_DELETE -> c.call(calls.deleteFromSwapCache(), SWAPIN_DELETED, page);
            case SWAPIN_DELETED -> c.yieldTo(SWAPIN_DIRTY);
            case SWAPIN_DIRTY -> {
                pages.setPageFlag(page, PageFlag.DIRTY);
                yield c.yieldTo(SWAPIN_FREE);
            }
            case SWAPIN_FREE -> {
                swap.swapFree(offset);
                c.set(OFFSET, 0);
                yield c.ret(page);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 6, pc);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "file" + f.local(FILE) + " pgoff=" + f.local(PGOFF);
    }
}
