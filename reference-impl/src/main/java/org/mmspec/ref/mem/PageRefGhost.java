package org.mmspec.ref.mem;

import static org.mmspec.ref.state.Layout.PG_FLAGS;
import static org.mmspec.ref.state.Layout.PG_LRU_NEXT;
import static org.mmspec.ref.state.Layout.PG_OWNERS;
import static org.mmspec.ref.state.Layout.PG_REFCOUNT;

import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.Current;
import org.mmspec.ref.sync.Ghost;

/**
 * The ghost bookkeeping behind {@link Pages}' reference counts (no kernel counterpart): who owns a page
 * whose count it took to zero, and the check that a step touches only {@code struct page}s someone holds a
 * reference to. Every access it makes is a ghost access the atomicity audit does not see.
 */
final class PageRefGhost {

    /** Bits of {@code PG_OWNERS} above the write-back owner: the zero-count owner, thread id + 1. */
    static final int ZERO_OWNER_SHIFT = 8;

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final Current current;
    private final Ghost ghost;

    PageRefGhost(Config c, Layout l, Mem m, Current current, Ghost ghost) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.current = current;
        this.ghost = ghost;
    }

    /**
     * Ghost check on every access to a page's fields by a running step: the page must not be one nobody
     * holds a reference to (count zero) unless the running thread owns it at zero — this step or an
     * earlier one of the thread dropped the last reference or froze the count and has not freed or
     * unfrozen it yet ({@link #zeroCountOwner}), or this step is the allocator handing it out — otherwise
     * the access is a use of a freed {@code struct page}, recorded for the {@code page_ref_held}
     * invariant. Reference-count operations themselves are not checked (speculative references are taken
     * exactly on pages that may be free). Not a kernel access: the audit does not see it.
     */
    void touch(int pfn) {
        if (!current.stepping() || pfn < 0 || pfn >= c.nrPages()) {
            return;
        }
        int head = headForGhost(pfn);
        if (m.peek(l.page(head, PG_REFCOUNT)) == 0 && !current.ownsZeroCount(pfn)
                && zeroCountOwner(head) != current.tid() && !lruHeld(head)) {
            ghost.accessWithoutReference(current.tid(), pfn);
        }
    }

    /**
     * A page on an LRU list looked at under {@code lru_lock} ({@code isolate_lru_pages()}: {@code PageLRU},
     * then {@code get_page_unless_zero()}): the list keeps the {@code struct page} until {@code
     * __page_cache_release()} takes it off under the same lock.
     */
    private boolean lruHeld(int head) {
        return (m.peek(l.page(head, PG_FLAGS)) & PageFlag.LRU.mask()) != 0 && current.holdsLruLock();
    }

    private int headForGhost(int pfn) {
        int w = m.peek(l.page(pfn, PG_LRU_NEXT));
        return (w & Pages.TAIL_TAG) != 0 ? w & ~Pages.TAIL_TAG : pfn;
    }

    /**
     * Ghost: the thread that took {@code pfn}'s count to zero ({@code put_page_testzero}, {@code
     * page_ref_freeze}) and has not yet freed the page or unfrozen the count, or -1.
     */
    int zeroCountOwner(int pfn) {
        return (m.peek(l.page(pfn, PG_OWNERS)) >>> ZERO_OWNER_SHIFT) - 1;
    }

    /** Ghost: the running thread owns {@code pfn} at a zero count from now on (-1: nobody does). */
    private void setZeroCountOwner(int pfn, int tid) {
        int w = l.page(pfn, PG_OWNERS);
        m.ghostBegin();
        m.set(w, m.peek(w) & (1 << ZERO_OWNER_SHIFT) - 1 | (tid + 1) << ZERO_OWNER_SHIFT);
        m.ghostEnd();
    }

    /** The block's pages reached the buddy allocator or were handed out again: nobody owns them at zero. */
    void zeroCountReleased(int pfn) {
        if (zeroCountOwner(pfn) >= 0) {
            setZeroCountOwner(pfn, -1);
        }
    }

    /** The last reference of {@code pfn} is gone by the running thread's hand (this step and until freed). */
    void ownZero(int pfn, int order) {
        current.ownZeroCount(pfn, order);
        if (current.stepping()) {
            setZeroCountOwner(pfn, current.tid());
        }
    }
}
