package org.mmspec.ref.gup;

import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.pin.GupPins;
import org.mmspec.ref.sync.Irqs;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Mms;

/**
 * {@code get_user_pages_fast()} / {@code pin_user_pages_fast()} for one page (mm/gup.c, generic
 * {@code gup_pgd_range()} → {@code gup_pte_range()}; Linux 4.9, with the {@code FOLL_PIN} additions of
 * 5.7–5.13): the page-table walk without {@code mmap_sem}. With interrupts disabled — which holds off
 * the IPI that {@code free_pgtables()} and the TLB shootdown wait for, so the page table stays allocated
 * under the walk — read the pmd, then the PTE ({@code gup_get_pte}); if it is present, a user page, not
 * special and (for {@code FOLL_WRITE}) writable, take a reference speculatively
 * ({@code try_grab_compound_head}: unless the count is already zero), then re-read the PTE: if it
 * changed, the page may have been unmapped and reused, so drop the reference. Anything the fast path
 * cannot do falls back to {@code get_user_pages_unlocked()} (takes {@code mmap_sem}, faults pages in).
 *
 * <p>{@code FOLL_PIN} (5.x): {@code mm->has_pinned} is set first (5.9), so that {@code fork()} copies
 * pinned pages for the child instead of write-protecting them; and the walk is bracketed by
 * {@code mm->write_protect_seq} (5.13, 57efa1fe5957): a fork that write-protected the parent's PTEs
 * meanwhile makes the fast path unpin and fall back. With {@link BugId#GUP_FAST_FORK} the sequence
 * count is not checked (5.9–5.12): a pin taken while fork copies the page tables can end up on a page
 * fork has just write-protected and shared with the child. {@code FOLL_LONGTERM} never takes the fast
 * path (5.4–5.10, {@code __gup_longterm_unlocked}). Context: process, no locks held; not in a
 * {@code VM_IO}/{@code VM_PFNMAP} mapping.
 *
 * <p>Arguments: mm, address, foll flags ({@code FOLL_WRITE}, {@code FOLL_GET} or {@code FOLL_PIN},
 * {@code FOLL_LONGTERM}). Returns the pfn, with the reference taken, or {@code -EFAULT}/{@code -ENOMEM}.
 */
public final class GupFast extends Procedure {

    private static final int MM = 0;
    private static final int ADDR = 1;
    private static final int FLAGS = 2;
    /** The sampled {@code write_protect_seq}, + 1. */
    private static final int SEQ = 3;
    /** The PTE value the walk read. */
    private static final int PTE = 4;
    /** The page the speculative reference is on, pfn + 1. */
    private static final int PAGE = 5;

    private static final int START = 0;
    private static final int SEQ_READ = 1;
    private static final int WALK_PMD = 2;
    private static final int WALK_PTE = 3;
    private static final int GRAB = 4;
    private static final int RECHECK = 5;
    private static final int DROP = 6;
    private static final int SEQ_RETRY = 7;
    private static final int UNPIN = 8;
    private static final int SLOW = 9;
    private static final int SLOW_DONE = 10;
    private static final int PUT_DONE = 11;

    private final Geometry geometry;
    private final PageTables pageTables;
    private final Mms mms;
    private final Irqs irqs;
    private final GupPins gupPins;
    private final GetUserPagesUnlocked slowPath;
    private final PutPage putPage;

    public GupFast(Geometry geometry, PageTables pageTables, Mms mms, Irqs irqs, GupPins gupPins,
            GetUserPagesUnlocked slowPath, PutPage putPage) {
        super("get_user_pages_fast", "atomic_set:has_pinned", "raw_read_seqcount", "local_irq_save:gup_pmd_range",
                "gup_pte_range:gup_get_pte", "try_grab_compound_head", "gup_pte_range:recheck_pte",
                "put_compound_head", "read_seqcount_retry", "unpin_user_pages", "get_user_pages_unlocked",
                "get_user_pages_unlocked:done", "put_page:done");
        this.geometry = geometry;
        this.pageTables = pageTables;
        this.mms = mms;
        this.irqs = irqs;
        this.gupPins = gupPins;
        this.slowPath = slowPath;
        this.putPage = putPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int flags = c.local(FLAGS);
        boolean pin = (flags & Foll.FOLL_PIN) != 0;
        switch (pc) {
            case START -> {
                if (!geometry.isUser(c.local(ADDR))) {
                    return c.ret(Foll.EFAULT);
                }
                if ((flags & Foll.FOLL_LONGTERM) != 0) {
                    return c.yieldTo(SLOW);
                }
                if (pin) {
                    mms.setHasPinned(c.local(MM));
                    return c.yieldTo(SEQ_READ);
                }
                return c.next(WALK_PMD);
            }
            case SEQ_READ -> {
                int seq = mms.writeProtectSeq(c.local(MM));
                if ((seq & 1) != 0) {
                    return c.yieldTo(SLOW);
                }
                c.set(SEQ, seq + 1);
                return c.yieldTo(WALK_PMD);
            }
            case WALK_PMD -> {
                irqs.disable();
                if (pageTables.pmdNone(pmd(c))) {
                    irqs.enable();
                    return c.yieldTo(SLOW);
                }
                return c.yieldTo(WALK_PTE);
            }
            case WALK_PTE -> {
                return walkPte(c, flags);
            }
            case GRAB -> {
                int page = Pte.ptePfn(c.local(PTE));
                if (!gupPins.grabSpeculative(page, pin)) {
                    irqs.enable();
                    return c.yieldTo(SLOW);
                }
                c.set(PAGE, page + 1);
                return c.yieldTo(RECHECK);
            }
            case RECHECK, DROP, SEQ_RETRY, UNPIN -> {
                return finish(c, pc, pin);
            }
            case SLOW -> {
                return c.call(slowPath, SLOW_DONE, c.local(MM), c.local(ADDR), flags & ~Foll.FOLL_LONGTERM);
            }
            case SLOW_DONE -> {
                return c.ret(c.result());
            }
            case PUT_DONE -> {
                return c.yieldTo(SLOW);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 35, pc);
        }
    }

    private int pmd(Ctx c) {
        PageTables pt = pageTables;
        int addr = c.local(ADDR);
        return pt.pmdOffset(pt.pgdOffset(c.local(MM), addr), addr);
    }

    private int ptep(Ctx c) {
        return pageTables.pteOffsetMap(pmd(c), c.local(ADDR));
    }

    /** {@code gup_get_pte()} and the checks {@code gup_pte_range()} makes on it. */
    private Flow walkPte(Ctx c, int flags) {
        int pte = pageTables.read(ptep(c));
        boolean ok = Pte.ptePresent(pte) && (pte & Pte.L_PTE_USER) != 0 && (pte & Pte.L_PTE_NONE) == 0
                && !Pte.pteSpecial(pte) && Pte.ptePfn(pte) != Pages.ZERO_PFN
                && ((flags & Foll.FOLL_WRITE) == 0 || Pte.pteWrite(pte));
        if (!ok) {
            irqs.enable();
            return c.yieldTo(SLOW);
        }
        c.set(PTE, pte);
        return c.yieldTo(GRAB);
    }

    /** The PTE re-check, dropping a reference that may be on a reused page, and the 5.13 seqcount retry. */
    private Flow finish(Ctx c, int pc, boolean pin) {
        int page = c.local(PAGE) - 1;
        switch (pc) {
            case RECHECK -> {
                if (pageTables.read(ptep(c)) != c.local(PTE)) {
                    return c.yieldTo(DROP);
                }
                irqs.enable();
                if (pin && !c.bug(BugId.GUP_FAST_FORK)) {
                    return c.yieldTo(SEQ_RETRY);
                }
                return c.ret(page);
            }
            case DROP -> {
                irqs.enable();
                return drop(c, page, pin);
            }
            case SEQ_RETRY -> {
                if (mms.writeProtectSeq(c.local(MM)) != c.local(SEQ) - 1) {
                    return c.yieldTo(UNPIN);
                }
                return c.ret(page);
            }
            default -> {
                return drop(c, page, pin);
            }
        }
    }

    /** {@code put_compound_head()} / {@code unpin_user_pages()}: the speculative reference goes; then the slow path. */
    private Flow drop(Ctx c, int page, boolean pin) {
        c.set(PAGE, 0);
        gupPins.unpinGhost(page);
        return c.call(putPage, PUT_DONE, page, GupPins.references(pin));
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " addr=0x" + Integer.toHexString(f.local(ADDR)) + " " + Foll.describe(f.local(FLAGS));
    }
}
