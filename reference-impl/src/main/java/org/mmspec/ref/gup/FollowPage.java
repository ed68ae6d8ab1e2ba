package org.mmspec.ref.gup;

import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mmap.Memory;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.MarkPageAccessed;
import org.mmspec.ref.pageref.MlockVmaPage;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.pin.GupPins;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code follow_page_mask()} → {@code follow_page_pte()} (mm/gup.c, Linux 4.9): under the PTE lock,
 * the page a present PTE maps, or {@code NULL} (-1) when there is none or — for {@code FOLL_WRITE} —
 * the PTE may not be written through. Fixed (19be0eaffa3a, {@code can_follow_write_pte}): a read-only
 * PTE may be followed for a write only with {@code FOLL_FORCE}, {@code FOLL_COW} and a dirty PTE (the
 * COW has happened and this is our private copy). With {@link BugId#DIRTY_COW} the pre-fix rule
 * applies: a read-only PTE is never followed for a write (and the caller drops {@code FOLL_WRITE}
 * instead). The zero page is returned for reads; {@code FOLL_GET} takes a reference and {@code FOLL_PIN} a
 * pin ({@code try_grab_page()}, Linux 5.7);
 * {@code FOLL_TOUCH} dirties the page for a write ({@code set_page_dirty}: its lockless {@code PageDirty}
 * pre-check only short-cuts the atomic test-and-set, and is left out) and marks it accessed — {@code
 * get_page}, the dirtying and {@link MarkPageAccessed} are actions of their own, with the PTE lock held
 * until the end. {@code FOLL_MLOCK} in a {@code VM_LOCKED} VMA then mlocks the page, if it has a mapping
 * (a racy look at {@code page->mapping}) and {@code trylock_page} takes it: {@link MlockVmaPage
 * mlock_vma_page}, {@code unlock_page} — still under the PTE lock. Context: {@code mmap_sem} for read.
 *
 * <p>Arguments: vma, address, foll flags. Returns the pfn, -1 ({@code NULL}) or {@code -EFAULT} (-14).
 */
public final class FollowPage extends Procedure {

    private static final int VMA = 0;
    private static final int ADDR = 1;
    private static final int FLAGS = 2;
    private static final int PAGE = 3;
    private static final int PTEP = 4;
    private static final int PTE = 5;

    private static final int LOOKUP = 0;
    private static final int TOUCH = 1;
    private static final int ACCESSED = 2;
    private static final int UNLOCK = 3;
    private static final int MLOCK_MAPPING = 4;
    private static final int MLOCK_TRYLOCK = 5;
    private static final int MLOCKED = 6;
    private static final int MLOCK_UNLOCKED = 7;
    private static final int MLOCK_UNLOCK = 8;

    private final Pages pages;
    private final PageTables pageTables;
    private final Vmas vmas;
    private final Memory memory;
    private final MarkPageAccessed markPageAccessed;
    private final PageLock pageLock;
    private final MlockVmaPage mlockVmaPage;
    private final UnlockPage unlockPage;
    private final GupPins gupPins;

    public FollowPage(Pages pages, PageTables pageTables, Vmas vmas, Memory memory, MarkPageAccessed markPageAccessed,
            PageLock pageLock, MlockVmaPage mlockVmaPage, UnlockPage unlockPage, GupPins gupPins) {
        super("follow_page_mask", "follow_page_pte", "FOLL_TOUCH:set_page_dirty", "mark_page_accessed",
                "pte_unmap_unlock", "FOLL_MLOCK:page->mapping", "FOLL_MLOCK:trylock_page", "mlock_vma_page:done",
                "FOLL_MLOCK:unlock_page:done", "FOLL_MLOCK:unlock_page");
        this.pages = pages;
        this.pageTables = pageTables;
        this.vmas = vmas;
        this.memory = memory;
        this.markPageAccessed = markPageAccessed;
        this.pageLock = pageLock;
        this.mlockVmaPage = mlockVmaPage;
        this.unlockPage = unlockPage;
        this.gupPins = gupPins;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int page = c.local(PAGE);
        int flags = c.local(FLAGS);
        return switch (pc) {
            case LOOKUP -> lookup(c, flags);
            case TOUCH -> {
                if ((flags & Foll.FOLL_WRITE) != 0 && !Pte.pteDirty(c.local(PTE))) {
                    pages.setPageFlag(page, PageFlag.DIRTY);
                    yield c.yieldTo(ACCESSED);
                }
                yield c.next(ACCESSED);
            }
            case ACCESSED -> c.call(markPageAccessed, UNLOCK, page);
            case UNLOCK -> mlock(c, flags) ? c.yieldTo(MLOCK_MAPPING) : unlock(c, page);
            case MLOCK_MAPPING -> pages.mapping(page) != Mapping.NULL ? c.yieldTo(MLOCK_TRYLOCK) : unlock(c, page);
            case MLOCK_TRYLOCK -> pageLock.trylockPage(page) ? c.call(mlockVmaPage, MLOCKED, page, 1) : unlock(c, page);
            case MLOCKED -> c.yieldTo(MLOCK_UNLOCK);
            case MLOCK_UNLOCK -> c.call(unlockPage, MLOCK_UNLOCKED, page);
            default -> unlock(c, page);
        };
    }

    /** {@code FOLL_MLOCK} in a {@code VM_LOCKED} VMA. */
    private boolean mlock(Ctx c, int flags) {
        return (flags & Foll.FOLL_MLOCK) != 0 && (vmas.vmFlags(c.local(VMA)) & VmFlags.VM_LOCKED) != 0;
    }

    private Flow unlock(Ctx c, int page) {
        pageTables.pteUnmapUnlock(c.local(PTEP));
        return c.ret(page);
    }

    /** The pmd, then under the PTE lock the PTE and its page, with a reference under {@code FOLL_GET}. */
    private Flow lookup(Ctx c, int flags) {
        PageTables pt = pageTables;
        int vma = c.local(VMA);
        int addr = c.local(ADDR);
        int pmd = pt.pmdOffset(pt.pgdOffset(vmas.mmOf(vma), addr), addr);
        if (pt.pmdNone(pmd)) {
            return c.ret((flags & Foll.FOLL_DUMP) != 0 ? Foll.EFAULT : -1);
        }
        int ptep = pt.pteOffsetMapLock(pmd, addr);
        if (ptep < 0) {
            return Flow.BLOCK;
        }
        int pte = pt.read(ptep);
        int page = followPagePte(c, vma, pte, flags);
        if (page < 0 || page == Pages.ZERO_PFN || (flags & Foll.FOLL_TOUCH) == 0) {
            if (page >= 0 && (flags & (Foll.FOLL_GET | Foll.FOLL_PIN)) != 0) {
                gupPins.grab(page, (flags & Foll.FOLL_PIN) != 0);
            }
            pt.pteUnmapUnlock(ptep);
            return c.ret(page);
        }
        c.set(PAGE, page);
        c.set(PTEP, ptep);
        c.set(PTE, pte);
        if ((flags & (Foll.FOLL_GET | Foll.FOLL_PIN)) != 0) {
            gupPins.grab(page, (flags & Foll.FOLL_PIN) != 0);
            return c.yieldTo(TOUCH);
        }
        return c.next(TOUCH);
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
