package org.mmspec.ref.filemap;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * {@code end_page_writeback(page)} and {@code wake_up_page(page, bit)} (mm/filemap.c): write-back I/O
 * completed. Ending write-back of a page not under write-back is a kernel BUG.
 */
public final class EndPageWriteback {

    private final Pages pages;
    private final PageWaitQueue waitQueue;

    public EndPageWriteback(Pages pages, PageWaitQueue waitQueue) {
        this.pages = pages;
        this.waitQueue = waitQueue;
    }

    /**
     * {@code end_page_writeback(page)}: clears {@code PG_writeback} and wakes its waiters. Context: I/O
     * completion (modelled synchronously in the writer).
     *
     * @throws Oops when the page is not under write-back
     */
    public void endPageWriteback(int pfn) {
        if (!pages.testClearPageFlag(pfn, PageFlag.WRITEBACK)) {
            throw new Oops(OopsKind.END_WRITEBACK_NOT_WRITEBACK, pfn, 0);
        }
        wakeUpPage(pfn, PageFlag.WRITEBACK);
    }

    /** {@code wake_up_page(page, bit)}: wakes the page's waiters for {@code bit} if it has any. */
    public void wakeUpPage(int pfn, PageFlag bit) {
        if (pages.pageFlag(pfn, PageFlag.WAITERS)) {
            waitQueue.wakeUpPageBit(pfn, bit);
        }
    }
}
