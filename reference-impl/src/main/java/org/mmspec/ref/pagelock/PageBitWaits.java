package org.mmspec.ref.pagelock;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code wait_on_page_locked(page)} / {@code wait_on_page_writeback(page)} (include/linux/pagemap.h)
 * and the generic {@code wait_on_page_bit(page, bit)}: if the bit is set, sleep until it clears
 * (non-exclusive; uninterruptible, or killable: {@code wait_on_page_locked_killable}). Context: may sleep;
 * the caller holds a reference.
 *
 * <p>Arguments: pfn, bit number, killable (0/1).
 */
public final class PageBitWaits extends Procedure {

    private static final int PFN = 0;
    private static final int BIT = 1;
    private static final int KILLABLE = 2;

    private final Pages pages;
    private final WaitOnPageBit waitOnPageBit;

    public PageBitWaits(Pages pages, WaitOnPageBit waitOnPageBit) {
        super("wait_on_page_bit", "test_bit", "done", "wait_on_page_bit_common");
        this.pages = pages;
        this.waitOnPageBit = waitOnPageBit;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        PageFlag bit = c.local(BIT) == PageFlag.WRITEBACK.bit() ? PageFlag.WRITEBACK : PageFlag.LOCKED;
        if (pc == 0) {
            if (!pages.pageFlag(c.local(PFN), bit)) {
                return c.ret(0);
            }
            return c.yieldTo(2);
        }
        if (pc == 2) {
            return c.call(waitOnPageBit, 1, c.local(PFN), bit.bit(), c.local(KILLABLE), 0);
        }
        return c.ret(0);
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN) + (f.local(BIT) == PageFlag.WRITEBACK.bit() ? " PG_writeback" : " PG_locked");
    }
}
