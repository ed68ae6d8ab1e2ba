package org.mmspec.invariants;

import org.mmspec.ref.view.MmView;
import org.mmspec.ref.view.GhostView.RefLessAccess;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code page_ref_held}: a {@code struct page} is touched only by a thread that holds a reference to it (or
 * a lock that implies one: the PTE lock of a PTE mapping it, {@code lru_lock} while it is on an LRU list,
 * the page-cache or swap-cache lock while it is cached). The model checks the part of this that needs no
 * knowledge of who holds what: no step reads or writes the fields of a page whose reference count is
 * zero — a page nobody holds — unless that step itself dropped the last reference (freeing it), froze the
 * count ({@code page_ref_freeze}) or is the allocator handing the page out. Counting itself is exempt:
 * {@code get_page_unless_zero()} and {@code page_cache_get_speculative()} exist to be tried on pages that
 * may be free. A ghost records the first offending access (the page, the thread); the step that made it
 * is the last of the trace.
 *
 * <p>Kernel: include/linux/mm.h ({@code get_page()}: "the caller must already hold a reference"),
 * mm/filemap.c {@code find_get_entry()} (speculative reference, then re-check), 073861ed77b6 ("mm: fix
 * VM_BUG_ON(PageTail) and BUG_ON(PageWriteback)", 5.14: {@code end_page_writeback()} takes a reference
 * before waking, because the page can be freed and reused once {@code PG_writeback} is clear).
 */
public final class PageRefHeld implements Invariant<MmView> {

    public static final String ID = "page_ref_held";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "no thread touches a struct page nobody holds a reference to (count zero) unless it is freeing it, froze"
                + " its count or is the allocator handing it out";
    }

    @Override
    public Witness check(MmView v) {
        RefLessAccess a = v.ghosts().refLessAccess();
        if (a == null) {
            return null;
        }
        String who = Names.thread(a.tid());
        String page = Names.pfn(a.pfn());
        return Witness.of(who + " touched " + page + " while no reference to it was held (page_count 0: a freed page)",
                who, page);
    }
}
