package org.mmspec.ref.mem;

import static org.mmspec.ref.state.Layout.PG_FLAGS;
import static org.mmspec.ref.state.Layout.PG_LRU_NEXT;
import static org.mmspec.ref.state.Layout.PG_LRU_PREV;

import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;

/**
 * Compound pages (include/linux/page-flags.h, include/linux/mm.h, mm/page_alloc.c; Linux 4.x): a block of
 * order &gt; 0 allocated with {@code __GFP_COMP} is one page as far as references go — {@code PG_head} on
 * its first page, the order in {@code page[1]}, and in every tail page a {@code compound_head} pointing
 * at the head (see {@link Pages#compoundHead}, which the reference counting goes through).
 */
public final class CompoundPages {

    private final Layout l;
    private final Mem m;
    private final Pages pages;

    public CompoundPages(Layout l, Mem m, Pages pages) {
        this.l = l;
        this.m = m;
        this.pages = pages;
    }

    /** {@code PageCompound(page)}: a head or a tail. */
    public boolean pageCompound(int pfn) {
        return pages.pageTail(pfn) || pages.pageFlag(pfn, PageFlag.HEAD);
    }

    /** {@code compound_order(page)} of a head page (kept in the first tail, {@code page[1]}), else 0. */
    public int compoundOrder(int pfn) {
        if (!pages.pageFlag(pfn, PageFlag.HEAD)) {
            return 0;
        }
        int w = l.page(pfn + 1, PG_LRU_PREV);
        m.test(w, ORDER_BITS);    // page[1].compound_order: fixed while the compound page exists
        return m.peek(w);
    }

    /** The bits of {@code page[1]}'s {@code lru.prev} word that {@code compound_order} occupies (audit tag). */
    public static final int ORDER_BITS = 0x1F;

    /**
     * {@code prep_compound_page(page, order)}: the block becomes a compound page — {@code PG_head} on the
     * head, the order in {@code page[1]}, {@code compound_head} in every tail. Context: the allocator, on
     * a block nobody else holds.
     */
    public void prepCompoundPage(int pfn, int order) {
        m.setBits(l.page(pfn, PG_FLAGS), PageFlag.HEAD.mask());
        m.set(l.page(pfn + 1, PG_LRU_PREV), order);
        for (int i = 1; i < (1 << order); i++) {
            m.set(l.page(pfn + i, PG_LRU_NEXT), pfn | Pages.TAIL_TAG);
        }
    }

    /**
     * {@code free_tail_pages_check()} and {@code ClearPageHead}, as {@code free_pages_prepare()} does for a
     * compound page: the block goes back to being plain pages.
     */
    public void destroyCompoundPage(int pfn, int order) {
        m.clearBits(l.page(pfn, PG_FLAGS), PageFlag.HEAD.mask());
        m.set(l.page(pfn + 1, PG_LRU_PREV), 0);
        for (int i = 1; i < (1 << order); i++) {
            m.set(l.page(pfn + i, PG_LRU_NEXT), 0);
        }
    }
}
