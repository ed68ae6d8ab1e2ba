package org.mmspec.ref.mem;

import static org.mmspec.ref.state.Layout.LIST_COUNT;
import static org.mmspec.ref.state.Layout.LIST_FIRST;
import static org.mmspec.ref.state.Layout.LIST_LAST;
import static org.mmspec.ref.state.Layout.PG_LRU_NEXT;
import static org.mmspec.ref.state.Layout.PG_LRU_PREV;

import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;

/**
 * Doubly linked lists of pages through {@code page->lru}, as {@code list_head} does: the buddy free
 * lists and the LRU lists. A list head is three words (first, last, count) at a given offset; the
 * links are pfn + 1, with 0 at the ends.
 */
public final class PageLists {

    private final Layout l;
    private final Mem m;

    public PageLists(Layout l, Mem m) {
        this.l = l;
        this.m = m;
    }

    /** First page of the list at {@code head}, or -1 when empty. */
    public int first(int head) {
        return m.get(head + LIST_FIRST) - 1;
    }

    /** Last page of the list at {@code head} ({@code lru_to_page} takes from here), or -1. */
    public int last(int head) {
        return m.get(head + LIST_LAST) - 1;
    }

    public int count(int head) {
        return m.get(head + LIST_COUNT);
    }

    public boolean isEmpty(int head) {
        return m.get(head + LIST_FIRST) == 0;
    }

    /** The page after {@code pfn}, or -1. */
    public int next(int pfn) {
        return m.get(l.page(pfn, PG_LRU_NEXT)) - 1;
    }

    /** The page before {@code pfn}, or -1. */
    public int prev(int pfn) {
        return m.get(l.page(pfn, PG_LRU_PREV)) - 1;
    }

    /** {@code list_add}: at the head. */
    public void addHead(int head, int pfn) {
        int first = m.get(head + LIST_FIRST);
        m.set(l.page(pfn, PG_LRU_PREV), 0);
        m.set(l.page(pfn, PG_LRU_NEXT), first);
        if (first == 0) {
            m.set(head + LIST_LAST, pfn + 1);
        } else {
            m.set(l.page(first - 1, PG_LRU_PREV), pfn + 1);
        }
        m.set(head + LIST_FIRST, pfn + 1);
        m.add(head + LIST_COUNT, 1);
    }

    /** {@code list_add_tail}: at the tail. */
    public void addTail(int head, int pfn) {
        int last = m.get(head + LIST_LAST);
        m.set(l.page(pfn, PG_LRU_NEXT), 0);
        m.set(l.page(pfn, PG_LRU_PREV), last);
        if (last == 0) {
            m.set(head + LIST_FIRST, pfn + 1);
        } else {
            m.set(l.page(last - 1, PG_LRU_NEXT), pfn + 1);
        }
        m.set(head + LIST_LAST, pfn + 1);
        m.add(head + LIST_COUNT, 1);
    }

    /** {@code list_del}: unlinks {@code pfn}, which must be on the list at {@code head}. */
    public void remove(int head, int pfn) {
        int prev = m.get(l.page(pfn, PG_LRU_PREV));
        int next = m.get(l.page(pfn, PG_LRU_NEXT));
        if (prev == 0) {
            m.set(head + LIST_FIRST, next);
        } else {
            m.set(l.page(prev - 1, PG_LRU_NEXT), next);
        }
        if (next == 0) {
            m.set(head + LIST_LAST, prev);
        } else {
            m.set(l.page(next - 1, PG_LRU_PREV), prev);
        }
        m.set(l.page(pfn, PG_LRU_PREV), 0);
        m.set(l.page(pfn, PG_LRU_NEXT), 0);
        m.add(head + LIST_COUNT, -1);
    }
}
