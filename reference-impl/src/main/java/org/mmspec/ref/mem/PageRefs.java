package org.mmspec.ref.mem;

import static org.mmspec.ref.state.Layout.PG_FLAGS;
import static org.mmspec.ref.state.Layout.PG_LRU_PREV;
import static org.mmspec.ref.state.Layout.PG_REFCOUNT;

import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * The reference count of a {@code struct page}, {@code _refcount} (include/linux/page_ref.h,
 * include/linux/mm.h): taking and dropping references, speculatively or not, and freezing the count for
 * whoever removes the page from its cache. A count reaching zero makes the running thread the page's
 * zero-count owner until it frees it or unfreezes the count ({@link PageRefGhost}). Reached through
 * {@link Pages#refs()}; {@link Pages#pageCount} reads the count.
 */
public final class PageRefs {

    private final Layout l;
    private final Mem m;
    private final Pages pages;
    private final PageRefGhost refGhost;

    PageRefs(Layout l, Mem m, Pages pages, PageRefGhost refGhost) {
        this.l = l;
        this.m = m;
        this.pages = pages;
        this.refGhost = refGhost;
    }

    /**
     * {@code get_page()} (include/linux/mm.h): takes a reference — on the compound head for a tail page.
     * Context: the caller already holds a
     * reference or a lock that keeps the page from being freed.
     *
     * @throws Oops {@code VM_BUG_ON_PAGE(page_ref_count(page) <= 0)} on a free page
     */
    public void getPage(int pfn) {
        int w = l.page(pages.compoundHead(pfn), PG_REFCOUNT);
        if (m.peek(w) <= 0) {
            throw new Oops(OopsKind.GET_PAGE_ON_FREE, pfn, m.peek(w));
        }
        m.atomicAdd(w, 1);
    }

    /** {@code page_cache_get()} (Linux 4.x include/linux/pagemap.h): {@code get_page()}. */
    public void pageCacheGet(int pfn) {
        getPage(pfn);
    }

    /**
     * {@code get_page_unless_zero()}: takes a reference unless the count is zero (the page is being
     * freed). Context: speculative, lockless (RCU page-cache lookup, LRU isolation).
     */
    public boolean getPageUnlessZero(int pfn) {
        int w = l.page(pfn, PG_REFCOUNT);
        int old = m.peek(w);
        return old != 0 && m.cmpxchg(w, old, old + 1) == old;
    }

    /**
     * {@code put_page_testzero()}: drops a reference; true if it was the last.
     *
     * @throws Oops {@code VM_BUG_ON_PAGE(page_ref_count(page) == 0)} on a free page
     */
    public boolean putPageTestzero(int pfn) {
        pfn = pages.compoundHead(pfn);
        int w = l.page(pfn, PG_REFCOUNT);
        if (m.peek(w) <= 0) {
            throw new Oops(OopsKind.PUT_PAGE_ON_FREE, pfn, m.peek(w));
        }
        if (m.atomicAdd(w, -1) != 0) {
            return false;
        }
        refGhost.ownZero(pfn, (m.peek(l.page(pfn, PG_FLAGS)) & PageFlag.HEAD.mask()) != 0 ? m.peek(l.page(pfn + 1, PG_LRU_PREV)) : 0);
        return true;
    }

    /**
     * {@code page_ref_add(page, nr)}: takes {@code nr} references at once ({@code FOLL_PIN}'s bias).
     * Context: the caller holds a reference or a lock that keeps the page from being freed.
     *
     * @throws Oops on a free page, as {@code get_page()}
     */
    public void pageRefAdd(int pfn, int nr) {
        int w = l.page(pfn, PG_REFCOUNT);
        if (m.peek(w) <= 0) {
            throw new Oops(OopsKind.GET_PAGE_ON_FREE, pfn, m.peek(w));
        }
        m.atomicAdd(w, nr);
    }

    /**
     * {@code page_ref_add_unless(page, nr, u)}: adds {@code nr} unless the count is {@code u} (0: the
     * page is being freed), one {@code atomic_add_unless}. Context: speculative, lockless.
     */
    public boolean pageRefAddUnless(int pfn, int nr, int u) {
        int w = l.page(pfn, PG_REFCOUNT);
        int old = m.peek(w);
        return old != u && m.cmpxchg(w, old, old + nr) == old;
    }

    /**
     * {@code page_ref_sub_and_test(page, nr)}: drops {@code nr} references; true if none is left.
     *
     * @throws Oops when the count would go below zero
     */
    public boolean pageRefSubAndTest(int pfn, int nr) {
        int w = l.page(pfn, PG_REFCOUNT);
        if (m.peek(w) < nr) {
            throw new Oops(OopsKind.PUT_PAGE_ON_FREE, pfn, m.peek(w));
        }
        if (m.atomicAdd(w, -nr) != 0) {
            return false;
        }
        refGhost.ownZero(pfn, 0);
        return true;
    }

    /** {@code page_ref_freeze(page, count)}: sets the count to 0 if it is exactly {@code count}. */
    public boolean pageRefFreeze(int pfn, int count) {
        if (m.cmpxchg(l.page(pfn, PG_REFCOUNT), count, 0) != count) {
            return false;
        }
        refGhost.ownZero(pfn, 0);
        return true;
    }

    /**
     * {@code page_ref_unfreeze(page, count)}: {@code atomic_set} with release semantics on a frozen count,
     * which nobody else can change (their {@code get_page_unless_zero} fails): an atomic access.
     */
    public void pageRefUnfreeze(int pfn, int count) {
        m.cmpxchg(l.page(pfn, PG_REFCOUNT), 0, count);
        refGhost.zeroCountReleased(pfn);
    }
}
