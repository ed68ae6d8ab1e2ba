package org.mmspec.invariants;

import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.view.KernelConstants;
import org.mmspec.ref.view.MmView;
import org.mmspec.ref.view.GhostView.WriteEvent;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code cow_isolation} (the Dirty COW property): a write made in the last step through a private
 * mapping — by the task itself, or through a {@code get_user_pages()} reference taken on its behalf
 * ({@code /proc/pid/mem}, {@code ptrace}, a direct-I/O read completing later) — lands on a page that no
 * one else can see: never on a page-cache page, the zero page or a KSM page, and never on an anonymous
 * page that anyone but the writer's own PTE at that address can reach: another PTE mapping it, a swap
 * PTE holding the swap slot it caches (it will map the page on swap-in), or another process's
 * {@code get_user_pages()} reference (a pipe buffer, a direct-I/O request: a GUP reference is a mapping
 * too — what the other process reads or writes through it would be this one's data). A write to a page
 * the writer's range no longer reaches because it discarded it ({@code MADV_DONTNEED}, {@code munmap})
 * is lost, not leaked, and is not a violation.
 *
 * <p>Kernel: mm/memory.c {@code do_wp_page()} (reuse only an exclusively owned anonymous page,
 * otherwise {@code wp_page_copy()}), mm/swapfile.c {@code reuse_swap_page()} (map count plus swap
 * count), mm/gup.c {@code can_follow_write_pte()} and {@code FOLL_COW} (19be0eaffa3a, the fix of
 * CVE-2016-5195 — bug A1 {@code dirty-cow}); mm/memory.c {@code copy_present_page()} (70e806e4e645,
 * 5.9: fork copies pages that may be DMA-pinned) and {@code write_protect_seq} (57efa1fe5957, 5.13);
 * CVE-2020-29374 (a child's {@code vmsplice()} reference kept seeing the parent's writes).
 */
public final class CowIsolation implements Invariant<MmView> {

    public static final String ID = "cow_isolation";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "a write through a private mapping lands on an anonymous page mapped only there: never on a page-cache"
                + " page, the zero page or an anon page another PTE maps (the Dirty COW property)";
    }

    @Override
    public Witness check(MmView v) {
        WriteEvent w = v.ghosts().lastWrite();
        if (w == null || (w.via() & KernelConstants.VIA_PRIVATE) == 0) {
            return null;
        }
        int pfn = w.pfn();
        if (!Scan.validPfn(v, pfn)) {
            return Witness.of(Names.thread(w.tid()) + via(w) + Names.pte(w.mm(), w.addr()) + " reached pfn " + pfn
                    + ", which has no struct page", Names.thread(w.tid()), Names.pte(w.mm(), w.addr()));
        }
        String target = sharedTarget(v, pfn, w);
        if (target == null) {
            return null;
        }
        String who = Names.thread(w.tid());
        String where = Names.pte(w.mm(), w.addr());
        return Witness.of(who + via(w) + where + " landed on " + target, who, where, Names.pfn(pfn));
    }

    private static String via(WriteEvent w) {
        return (w.via() & KernelConstants.VIA_GUP) != 0 ? "'s get_user_pages() write through private "
                : "'s write through private ";
    }

    /** What others can see of the page written, or null when it is exclusively the writer's. */
    private static String sharedTarget(MmView v, int pfn, WriteEvent w) {
        int mapping = v.mapping(pfn);
        if (pfn == KernelConstants.ZERO_PFN) {
            return "the zero page";
        }
        if (Mapping.isFile(mapping)) {
            return "page-cache " + Names.pfn(pfn) + " of file" + Mapping.target(mapping) + " (the file is modified)";
        }
        if (Mapping.isKsm(mapping)) {
            return "KSM " + Names.pfn(pfn);
        }
        if (Mapping.isAnon(mapping)) {
            String other = OtherReferences.of(v, pfn, w.mm(), w.addr());
            if (other != null) {
                return "anon " + Names.pfn(pfn) + ", which " + other + " can reach too";
            }
        }
        return null;
    }
}
