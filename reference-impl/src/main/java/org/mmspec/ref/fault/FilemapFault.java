package org.mmspec.ref.fault;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagecache.FindGetPage;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.PageBitWaits;
import org.mmspec.ref.pagelock.UnlockPage;
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
 * {@code filemap_fault()} (mm/filemap.c) with {@code page_cache_read()}: finds the page-cache page of
 * {@code pgoff} (if absent, a new locked page goes into the cache and {@code ->readpage()} submits the
 * read, which the I/O completion context finishes by setting {@code PG_uptodate} and unlocking it; the
 * fault then looks the page up again), locks it — waiting for the read — and rechecks that it was not
 * truncated meanwhile. Context:
 * {@code mmap_sem} for read; may sleep on the page lock and allocate.
 *
 * <p>Arguments: file, pgoff. Returns the pfn (locked, with a reference; {@code VM_FAULT_LOCKED}), or
 * {@code -VM_FAULT_SIGBUS} beyond the end of the file, {@code -VM_FAULT_OOM}.
 */
public final class FilemapFault extends Procedure {

    private static final int FILE = 0;
    private static final int PGOFF = 1;
    private static final int PAGE = 2;
    /** shmem: the swap offset the page-cache slot holds, while the page is brought back. */
    private static final int OFFSET = 3;

    private static final int FIND = 0;
    private static final int ALLOCATED = 1;
    private static final int READPAGE = 2;
    private static final int READ_DONE = 3;
    private static final int LOCKED = 4;
    private static final int RETRY_UNLOCKED = 5;
    private static final int FOUND = 6;
    private static final int LOCK = 7;
    private static final int ALLOC = 8;
    private static final int SWAPIN = 9;
    private static final int SWAPIN_ALLOCATED = 10;
    private static final int SWAPIN_READ = 11;
    private static final int SWAPIN_LOCK = 12;
    private static final int SWAPIN_LOCKED = 13;
    private static final int SWAPIN_WAIT_WRITEBACK = 14;
    private static final int SWAPIN_WRITEBACK_DONE = 15;
    private static final int SWAPIN_REPLACE = 16;

    private final Pages pages;
    private final Lru lru;
    private final PageLock pageLock;
    private final PageCache pageCache;
    private final Bios bios;
    private final AllocPages allocPages;
    private final FindGetPage findGetPage;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;
    private final Swap swap;
    private final PageBitWaits pageBitWaits;

    public FilemapFault(Pages pages, Lru lru, PageLock pageLock, PageCache pageCache, Bios bios, AllocPages allocPages,
            FindGetPage findGetPage, LockPage lockPage, UnlockPage unlockPage, Swap swap, PageBitWaits pageBitWaits) {
        super("filemap_fault", "find_get_page", "add_to_page_cache_lru", "readpage", "page_cache_read_done",
                "lock_page_checked", "retry_find", "find_get_page:done", "lock_page", "page_cache_read:alloc",
                "shmem_swapin:lookup_swap_cache", "shmem_swapin:read_swap_cache_async", "shmem_swapin:swap_readpage",
                "shmem_getpage:lock_page", "shmem_getpage:lock_page:done", "shmem_getpage:wait_on_page_writeback",
                "shmem_getpage:wait_on_page_writeback:done", "shmem_add_to_page_cache");
        this.pages = pages;
        this.lru = lru;
        this.pageLock = pageLock;
        this.pageCache = pageCache;
        this.bios = bios;
        this.allocPages = allocPages;
        this.findGetPage = findGetPage;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
        this.swap = swap;
        this.pageBitWaits = pageBitWaits;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int file = c.local(FILE);
        int pgoff = c.local(PGOFF);
        PageCache cache = pageCache;
        Pages p = pages;
        switch (pc) {
            case FIND -> {
                if (pgoff >= cache.sizeInPages(file)) {
                    return c.ret(-VmFault.VM_FAULT_SIGBUS);
                }
                return c.call(findGetPage, FOUND, file, pgoff);
            }
            case FOUND -> {
                int page = c.result();
                if (page < 0) {
                    int offset = cache.swapEntry(file, pgoff);
                    c.set(OFFSET, offset);
                    return c.yieldTo(offset != 0 ? SWAPIN : ALLOC);
                }
                c.set(PAGE, page);
                return c.yieldTo(LOCK);
            }
            case LOCK -> {
                return c.call(lockPage, LOCKED, c.local(PAGE), 0);
            }
            case ALLOC -> {
                return c.call(allocPages, ALLOCATED, Gfp.GFP_HIGHUSER_MOVABLE, 0);
            }
            case ALLOCATED -> {
                int page = c.result();
                if (page < 0) {
                    return c.ret(-VmFault.VM_FAULT_OOM);
                }
                pageLock.setNewPageLocked(page);
                if (!cache.addToPageCacheLru(page, file, pgoff)) {
                    pageLock.clearLockedNonAtomic(page);
                    lru.putPage(page);
                    return c.yieldTo(FIND);
                }
                c.set(PAGE, page);
                return c.yieldTo(READPAGE);
            }
            case READPAGE -> {
                int page = c.local(PAGE);
                if (cache.kind(file) == FileKind.SHMEM) {
                    // shmem_getpage_gfp(): a hole reads as zeroes, no I/O
                    p.setData(page, 0);
                    p.setPageFlag(page, PageFlag.UPTODATE);
                    return c.call(unlockPage, READ_DONE, page);
                }
                // ->readpage(): the read completes in the I/O context, which unlocks the page
                if (!bios.submit(Bios.FILE_READ, page, Bios.fileBlock(file, pgoff), -1)) {
                    return c.block(BlockKind.REQUEST_QUEUE, page, 0);
                }
                c.released(LockClass.PAGE_LOCK);
                return c.yieldTo(READ_DONE);
            }
            case READ_DONE -> {
                lru.putPage(c.local(PAGE));
                return c.yieldTo(FIND);
            }
            case LOCKED -> {
                int page = c.local(PAGE);
                if (p.mapping(page) != Mapping.file(file) || !p.pageFlag(page, PageFlag.UPTODATE)) {
                    return c.call(unlockPage, RETRY_UNLOCKED, page);
                }
                return c.ret(page);
            }
            case RETRY_UNLOCKED -> {
                lru.putPage(c.local(PAGE));
                return c.yieldTo(FIND);
            }
            case SWAPIN, SWAPIN_ALLOCATED, SWAPIN_READ, SWAPIN_LOCK, SWAPIN_LOCKED, SWAPIN_WAIT_WRITEBACK,
                    SWAPIN_WRITEBACK_DONE, SWAPIN_REPLACE -> {
                return shmemSwapin(c, p, file, pgoff, pc);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 6, pc);
        }
    }

    /**
     * {@code shmem_getpage_gfp()} on a slot holding a swap entry (mm/shmem.c, Linux 4.9,
     * {@code shmem_swapin}): find the page in the swap cache or read it in, lock it, wait for its
     * write-back, check it still caches that entry, then put it back into the page cache in place of the
     * entry ({@code shmem_add_to_page_cache}), take it out of the swap cache
     * ({@code delete_from_swap_cache}), dirty it (its only copy is now in memory) and drop the entry's slot
     * reference ({@code swap_free}). Returns the page locked, with a reference.
     */
    private Flow shmemSwapin(Ctx c, Pages p, int file, int pgoff, int pc) {
        int offset = c.local(OFFSET);
        int page = c.local(PAGE);
        switch (pc) {
            case SWAPIN -> {
                int found = swap.lookupSwapCache(offset);
                if (found >= 0) {
                    c.set(PAGE, found);
                    return c.yieldTo(SWAPIN_LOCK);
                }
                if (!swap.slotInUse(offset)) {
                    return c.yieldTo(FIND);
                }
                return c.call(allocPages, SWAPIN_ALLOCATED, Gfp.GFP_HIGHUSER_MOVABLE, 0);
            }
            case SWAPIN_ALLOCATED -> {
                int fresh = c.result();
                if (fresh < 0) {
                    return c.ret(-VmFault.VM_FAULT_OOM);
                }
                if (swap.cachePage(offset) >= 0 || swap.swapMap(offset) == 0) {
                    lru.putPage(fresh);
                    return c.yieldTo(SWAPIN);
                }
                pageLock.setNewPageLocked(fresh);
                p.setPageFlag(fresh, PageFlag.SWAPBACKED);
                swap.addToSwapCache(fresh, offset);
                lru.lruCacheAdd(fresh);
                c.set(PAGE, fresh);
                return c.yieldTo(SWAPIN_READ);
            }
            case SWAPIN_READ -> {
                if (!bios.submit(Bios.SWAP_READ, page, offset, -1)) {
                    return c.block(BlockKind.REQUEST_QUEUE, page, 0);
                }
                c.released(LockClass.PAGE_LOCK);
                return c.yieldTo(SWAPIN_LOCK);
            }
            case SWAPIN_LOCK -> {
                return c.call(lockPage, SWAPIN_LOCKED, page, 0);
            }
            case SWAPIN_LOCKED -> {
                return c.yieldTo(SWAPIN_WAIT_WRITEBACK);
            }
            case SWAPIN_WAIT_WRITEBACK -> {
                return c.call(pageBitWaits, SWAPIN_WRITEBACK_DONE, page, PageFlag.WRITEBACK.bit());
            }
            case SWAPIN_WRITEBACK_DONE -> {
                return c.yieldTo(SWAPIN_REPLACE);
            }
            default -> {
                if (!p.pageFlag(page, PageFlag.SWAPCACHE) || p.pagePrivate(page) != offset
                        || !pageCache.replaceSwapEntryWithPage(file, pgoff, offset, page)) {
                    return c.call(unlockPage, RETRY_UNLOCKED, page);
                }
                swap.deleteFromSwapCacheAndRelease(page);
                p.setPageFlag(page, PageFlag.DIRTY);
                swap.swapFree(offset);
                c.set(OFFSET, 0);
                return c.ret(page);
            }
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "file" + f.local(FILE) + " pgoff=" + f.local(PGOFF);
    }
}
