package org.mmspec.ref.audit;

import static org.mmspec.ref.state.Layout.F_KIND;
import static org.mmspec.ref.state.Layout.PG_FLAGS;
import static org.mmspec.ref.state.Layout.PG_INDEX;
import static org.mmspec.ref.state.Layout.PG_LOCKER;
import static org.mmspec.ref.state.Layout.PG_MAPCOUNT;
import static org.mmspec.ref.state.Layout.PG_MAPPING;
import static org.mmspec.ref.state.Layout.PG_PINS;
import static org.mmspec.ref.state.Layout.PG_PRIVATE;
import static org.mmspec.ref.state.Layout.PG_REFCOUNT;
import static org.mmspec.ref.state.Layout.VM_START;
import static org.mmspec.ref.state.Layout.WQ_PFN;
import static org.mmspec.ref.state.Layout.WQ_TID;

import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;

/**
 * Whether a {@code struct page} is published — reachable by another thread through a shared structure —
 * derived from the state, with no ghost of its own: a page is private to the thread that holds it when
 * it is allocated or being freed, and no present PTE (user or kernel) maps it, it is on no LRU list, in no
 * page cache or swap cache, no slab, no buddy free list, no wait queue, no vmalloc area, holds no GUP pin
 * and nobody else holds its page lock. The zero page is always published. A page whose references the
 * thread froze ({@code page_ref_freeze} to zero in {@code __remove_mapping}, with the page lock held) is
 * private to it as well, though still in the page or swap cache: a lookup there cannot take a reference
 * ({@code get_page_unless_zero} fails), and no PTE, LRU list or pin reaches it.
 */
final class Privacy {

    private static final int PUBLISHED_FLAGS = PageFlag.LRU.mask() | PageFlag.SWAPCACHE.mask() | PageFlag.SLAB.mask()
            | PageFlag.RESERVED.mask();

    private final Layout l;
    private final Config c;
    private final Mem m;

    Privacy(Layout l, Mem m) {
        this.l = l;
        this.c = l.config();
        this.m = m;
    }

    /** Whether {@code pfn} lies in a free block of the buddy allocator (its head carries {@code PageBuddy}). */
    boolean inBuddy(int pfn) {
        int zoneStart = pfn / c.pagesPerZone() * c.pagesPerZone();
        for (int o = 0; o < c.maxOrder(); o++) {
            int head = pfn & ~((1 << o) - 1);
            if (head >= zoneStart && m.peek(l.page(head, PG_MAPCOUNT)) == Pages.PAGE_BUDDY_MAPCOUNT_VALUE
                    && m.peek(l.page(head, PG_PRIVATE)) == o) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code pfn} is private to the running thread {@code tid} (see the class comment). */
    boolean isPrivate(int pfn, int tid) {
        if (pfn == Pages.ZERO_PFN || inBuddy(pfn)) {
            return false;
        }
        int flags = m.peek(l.page(pfn, PG_FLAGS));
        if (frozenBy(pfn, tid, flags)) {
            return true;
        }
        if ((flags & PUBLISHED_FLAGS) != 0 || m.peek(l.page(pfn, PG_PINS)) != 0) {
            return false;
        }
        if ((flags & PageFlag.LOCKED.mask()) != 0 && m.peek(l.page(pfn, PG_LOCKER)) != tid + 1) {
            return false;
        }
        return !inPageCache(pfn) && !mapped(pfn) && !queued(pfn) && !inVmalloc(pfn);
    }

    /** References frozen at zero by {@code tid}, which holds the page lock; on no LRU list, mapped by no PTE. */
    private boolean frozenBy(int pfn, int tid, int flags) {
        return m.peek(l.page(pfn, PG_REFCOUNT)) == 0 && (flags & PageFlag.LOCKED.mask()) != 0
                && m.peek(l.page(pfn, PG_LOCKER)) == tid + 1 && (flags & PageFlag.LRU.mask()) == 0
                && m.peek(l.page(pfn, PG_PINS)) == 0 && !mapped(pfn) && !queued(pfn);
    }

    private boolean inPageCache(int pfn) {
        int mapping = m.peek(l.page(pfn, PG_MAPPING));
        if (!Mapping.isFile(mapping)) {
            return false;
        }
        int file = Mapping.target(mapping);
        int index = m.peek(l.page(pfn, PG_INDEX));
        return file < c.nrFiles() && m.peek(l.file(file, F_KIND)) != 0 && index >= 0 && index < c.filePages()
                && m.peek(l.fileCache(file, index)) == pfn + 1;
    }

    private boolean mapped(int pfn) {
        int ptes = l.pgdsPerMm * c.ptrsPerPmd() * c.ptrsPerPte();
        for (int mm = 0; mm < c.nrMms(); mm++) {
            for (int i = 0; i < ptes; i++) {
                int pte = m.peek(l.pte(mm, i));
                if (Pte.ptePresent(pte) && Pte.ptePfn(pte) == pfn) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean queued(int pfn) {
        for (int e = 0; e < c.waitQueueSlots(); e++) {
            if (m.peek(l.waitQueue(e, WQ_TID)) != 0 && m.peek(l.waitQueue(e, WQ_PFN)) == pfn) {
                return true;
            }
        }
        return false;
    }

    private boolean inVmalloc(int pfn) {
        for (int a = 0; a < c.nrVmallocAreas(); a++) {
            if (m.peek(l.vmArea(a, VM_START)) == 0) {
                continue;
            }
            for (int i = 0; i < c.kernelPages(); i++) {
                if (m.peek(l.vmAreaPage(a, i)) == pfn + 1) {
                    return true;
                }
            }
        }
        return false;
    }
}
