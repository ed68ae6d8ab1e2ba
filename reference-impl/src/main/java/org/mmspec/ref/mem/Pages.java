package org.mmspec.ref.mem;

import static org.mmspec.ref.state.Layout.PG_DATA;
import static org.mmspec.ref.state.Layout.PG_FLAGS;
import static org.mmspec.ref.state.Layout.PG_INDEX;
import static org.mmspec.ref.state.Layout.PG_LRU_NEXT;
import static org.mmspec.ref.state.Layout.PG_LRU_PREV;
import static org.mmspec.ref.state.Layout.PG_MAPCOUNT;
import static org.mmspec.ref.state.Layout.PG_MAPPING;
import static org.mmspec.ref.state.Layout.PG_PRIVATE;
import static org.mmspec.ref.state.Layout.PG_REFCOUNT;

import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.Current;
import org.mmspec.ref.sync.Ghost;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * {@code struct page}: flags, reference count, map count, mapping, index, private, contents
 * (include/linux/mm.h, include/linux/mm_types.h, include/linux/page-flags.h, include/linux/page_ref.h).
 *
 * <p>A {@code struct page *} is its pfn here: {@code mem_map[pfn]}. The zero page is pfn 0.
 */
public final class Pages {

    /** {@code PAGE_BUDDY_MAPCOUNT_VALUE}: {@code _mapcount} of a page heading a free buddy block (Linux 4.x). */
    public static final int PAGE_BUDDY_MAPCOUNT_VALUE = -128;
    /** pfn of the zero page ({@code ZERO_PAGE(0)}, {@code my_zero_pfn()}). */
    public static final int ZERO_PFN = 0;
    /** {@code page_mapping()} result for a swap-cache page: the swapper address space. */
    public static final int SWAPPER_SPACE = -2;

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final Current current;
    private final Ghost ghost;

    public Pages(Config c, Layout l, Mem m, Current current, Ghost ghost) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.current = current;
        this.ghost = ghost;
    }

    /**
     * Ghost check on every access to a page's fields by a running step: the page must not be one nobody
     * holds a reference to (count zero) unless this very step dropped the last reference, froze the count
     * or is the allocator — otherwise the access is a use of a freed {@code struct page}, recorded for the
     * {@code page_ref_held} invariant. Reference-count operations themselves are not checked (speculative
     * references are taken exactly on pages that may be free).
     */
    private void touch(int pfn) {
        if (current.stepping() && pfn >= 0 && pfn < c.nrPages()
                && m.get(l.page(compoundHead(pfn), PG_REFCOUNT)) == 0 && !current.ownsZeroCount(pfn)) {
            ghost.accessWithoutReference(current.tid(), pfn);
        }
    }

    // ---- compound pages (include/linux/page-flags.h, mm/page_alloc.c; Linux 4.x) ----

    /**
     * Tag of {@code page->compound_head} on a tail page. The word is shared with {@code lru.next}, as in
     * the kernel; the kernel tags the head pointer with bit 0, the model (whose list links are pfn + 1)
     * with this bit.
     */
    public static final int TAIL_TAG = 1 << 30;

    /** {@code compound_head(page)}: the head of the compound page a tail belongs to, else the page itself. */
    public int compoundHead(int pfn) {
        int w = m.get(l.page(pfn, PG_LRU_NEXT));
        return (w & TAIL_TAG) != 0 ? w & ~TAIL_TAG : pfn;
    }

    /** {@code PageTail(page)}. */
    public boolean pageTail(int pfn) {
        return (m.get(l.page(pfn, PG_LRU_NEXT)) & TAIL_TAG) != 0;
    }

    // ---- page <-> pfn ----

    /** {@code page_to_pfn()} (include/asm-generic/memory_model.h): the page's index in {@code mem_map}. */
    public int pageToPfn(int page) {
        checkPfn(page);
        return page;
    }

    /** {@code pfn_to_page()} (include/asm-generic/memory_model.h): {@code mem_map + pfn}. */
    public int pfnToPage(int pfn) {
        checkPfn(pfn);
        return pfn;
    }

    /** {@code pfn_valid()}: the pfn has a {@code struct page}. */
    public boolean pfnValid(int pfn) {
        return pfn >= 0 && pfn < c.nrPages();
    }

    private void checkPfn(int pfn) {
        if (!pfnValid(pfn)) {
            throw new Oops(OopsKind.BAD_ADDRESS, pfn, 0);
        }
    }

    // ---- flags: PageXXX / SetPageXXX / ClearPageXXX / TestSetPageXXX / TestClearPageXXX ----

    /** {@code PageXXX(page)}: tests a flag. Lockless read. */
    public boolean pageFlag(int pfn, PageFlag f) {
        touch(pfn);
        return m.test(l.page(pfn, PG_FLAGS), f.mask());
    }

    /**
     * A bit test made by {@code wake_up_page_bit()} under the page wait queue's lock: not checked for a
     * held reference (see {@code filemap.PageWaitQueue#wakeUpPageBit}).
     */
    public boolean pageFlagUnderWaitQueueLock(int pfn, PageFlag f) {
        return m.test(l.page(pfn, PG_FLAGS), f.mask());
    }

    /** {@code ClearPageWaiters(page)} under the page wait queue's lock (not checked for a held reference). */
    public void clearPageWaitersUnderWaitQueueLock(int pfn) {
        m.clearBits(l.page(pfn, PG_FLAGS), PageFlag.WAITERS.mask());
    }

    /** {@code SetPageXXX(page)}: atomic {@code set_bit}. */
    public void setPageFlag(int pfn, PageFlag f) {
        touch(pfn);
        m.setBits(l.page(pfn, PG_FLAGS), f.mask());
    }

    /** {@code ClearPageXXX(page)}: atomic {@code clear_bit}. */
    public void clearPageFlag(int pfn, PageFlag f) {
        touch(pfn);
        m.clearBits(l.page(pfn, PG_FLAGS), f.mask());
    }

    /** {@code TestSetPageXXX(page)}: atomic {@code test_and_set_bit}; returns the old value. */
    public boolean testSetPageFlag(int pfn, PageFlag f) {
        boolean old = pageFlag(pfn, f);
        setPageFlag(pfn, f);
        return old;
    }

    /** {@code TestClearPageXXX(page)}: atomic {@code test_and_clear_bit}; returns the old value. */
    public boolean testClearPageFlag(int pfn, PageFlag f) {
        boolean old = pageFlag(pfn, f);
        clearPageFlag(pfn, f);
        return old;
    }

    public int flags(int pfn) {
        touch(pfn);
        return m.get(l.page(pfn, PG_FLAGS));
    }

    public void setFlags(int pfn, int flags) {
        touch(pfn);
        m.set(l.page(pfn, PG_FLAGS), flags);
    }

    // ---- mapping ----

    /** {@code PageAnon(page)}: {@code page->mapping} has {@code PAGE_MAPPING_ANON}. */
    public boolean pageAnon(int pfn) {
        touch(pfn);
        return Mapping.isAnon(m.get(l.page(pfn, PG_MAPPING)));
    }

    /** {@code PageKsm(page)}: {@code page->mapping} tagged {@code PAGE_MAPPING_KSM}. */
    public boolean pageKsm(int pfn) {
        touch(pfn);
        return Mapping.isKsm(m.get(l.page(pfn, PG_MAPPING)));
    }

    /**
     * {@code page_mapping()} (mm/util.c): the file's {@code address_space} for a page-cache page (its
     * file id), {@link #SWAPPER_SPACE} for a swap-cache page, -1 ({@code NULL}) for other anon pages.
     */
    public int pageMapping(int pfn) {
        if (pageFlag(pfn, PageFlag.SWAPCACHE)) {
            return SWAPPER_SPACE;
        }
        int mapping = mapping(pfn);
        return Mapping.isFile(mapping) ? Mapping.target(mapping) : -1;
    }

    /** The raw {@code page->mapping} word. */
    public int mapping(int pfn) {
        touch(pfn);
        return m.get(l.page(pfn, PG_MAPPING));
    }

    public void setMapping(int pfn, int mapping) {
        touch(pfn);
        m.set(l.page(pfn, PG_MAPPING), mapping);
    }

    /** {@code page->index}: offset in the file, or the linear page index in the anon VMA. */
    public int index(int pfn) {
        touch(pfn);
        return m.get(l.page(pfn, PG_INDEX));
    }

    public void setIndex(int pfn, int index) {
        touch(pfn);
        m.set(l.page(pfn, PG_INDEX), index);
    }

    /** {@code page_private()}. */
    public int pagePrivate(int pfn) {
        touch(pfn);
        return m.get(l.page(pfn, PG_PRIVATE));
    }

    /** {@code set_page_private()}. */
    public void setPagePrivate(int pfn, int v) {
        touch(pfn);
        m.set(l.page(pfn, PG_PRIVATE), v);
    }

    /** The page's contents, a data token (0 = zero-filled). */
    public int data(int pfn) {
        touch(pfn);
        return m.get(l.page(pfn, PG_DATA));
    }

    public void setData(int pfn, int token) {
        touch(pfn);
        m.set(l.page(pfn, PG_DATA), token);
    }

    // ---- reference counts ----

    /** {@code page_count()}: {@code page_ref_count(compound_head(page))}. */
    public int pageCount(int pfn) {
        return m.get(l.page(compoundHead(pfn), PG_REFCOUNT));
    }

    public void setPageCount(int pfn, int v) {
        m.set(l.page(pfn, PG_REFCOUNT), v);
    }

    /** {@code page_mapcount()}: the number of PTEs mapping the page, {@code _mapcount + 1}. */
    public int pageMapcount(int pfn) {
        touch(pfn);
        return m.get(l.page(pfn, PG_MAPCOUNT)) + 1;
    }

    /** The raw {@code _mapcount} (-1 when unmapped). */
    public int rawMapcount(int pfn) {
        touch(pfn);
        return m.get(l.page(pfn, PG_MAPCOUNT));
    }

    public void setRawMapcount(int pfn, int v) {
        touch(pfn);
        m.set(l.page(pfn, PG_MAPCOUNT), v);
    }

    /** {@code page_mapped()}: mapped by at least one PTE. */
    public boolean pageMapped(int pfn) {
        touch(pfn);
        return m.get(l.page(pfn, PG_MAPCOUNT)) >= 0;
    }

    /** {@code PageBuddy()} (Linux 4.x): heads a free block; {@code _mapcount == PAGE_BUDDY_MAPCOUNT_VALUE}. */
    public boolean pageBuddy(int pfn) {
        return m.get(l.page(pfn, PG_MAPCOUNT)) == PAGE_BUDDY_MAPCOUNT_VALUE;
    }

    /**
     * {@code get_page()} (include/linux/mm.h): takes a reference — on the compound head for a tail page.
     * Context: the caller already holds a reference or a lock that keeps the page from being freed.
     *
     * @throws Oops {@code VM_BUG_ON_PAGE(page_ref_count(page) <= 0)} on a free page
     */
    public void getPage(int pfn) {
        int w = l.page(compoundHead(pfn), PG_REFCOUNT);
        if (m.get(w) <= 0) {
            throw new Oops(OopsKind.GET_PAGE_ON_FREE, pfn, m.get(w));
        }
        m.add(w, 1);
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
        if (m.get(w) == 0) {
            return false;
        }
        m.add(w, 1);
        return true;
    }

    /**
     * {@code put_page_testzero()}: drops a reference (of a compound page's head, for a tail page: as
     * {@code put_page()} calls it on {@code compound_head(page)}); true if it was the last.
     *
     * @throws Oops {@code VM_BUG_ON_PAGE(page_ref_count(page) == 0)} on a free page
     */
    public boolean putPageTestzero(int pfn) {
        pfn = compoundHead(pfn);
        int w = l.page(pfn, PG_REFCOUNT);
        if (m.get(w) <= 0) {
            throw new Oops(OopsKind.PUT_PAGE_ON_FREE, pfn, m.get(w));
        }
        m.add(w, -1);
        if (m.get(w) == 0) {
            current.ownZeroCount(pfn, m.test(l.page(pfn, PG_FLAGS), PageFlag.HEAD.mask()) ? m.get(l.page(pfn + 1, PG_LRU_PREV)) : 0);
            return true;
        }
        return false;
    }

    /**
     * {@code page_ref_add(page, nr)}: takes {@code nr} references at once ({@code FOLL_PIN}'s bias).
     * Context: the caller holds a reference or a lock that keeps the page from being freed.
     *
     * @throws Oops on a free page, as {@code get_page()}
     */
    public void pageRefAdd(int pfn, int nr) {
        int w = l.page(pfn, PG_REFCOUNT);
        if (m.get(w) <= 0) {
            throw new Oops(OopsKind.GET_PAGE_ON_FREE, pfn, m.get(w));
        }
        m.add(w, nr);
    }

    /**
     * {@code page_ref_add_unless(page, nr, u)}: adds {@code nr} unless the count is {@code u} (0: the
     * page is being freed). Context: speculative, lockless.
     */
    public boolean pageRefAddUnless(int pfn, int nr, int u) {
        int w = l.page(pfn, PG_REFCOUNT);
        if (m.get(w) == u) {
            return false;
        }
        m.add(w, nr);
        return true;
    }

    /**
     * {@code page_ref_sub_and_test(page, nr)}: drops {@code nr} references; true if none is left.
     *
     * @throws Oops when the count would go below zero
     */
    public boolean pageRefSubAndTest(int pfn, int nr) {
        int w = l.page(pfn, PG_REFCOUNT);
        if (m.get(w) < nr) {
            throw new Oops(OopsKind.PUT_PAGE_ON_FREE, pfn, m.get(w));
        }
        m.add(w, -nr);
        if (m.get(w) == 0) {
            current.ownZeroCount(pfn, 0);
            return true;
        }
        return false;
    }

    /** {@code page_ref_freeze(page, count)}: sets the count to 0 if it is exactly {@code count}. */
    public boolean pageRefFreeze(int pfn, int count) {
        int w = l.page(pfn, PG_REFCOUNT);
        if (m.get(w) != count) {
            return false;
        }
        m.set(w, 0);
        current.ownZeroCount(pfn, 0);
        return true;
    }

    /** {@code page_ref_unfreeze(page, count)}. */
    public void pageRefUnfreeze(int pfn, int count) {
        m.set(l.page(pfn, PG_REFCOUNT), count);
    }
}
