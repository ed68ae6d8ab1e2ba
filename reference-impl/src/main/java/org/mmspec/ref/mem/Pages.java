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
    private final PageRefGhost refGhost;
    private final PageRefs refs;

    public Pages(Config c, Layout l, Mem m, Current current, Ghost ghost) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.refGhost = new PageRefGhost(c, l, m, current, ghost);
        this.refs = new PageRefs(l, m, this, refGhost);
    }

    /** The block's pages reached the buddy allocator or were handed out again: nobody owns them at zero. */
    public void zeroCountReleased(int pfn) {
        refGhost.zeroCountReleased(pfn);
    }

    // ---- compound pages (include/linux/page-flags.h, mm/page_alloc.c; Linux 4.x) ----

    /**
     * Tag of {@code page->compound_head} on a tail page. The word is shared with {@code lru.next}, as in
     * the kernel; the kernel tags the head pointer with bit 0, the model (whose list links are pfn + 1)
     * with this bit.
     */
    public static final int TAIL_TAG = 1 << 30;

    /**
     * {@code compound_head(page)}: the head of the compound page a tail belongs to, else the page itself —
     * a read of the tag bit ({@code READ_ONCE(page->compound_head) & 1}), which list linking never changes
     * and which stays fixed while the compound page exists; the head pointer that goes with it is fixed too.
     */
    public int compoundHead(int pfn) {
        int w = l.page(pfn, PG_LRU_NEXT);
        return m.test(w, TAIL_TAG) ? m.peek(w) & ~TAIL_TAG : pfn;
    }

    /** {@code PageTail(page)}. */
    public boolean pageTail(int pfn) {
        return m.test(l.page(pfn, PG_LRU_NEXT), TAIL_TAG);
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

    /**
     * {@code wake_up_page_bit()}'s bit test and {@code ClearPageWaiters} under the page wait queue's lock:
     * not checked for a held reference — a read completion's {@code unlock_page()} holds none, and the
     * wait queue's lock, not a reference, serialises it with anyone who starts waiting on the page anew.
     */
    public boolean pageFlagUnderWaitQueueLock(int pfn, PageFlag f) {
        return m.test(l.page(pfn, PG_FLAGS), f.mask());
    }

    /** {@code ClearPageWaiters(page)} under the page wait queue's lock (see {@link #pageFlagUnderWaitQueueLock}). */
    public void clearPageWaitersUnderWaitQueueLock(int pfn) {
        m.atomicClearBits(l.page(pfn, PG_FLAGS), PageFlag.WAITERS.mask());
    }

    /** {@code PageXXX(page)}: tests a flag ({@code test_bit}). Lockless read. */
    public boolean pageFlag(int pfn, PageFlag f) {
        refGhost.touch(pfn);
        return m.test(l.page(pfn, PG_FLAGS), f.mask());
    }

    /** {@code SetPageXXX(page)}: atomic {@code set_bit}. */
    public void setPageFlag(int pfn, PageFlag f) {
        refGhost.touch(pfn);
        m.atomicSetBits(l.page(pfn, PG_FLAGS), f.mask());
    }

    /** {@code ClearPageXXX(page)}: atomic {@code clear_bit}. */
    public void clearPageFlag(int pfn, PageFlag f) {
        refGhost.touch(pfn);
        m.atomicClearBits(l.page(pfn, PG_FLAGS), f.mask());
    }

    /**
     * {@code __SetPageXXX(page)}: non-atomic {@code __set_bit}, a read-modify-write of the whole flags word.
     * Context: the page is not published (nobody else can reach it), or the bit's own lock makes every
     * other change of the word impossible.
     */
    public void setPageFlagNonAtomic(int pfn, PageFlag f) {
        refGhost.touch(pfn);
        m.setBits(l.page(pfn, PG_FLAGS), f.mask());
    }

    /** {@code __ClearPageXXX(page)}: non-atomic {@code __clear_bit}. Context: as {@link #setPageFlagNonAtomic}. */
    public void clearPageFlagNonAtomic(int pfn, PageFlag f) {
        refGhost.touch(pfn);
        m.clearBits(l.page(pfn, PG_FLAGS), f.mask());
    }

    /** {@code TestSetPageXXX(page)}: atomic {@code test_and_set_bit}; returns the old value. */
    public boolean testSetPageFlag(int pfn, PageFlag f) {
        refGhost.touch(pfn);
        return m.testAndSetBits(l.page(pfn, PG_FLAGS), f.mask());
    }

    /** {@code TestClearPageXXX(page)}: atomic {@code test_and_clear_bit}; returns the old value. */
    public boolean testClearPageFlag(int pfn, PageFlag f) {
        refGhost.touch(pfn);
        return m.testAndClearBits(l.page(pfn, PG_FLAGS), f.mask());
    }

    /** The whole flags word (a plain read of every bit). */
    public int flags(int pfn) {
        refGhost.touch(pfn);
        return m.get(l.page(pfn, PG_FLAGS));
    }

    /** Stores the whole flags word. Context: the page is not published ({@code free_pages_prepare}, {@code prep_new_page}). */
    public void setFlags(int pfn, int flags) {
        refGhost.touch(pfn);
        m.set(l.page(pfn, PG_FLAGS), flags);
    }

    // ---- mapping ----

    /**
     * {@code PageAnon(page)}: {@code page->mapping} has {@code PAGE_MAPPING_ANON} — a read of the mapping's
     * tag bits only, which cannot change while the page is mapped (see docs/model.md, Atomicity).
     */
    public boolean pageAnon(int pfn) {
        refGhost.touch(pfn);
        return m.test(l.page(pfn, PG_MAPPING), Mapping.PAGE_MAPPING_FLAGS)
                && Mapping.isAnon(m.peek(l.page(pfn, PG_MAPPING)));
    }

    /** {@code PageKsm(page)}: {@code page->mapping} tagged {@code PAGE_MAPPING_KSM} (a read of the tag bits). */
    public boolean pageKsm(int pfn) {
        refGhost.touch(pfn);
        return m.test(l.page(pfn, PG_MAPPING), Mapping.PAGE_MAPPING_FLAGS)
                && Mapping.isKsm(m.peek(l.page(pfn, PG_MAPPING)));
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
        refGhost.touch(pfn);
        return m.get(l.page(pfn, PG_MAPPING));
    }

    public void setMapping(int pfn, int mapping) {
        refGhost.touch(pfn);
        m.set(l.page(pfn, PG_MAPPING), mapping);
    }

    /** {@code page->index}: offset in the file, or the linear page index in the anon VMA. */
    public int index(int pfn) {
        refGhost.touch(pfn);
        return m.get(l.page(pfn, PG_INDEX));
    }

    public void setIndex(int pfn, int index) {
        refGhost.touch(pfn);
        m.set(l.page(pfn, PG_INDEX), index);
    }

    /** {@code page_private()}. */
    public int pagePrivate(int pfn) {
        refGhost.touch(pfn);
        return m.get(l.page(pfn, PG_PRIVATE));
    }

    /** {@code set_page_private()}. */
    public void setPagePrivate(int pfn, int v) {
        refGhost.touch(pfn);
        m.set(l.page(pfn, PG_PRIVATE), v);
    }

    /** The page's contents, a data token (0 = zero-filled). */
    public int data(int pfn) {
        refGhost.touch(pfn);
        return m.get(l.page(pfn, PG_DATA));
    }

    public void setData(int pfn, int token) {
        refGhost.touch(pfn);
        m.set(l.page(pfn, PG_DATA), token);
    }

    // ---- reference counts ----

    /** {@code page_count()}: {@code atomic_read(&compound_head(page)->_refcount)}. */
    public int pageCount(int pfn) {
        return m.atomicRead(l.page(compoundHead(pfn), PG_REFCOUNT));
    }

    /** {@code page_ref_count(page)}: this very page's {@code _refcount} (a tail page's is zero). */
    public int pageRefCount(int pfn) {
        return m.atomicRead(l.page(pfn, PG_REFCOUNT));
    }

    /** {@code set_page_count()} ({@code atomic_set}). Context: the page is not published ({@code prep_new_page}). */
    public void setPageCount(int pfn, int v) {
        m.set(l.page(pfn, PG_REFCOUNT), v);
        if (v != 0) {
            zeroCountReleased(pfn);
        }
    }

    /** {@code page_mapcount()}: the number of PTEs mapping the page, {@code atomic_read(&page->_mapcount) + 1}. */
    public int pageMapcount(int pfn) {
        refGhost.touch(pfn);
        return m.atomicRead(l.page(pfn, PG_MAPCOUNT)) + 1;
    }

    /** The raw {@code _mapcount} (-1 when unmapped), {@code atomic_read}. */
    public int rawMapcount(int pfn) {
        refGhost.touch(pfn);
        return m.atomicRead(l.page(pfn, PG_MAPCOUNT));
    }

    /**
     * {@code atomic_set(&page->_mapcount, v)}, a plain store. Context: the page is not published
     * ({@code page_add_new_anon_rmap}), or heads a free block under {@code zone->lock}.
     */
    public void setRawMapcount(int pfn, int v) {
        refGhost.touch(pfn);
        m.set(l.page(pfn, PG_MAPCOUNT), v);
    }

    /** {@code atomic_add_return(delta, &page->_mapcount)}: returns the new raw value. */
    public int addRawMapcount(int pfn, int delta) {
        refGhost.touch(pfn);
        return m.atomicAdd(l.page(pfn, PG_MAPCOUNT), delta);
    }

    /**
     * The {@code MADV_FREE} page check's reads ({@code try_to_unmap_one()}, Linux 4.13 / 5.18): the page may
     * be discarded if it is clean and — when {@code checkRefs} (6c8e2a256915) — its only references are the
     * isolation's and its mappings' ({@code page_ref_count == 1 + page_mapcount}). The three reads are one
     * action here (taken after the PTE was cleared, as the fix's barriers order them).
     */
    public boolean lazyfreeDiscardable(int pfn, boolean checkRefs) {
        refGhost.touch(pfn);
        m.compoundBegin();
        boolean refsOk = !checkRefs || m.atomicRead(l.page(pfn, PG_REFCOUNT)) == 1 + m.atomicRead(l.page(pfn, PG_MAPCOUNT)) + 1;
        boolean clean = !m.test(l.page(pfn, PG_FLAGS), PageFlag.DIRTY.mask());
        m.compoundEnd();
        return refsOk && clean;
    }

    /** The page's contents as ghost bookkeeping reads them (not a kernel access). */
    public int dataForGhost(int pfn) {
        m.ghostBegin();
        int v = m.get(l.page(pfn, PG_DATA));
        m.ghostEnd();
        return v;
    }

    /** {@code page_mapcount()} for a BUG report's message (not a kernel access: ghost). */
    public int mapcountForReport(int pfn) {
        m.ghostBegin();
        int v = m.get(l.page(pfn, PG_MAPCOUNT)) + 1;
        m.ghostEnd();
        return v;
    }

    /** {@code page_mapped()}: mapped by at least one PTE. */
    public boolean pageMapped(int pfn) {
        refGhost.touch(pfn);
        return m.atomicRead(l.page(pfn, PG_MAPCOUNT)) >= 0;
    }

    /** {@code PageBuddy()} (Linux 4.x): heads a free block; {@code _mapcount == PAGE_BUDDY_MAPCOUNT_VALUE}. */
    public boolean pageBuddy(int pfn) {
        return m.atomicRead(l.page(pfn, PG_MAPCOUNT)) == PAGE_BUDDY_MAPCOUNT_VALUE;
    }

    /** The reference-count operations ({@code get_page}, {@code put_page_testzero}, {@code page_ref_*}). */
    public PageRefs refs() {
        return refs;
    }
}
