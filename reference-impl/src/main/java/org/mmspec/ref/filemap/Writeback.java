package org.mmspec.ref.filemap;

import static org.mmspec.ref.state.Layout.PG_OWNERS;
import static org.mmspec.ref.state.Layout.PG_WB_OWNER_MASK;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.Current;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.sync.ModelMisuse;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * {@code PG_writeback} (mm/page-writeback.c {@code test_set_page_writeback},
 * {@code test_clear_page_writeback}; mm/filemap.c {@code end_page_writeback}, {@code wake_up_page}):
 * the atomic operations the write-back path and the I/O completion are made of. The sleeping and the
 * multi-step completion are the step machines {@code pagelock.PageBitWaits} and {@code io.EndPageWriteback}.
 *
 * <p>Ghost: the task that set {@code PG_writeback} owns it until it submits the I/O (then the request in
 * flight does); it counts as holding a lock of class {@link LockClass#WRITEBACK} meanwhile, so that the
 * lock order and deadlock reports see who a {@code wait_on_page_writeback()} waits for.
 */
public final class Writeback {

    private final Layout l;
    private final Mem m;
    private final Pages pages;
    private final Current current;

    public Writeback(Layout l, Mem m, Pages pages, Current current) {
        this.l = l;
        this.m = m;
        this.pages = pages;
        this.current = current;
    }

    /**
     * {@code set_page_writeback(page)} ({@code test_set_page_writeback}): starts write-back of a locked,
     * just-cleaned page; the current task owns it until {@link #submitted}. Context: page locked.
     *
     * @throws Oops when the page is already under write-back (the caller checked it under the page lock)
     */
    public void setPageWriteback(int pfn) {
        if (pages.testSetPageFlag(pfn, PageFlag.WRITEBACK)) {
            throw new Oops(OopsKind.MODEL_MISUSE, ModelMisuse.WRITEBACK_ALREADY_SET_CODE, pfn);
        }
        setOwner(pfn, current.tid() + 1);
        current.held(LockClass.WRITEBACK);
    }

    /** {@code submit_bio()} took the page: the request in flight now ends the write-back. */
    public void submitted(int pfn) {
        if (owner(pfn) >= 0) {
            setOwner(pfn, 0);
            current.released(LockClass.WRITEBACK);
        }
    }

    /**
     * {@code test_clear_page_writeback(page)}: the I/O completed. Context: I/O completion.
     *
     * @throws Oops {@code BUG()} in {@code end_page_writeback()} when the page is not under write-back
     */
    public void testClearPageWriteback(int pfn) {
        if (!pages.testClearPageFlag(pfn, PageFlag.WRITEBACK)) {
            throw new Oops(OopsKind.END_WRITEBACK_NOT_WRITEBACK, pfn, 0);
        }
    }

    /** Ghost: the task that set {@code PG_writeback} and has not submitted the I/O yet, or -1. */
    public int owner(int pfn) {
        return (m.peek(l.page(pfn, PG_OWNERS)) & PG_WB_OWNER_MASK) - 1;
    }

    private void setOwner(int pfn, int tidPlusOne) {
        int w = l.page(pfn, PG_OWNERS);
        m.ghostBegin();
        m.set(w, m.peek(w) & ~PG_WB_OWNER_MASK | tidPlusOne);
        m.ghostEnd();
    }
}
