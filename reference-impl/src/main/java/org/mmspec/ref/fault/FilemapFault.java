package org.mmspec.ref.fault;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagecache.FindGetPage;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
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

    private static final int FIND = 0;
    private static final int ALLOCATED = 1;
    private static final int READPAGE = 2;
    private static final int READ_DONE = 3;
    private static final int LOCKED = 4;
    private static final int RETRY_UNLOCKED = 5;
    private static final int FOUND = 6;
    private static final int LOCK = 7;
    private static final int ALLOC = 8;

    private final Pages pages;
    private final Lru lru;
    private final PageLock pageLock;
    private final PageCache pageCache;
    private final Bios bios;
    private final AllocPages allocPages;
    private final FindGetPage findGetPage;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;

    public FilemapFault(Pages pages, Lru lru, PageLock pageLock, PageCache pageCache, Bios bios, AllocPages allocPages,
            FindGetPage findGetPage, LockPage lockPage, UnlockPage unlockPage) {
        super("filemap_fault", "find_get_page", "add_to_page_cache_lru", "readpage", "page_cache_read_done",
                "lock_page_checked", "retry_find", "find_get_page:done", "lock_page", "page_cache_read:alloc");
        this.pages = pages;
        this.lru = lru;
        this.pageLock = pageLock;
        this.pageCache = pageCache;
        this.bios = bios;
        this.allocPages = allocPages;
        this.findGetPage = findGetPage;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
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
                    return c.yieldTo(ALLOC);
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
                // ->readpage(): the read completes in the I/O context, which unlocks the page
                int page = c.local(PAGE);
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
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 6, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "file" + f.local(FILE) + " pgoff=" + f.local(PGOFF);
    }
}
