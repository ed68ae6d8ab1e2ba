package org.mmspec.ref.fault;

import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mmap.Memory;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.pageref.ReuseSwapPage;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.rmap.Rmap;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code do_wp_page()} (mm/memory.c, Linux 4.9): a write to a present, read-only PTE. Entered with
 * the PTE lock held. Action by action:
 * <ul>
 * <li>An anonymous (non-KSM) page is locked — {@code trylock_page}, or, if that fails, {@code get_page},
 * drop the PTE lock, {@code lock_page}, retake the PTE lock, recheck the PTE ({@code pte_same}; on a change
 * back out: {@code unlock_page}, drop the PTE lock, {@code put_page}) and {@code put_page} — and reused in
 * place if {@code reuse_swap_page()} says no one else maps it ({@code page_move_anon_rmap} when its map
 * count is one, {@code unlock_page}, {@code wp_page_reuse}: young, dirty, writable; {@code
 * VM_FAULT_WRITE}).</li>
 * <li>A page of a shared writable mapping ({@code wp_page_shared}, a file system without {@code
 * page_mkwrite}: shmem) is reused: {@code get_page}, {@code wp_page_reuse} and the PTE lock dropped, then
 * {@code lock_page}, {@code set_page_dirty}, {@code unlock_page}, {@code put_page}.</li>
 * <li>Anything else — a page-cache page in a private mapping, a shared anonymous page, the zero page —
 * is copied: {@code get_page}, drop the PTE lock, {@link WpPageCopy}.</li>
 * </ul>
 * Context: {@code mmap_sem} for read; PTE lock held on entry, released on return.
 *
 * <p>Arguments: vma, address, ptep, orig_pte. Returns {@code VM_FAULT_*}.
 */
public final class DoWpPage extends Procedure {

    private static final int VMA = 0;
    private static final int ADDR = 1;
    private static final int PTEP = 2;
    private static final int ORIG = 3;
    private static final int PAGE = 4;

    private static final int START = 0;
    private static final int GET = 1;
    private static final int LOCK_PAGE = 2;
    private static final int LOCKED = 3;
    private static final int RELOCK = 4;
    private static final int REUSE = 5;
    private static final int REUSE_CHECKED = 6;
    private static final int UNLOCK_REUSE = 7;
    private static final int REUSE_PTE = 8;
    private static final int UNLOCK_NO_REUSE = 9;
    private static final int COPY_GET = 10;
    private static final int COPY = 11;
    private static final int RETURN = 12;
    private static final int RACED = 13;
    private static final int RACED_PUT = 14;
    private static final int RETURN_0 = 15;
    private static final int SHARED_LOCK = 16;
    private static final int SHARED_LOCKED = 17;
    private static final int SHARED_DIRTY = 18;
    private static final int SHARED_UNLOCKED = 19;
    private static final int SHARED_PUT = 20;
    private static final int RETURN_WRITE = 21;
    private static final int PUT_DONE = 22;
    private static final int SHARED_UNLOCK = 23;
    private static final int UNLOCKED_NO_REUSE = 24;

    private final Pages pages;
    private final PageTables pageTables;
    private final PageLock pageLock;
    private final Vmas vmas;
    private final Rmap rmap;
    private final Memory memory;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;
    private final PutPage putPage;
    private final ReuseSwapPage reuseSwapPage;
    private final WpPageCopy wpPageCopy;

    public DoWpPage(Pages pages, PageTables pageTables, PageLock pageLock, Vmas vmas, Rmap rmap, Memory memory,
            LockPage lockPage, UnlockPage unlockPage, PutPage putPage, ReuseSwapPage reuseSwapPage,
            WpPageCopy wpPageCopy) {
        super("do_wp_page", "vm_normal_page", "get_page", "lock_page", "lock_page:done", "pte_offset_map_lock",
                "reuse_swap_page", "reuse_swap_page:done", "unlock_page(reuse)", "wp_page_reuse", "unlock_page",
                "get_page(copy)", "wp_page_copy", "wp_page_copy:done", "unlock_page(raced)", "put_page(raced)",
                "return", "wp_page_shared:lock_page", "lock_page(shared):done", "set_page_dirty",
                "unlock_page(shared):done", "put_page(shared)", "return(write)", "put_page:done", "unlock_page(shared)",
                "unlock_page:done");
        this.pages = pages;
        this.pageTables = pageTables;
        this.pageLock = pageLock;
        this.vmas = vmas;
        this.rmap = rmap;
        this.memory = memory;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
        this.putPage = putPage;
        this.reuseSwapPage = reuseSwapPage;
        this.wpPageCopy = wpPageCopy;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int page = c.local(PAGE);
        int ptep = c.local(PTEP);
        return switch (pc) {
            case START -> start(c, ptep);
            case GET -> {
                pages.refs().getPage(page);
                pageTables.pteUnmapUnlock(ptep);
                yield c.yieldTo(LOCK_PAGE);
            }
            case LOCK_PAGE -> c.call(lockPage, LOCKED, page, 0);
            case LOCKED -> c.yieldTo(RELOCK);
            case RELOCK -> relock(c, page, ptep);
            case PUT_DONE -> c.yieldTo(REUSE);
            case REUSE -> c.call(reuseSwapPage, REUSE_CHECKED, page);
            case REUSE_CHECKED -> reuseChecked(c, page);
            case UNLOCK_REUSE -> c.call(unlockPage, REUSE_PTE, page);
            case REUSE_PTE -> {
                reusePte(c);
                pageTables.pteUnmapUnlock(ptep);
                yield c.ret(VmFault.VM_FAULT_WRITE);
            }
            case UNLOCK_NO_REUSE -> c.call(unlockPage, UNLOCKED_NO_REUSE, page);
            case UNLOCKED_NO_REUSE -> c.yieldTo(COPY_GET);
            case COPY_GET -> {
                pages.refs().getPage(page);
                pageTables.pteUnmapUnlock(ptep);
                yield c.yieldTo(COPY);
            }
            case COPY -> c.call(wpPageCopy, RETURN, c.local(VMA), c.local(ADDR), ptep, c.local(ORIG), page);
            case RETURN -> c.ret(c.result());
            case RACED -> {
                pageTables.pteUnmapUnlock(ptep);
                yield c.yieldTo(RACED_PUT);
            }
            case RACED_PUT -> c.call(putPage, RETURN_0, page);
            case RETURN_0 -> c.ret(0);
            default -> shared(c, pc, page);
        };
    }

    /**
     * The PTE lock held (taken by the caller in this step): {@code vm_normal_page}, {@code PageAnon},
     * and the path the page takes.
     */
    private Flow start(Ctx c, int ptep) {
        int page = memory.vmNormalPage(c.local(VMA), c.local(ORIG));
        c.set(PAGE, page);
        if (page < 0) {
            pageTables.pteUnmapUnlock(ptep);
            return c.yieldTo(COPY);
        }
        if (pages.pageAnon(page) && !pages.pageKsm(page)) {
            return pageLock.trylockPage(page) ? c.call(reuseSwapPage, REUSE_CHECKED, page) : c.yieldTo(GET);
        }
        int flags = vmas.vmFlags(c.local(VMA));
        pages.refs().getPage(page);
        if ((flags & (VmFlags.VM_WRITE | VmFlags.VM_SHARED)) == (VmFlags.VM_WRITE | VmFlags.VM_SHARED)) {
            reusePte(c);
            pageTables.pteUnmapUnlock(ptep);
            return c.yieldTo(SHARED_LOCK);
        }
        pageTables.pteUnmapUnlock(ptep);
        return c.yieldTo(COPY);
    }

    /** After {@code lock_page}: the PTE lock again, and the PTE rechecked. */
    private Flow relock(Ctx c, int page, int ptep) {
        if (!pageTables.relockPte(ptep)) {
            return Flow.BLOCK;
        }
        if (!Pte.pteSame(pageTables.read(ptep), c.local(ORIG))) {
            return c.call(unlockPage, RACED, page);
        }
        return c.call(putPage, PUT_DONE, page);
    }

    /** {@code reuse_swap_page()} answered (bit 0: reuse; bit 1: mapped once). */
    private Flow reuseChecked(Ctx c, int page) {
        int r = c.result();
        if ((r & ReuseSwapPage.REUSE) == 0) {
            return c.yieldTo(UNLOCK_NO_REUSE);
        }
        if ((r & ReuseSwapPage.MAPPED_ONCE) != 0) {
            rmap.pageMoveAnonRmap(page, c.local(VMA));
        }
        return c.yieldTo(UNLOCK_REUSE);
    }

    /** {@code wp_page_shared()} after the PTE is reused: the page dirtied under its lock. */
    private Flow shared(Ctx c, int pc, int page) {
        return switch (pc) {
            case SHARED_LOCK -> c.call(lockPage, SHARED_LOCKED, page, 0);
            case SHARED_LOCKED -> c.yieldTo(SHARED_DIRTY);
            case SHARED_DIRTY -> {
                if (pages.pageAnon(page)) {
                    throw new Oops(OopsKind.MODEL_MISUSE, 8, page);
                }
                pages.setPageFlag(page, PageFlag.DIRTY);
                yield c.yieldTo(SHARED_UNLOCK);
            }
            case SHARED_UNLOCK -> c.call(unlockPage, SHARED_UNLOCKED, page);
            case SHARED_UNLOCKED -> c.yieldTo(SHARED_PUT);
            case SHARED_PUT -> c.call(putPage, RETURN_WRITE, page);
            case RETURN_WRITE -> c.ret(VmFault.VM_FAULT_WRITE);
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 8, pc);
        };
    }

    /** {@code wp_page_reuse()}: the PTE becomes young, dirty and (if the VMA allows) writable. */
    private void reusePte(Ctx c) {
        int entry = Pte.pteMkyoung(c.local(ORIG));
        entry = VmFlags.maybeMkwrite(Pte.pteMkdirty(entry), vmas.vmFlags(c.local(VMA)));
        pageTables.ptepSetAccessFlags(c.local(PTEP), entry);
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR)) + (f.local(PAGE) > 0 ? " pfn=" + f.local(PAGE) : "");
    }
}
