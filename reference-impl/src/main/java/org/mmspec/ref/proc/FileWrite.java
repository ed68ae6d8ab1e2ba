package org.mmspec.ref.proc;

import org.mmspec.ref.Kernel;
import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
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

    public static final FileWrite INSTANCE = new FileWrite();

    private static final int FILE = 0;
    private static final int INDEX = 1;
    private static final int VALUE = 2;
    private static final int PAGE = 3;

    private static final int FIND = 0;
    private static final int ALLOCATED = 1;
    private static final int LOCKED = 2;
    private static final int UNLOCKED = 3;
    private static final int RETRY = 4;

    private FileWrite() {
        super("generic_perform_write", "find_get_page", "add_to_page_cache_lru", "copy_from_user", "unlock_page:done", "retry");
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Kernel k = c.k();
        PageCache cache = k.pageCache();
        Pages p = k.pages();
        int file = c.local(FILE);
        int index = c.local(INDEX);
        switch (pc) {
            case FIND -> {
                if (index < 0 || index >= cache.sizeInPages(file)) {
                    return c.ret(-27);
                }
                int page = cache.findGetPage(file, index);
                if (page >= 0) {
                    c.set(PAGE, page);
                    return c.call(LockPage.INSTANCE, LOCKED, page, 0);
                }
                return c.call(AllocPages.INSTANCE, ALLOCATED, Gfp.GFP_KERNEL, 0);
            }
            case ALLOCATED -> {
                int page = c.result();
                if (page < 0) {
                    return c.ret(-12);
                }
                k.pageLock().setNewPageLocked(page);
                if (!cache.addToPageCacheLru(page, file, index)) {
                    k.pageLock().clearLockedNonAtomic(page);
                    k.lru().putPage(page);
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
                    return c.call(UnlockPage.INSTANCE, RETRY, page);
                }
                p.setData(page, c.local(VALUE));
                p.setPageFlag(page, PageFlag.DIRTY);
                cache.setLogical(file, index, c.local(VALUE));
                return c.call(UnlockPage.INSTANCE, UNLOCKED, page);
            }
            case UNLOCKED -> {
                k.lru().putPage(c.local(PAGE));
                return c.ret(0);
            }
            case RETRY -> {
                k.lru().putPage(c.local(PAGE));
                return c.yieldTo(FIND);
            }
            default -> throw k.bug(org.mmspec.ref.sync.OopsKind.MODEL_MISUSE, 22, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "file" + f.local(FILE) + " index=" + f.local(INDEX) + " value=" + f.local(VALUE);
    }
}
