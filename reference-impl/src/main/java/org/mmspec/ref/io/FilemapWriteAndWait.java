package org.mmspec.ref.io;

import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.filemap.Writeback;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.PageBitWaits;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.FindGetPage;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code filemap_write_and_wait_range()} (mm/filemap.c, Linux 4.9) for one page of a file, as
 * {@code fsync()} and direct I/O do it: {@code __filemap_fdatawrite_range()} → {@code write_cache_pages()}
 * with {@code WB_SYNC_ALL} — find and lock the page-cache page, wait for write-back already in flight
 * ({@code wait_on_page_writeback()}, page locked), and if {@code clear_page_dirty_for_io()} finds it
 * dirty, start write-back ({@code set_page_writeback()}, {@code unlock_page()}, {@code submit_bio()}) —
 * then {@code filemap_fdatawait_range()}: {@code wait_on_page_writeback()} until the write completed.
 * Context: process; may sleep.
 *
 * <p>Arguments: file, page index. Returns 0.
 */
public final class FilemapWriteAndWait extends Procedure {

    private static final int FILE = 0;
    private static final int INDEX = 1;
    private static final int PAGE = 3;

    private static final int FIND = 0;
    private static final int LOCKED = 1;
    private static final int WAIT_WRITEBACK = 2;
    private static final int WAITED = 3;
    private static final int CLEAR_DIRTY = 4;
    private static final int SET_WRITEBACK = 5;
    private static final int UNLOCKED = 6;
    private static final int SUBMIT = 7;
    private static final int FDATAWAIT = 8;
    private static final int DONE = 9;
    private static final int PUT = 10;
    private static final int LOCK = 11;
    private static final int FOUND = 12;
    private static final int UNLOCK_CLEAN = 13;
    private static final int UNLOCK_WRITEBACK = 14;
    private static final int UNLOCK_GONE = 15;
    private static final int CLEAN_UNLOCKED = 16;
    private static final int RETURN = 17;

    private final Pages pages;
    private final Writeback writeback;
    private final Bios bios;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;
    private final PageBitWaits pageBitWaits;
    private final FindGetPage findGetPage;
    private final PutPage putPage;

    public FilemapWriteAndWait(Pages pages, Writeback writeback, Bios bios, FindGetPage findGetPage,
            LockPage lockPage, UnlockPage unlockPage, PageBitWaits pageBitWaits, PutPage putPage) {
        super("filemap_write_and_wait_range", "find_get_page", "write_cache_pages:lock_page",
                "write_cache_pages:wait_on_page_writeback", "wait_on_page_writeback:done", "clear_page_dirty_for_io",
                "set_page_writeback", "unlock_page:done", "submit_bio", "filemap_fdatawait_range", "done", "put_page",
                "lock_page", "find_get_page:done", "unlock_page:clean", "unlock_page:writeback", "unlock_page:truncated",
                "unlock_page:done(clean)", "return");
        this.pages = pages;
        this.writeback = writeback;
        this.bios = bios;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
        this.pageBitWaits = pageBitWaits;
        this.findGetPage = findGetPage;
        this.putPage = putPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int page = c.local(PAGE) - 1;
        switch (pc) {
            case FIND -> {
                return c.call(findGetPage, FOUND, c.local(FILE), c.local(INDEX));
            }
            case FOUND -> {
                int found = c.result();
                if (found < 0) {
                    return c.ret(0);
                }
                c.set(PAGE, found + 1);
                return c.yieldTo(LOCK);
            }
            case LOCK -> {
                return c.call(lockPage, LOCKED, page, 0);
            }
            case LOCKED -> {
                return c.yieldTo(pages.mapping(page) != Mapping.file(c.local(FILE)) ? UNLOCK_GONE : WAIT_WRITEBACK);
            }
            case UNLOCK_GONE -> {
                return c.call(unlockPage, DONE, page);
            }
            case WAIT_WRITEBACK -> {
                return c.call(pageBitWaits, WAITED, page, PageFlag.WRITEBACK.bit());
            }
            case WAITED -> {
                return c.yieldTo(CLEAR_DIRTY);
            }
            case CLEAR_DIRTY -> {
                return c.yieldTo(pages.testClearPageFlag(page, PageFlag.DIRTY) ? SET_WRITEBACK : UNLOCK_CLEAN);
            }
            case UNLOCK_CLEAN -> {
                return c.call(unlockPage, CLEAN_UNLOCKED, page);
            }
            case CLEAN_UNLOCKED -> {
                return c.yieldTo(FDATAWAIT);
            }
            case FDATAWAIT -> {
                return c.call(pageBitWaits, DONE, page, PageFlag.WRITEBACK.bit());
            }
            case DONE -> {
                return c.yieldTo(PUT);
            }
            case PUT -> {
                return c.call(putPage, RETURN, page);
            }
            case RETURN -> {
                return c.ret(0);
            }
            default -> {
                return writepage(c, pc, page);
            }
        }
    }

    /**
     * The dirty page's {@code writepage} ({@code __filemap_fdatawrite_range()}, mm/filemap.c, Linux 4.9):
     * {@code set_page_writeback}, {@code unlock_page}, then {@code submit_bio} (blocking while the request
     * queue is full); the wait for the write follows. Context: page locked until the unlock.
     */
    private Flow writepage(Ctx c, int pc, int page) {
        switch (pc) {
            case SET_WRITEBACK -> {
                writeback.setPageWriteback(page);
                return c.yieldTo(UNLOCK_WRITEBACK);
            }
            case UNLOCK_WRITEBACK -> {
                return c.call(unlockPage, UNLOCKED, page);
            }
            case UNLOCKED -> {
                return c.yieldTo(SUBMIT);
            }
            case SUBMIT -> {
                if (!bios.submit(Bios.FILE_WRITE, page, Bios.fileBlock(c.local(FILE), c.local(INDEX)), -1)) {
                    return c.block(BlockKind.REQUEST_QUEUE, page, 0);
                }
                writeback.submitted(page);
                return c.yieldTo(FDATAWAIT);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 39, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "file" + f.local(FILE) + " index=" + f.local(INDEX);
    }
}
