package org.mmspec.ref.gup;

import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mmap.Memory;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pin.GupPins;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code follow_page_mask()} → {@code follow_page_pte()} (mm/gup.c, Linux 4.9): under the PTE lock,
 * the page a present PTE maps, or {@code NULL} (-1) when there is none or — for {@code FOLL_WRITE} —
 * the PTE may not be written through. Fixed (19be0eaffa3a, {@code can_follow_write_pte}): a read-only
 * PTE may be followed for a write only with {@code FOLL_FORCE}, {@code FOLL_COW} and a dirty PTE (the
 * COW has happened and this is our private copy). With {@link BugId#DIRTY_COW} the pre-fix rule
 * applies: a read-only PTE is never followed for a write (and the caller drops {@code FOLL_WRITE}
 * instead). The zero page is returned for reads; {@code FOLL_GET} takes a reference and
 * {@code FOLL_PIN} a pin ({@code try_grab_page()}, Linux 5.7); {@code FOLL_TOUCH} dirties the page for a
 * write and marks it accessed. Context: {@code mmap_sem} for read.
 *
 * <p>Arguments: vma, address, foll flags. Returns the pfn, -1 ({@code NULL}) or {@code -EFAULT} (-14).
 */
public final class FollowPage extends Procedure {

    private static final int VMA = 0;
    private static final int ADDR = 1;
    private static final int FLAGS = 2;

    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final Vmas vmas;
    private final Memory memory;
    private final GupPins gupPins;

    public FollowPage(Pages pages, Lru lru, PageTables pageTables, Vmas vmas, Memory memory, GupPins gupPins) {
        super("follow_page_mask", "follow_page_pte");
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.vmas = vmas;
        this.memory = memory;
        this.gupPins = gupPins;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        PageTables pt = pageTables;
        Vmas v = vmas;
        int vma = c.local(VMA);
        int addr = c.local(ADDR);
        int flags = c.local(FLAGS);
        int pmd = pt.pmdOffset(pt.pgdOffset(v.mmOf(vma), addr), addr);
        if (pt.pmdNone(pmd)) {
            return c.ret((flags & Foll.FOLL_DUMP) != 0 ? Foll.EFAULT : -1);
        }
        int ptep = pt.pteOffsetMapLock(pmd, addr);
        if (ptep < 0) {
            return Flow.BLOCK;
        }
        int pte = pt.read(ptep);
        int result = followPagePte(c, vma, pte, flags);
        pt.pteUnmapUnlock(ptep);
        return c.ret(result);
    }

    private int followPagePte(Ctx c, int vma, int pte, int flags) {
        if (!Pte.ptePresent(pte)) {
            return -1;
        }
        if ((flags & Foll.FOLL_WRITE) != 0 && !canFollowWritePte(c, pte, flags)) {
            return -1;
        }
        int page = memory.vmNormalPage(vma, pte);
        if (page < 0) {
            if ((flags & Foll.FOLL_DUMP) != 0) {
                return Foll.EFAULT;
            }
            if (Pte.ptePfn(pte) != Pages.ZERO_PFN) {
                return Foll.EFAULT;
            }
            page = Pages.ZERO_PFN;
        }
        Pages p = pages;
        if ((flags & (Foll.FOLL_GET | Foll.FOLL_PIN)) != 0) {
            gupPins.grab(page, (flags & Foll.FOLL_PIN) != 0);
        }
        if ((flags & Foll.FOLL_TOUCH) != 0 && page != Pages.ZERO_PFN) {
            if ((flags & Foll.FOLL_WRITE) != 0 && !Pte.pteDirty(pte) && !p.pageFlag(page, PageFlag.DIRTY)) {
                p.setPageFlag(page, PageFlag.DIRTY);
            }
            lru.markPageAccessed(page);
        }
        return page;
    }

    /** {@code can_follow_write_pte()} (fixed) or the pre-fix {@code pte_write()} test (Dirty COW). */
    private boolean canFollowWritePte(Ctx c, int pte, int flags) {
        if (Pte.pteWrite(pte)) {
            return true;
        }
        if (c.bug(BugId.DIRTY_COW)) {
            return false;
        }
        return (flags & Foll.FOLL_FORCE) != 0 && (flags & Foll.FOLL_COW) != 0 && Pte.pteDirty(pte);
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR)) + " " + Foll.describe(f.local(FLAGS));
    }
}
