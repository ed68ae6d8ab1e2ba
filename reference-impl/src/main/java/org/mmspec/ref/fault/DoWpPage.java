package org.mmspec.ref.fault;

import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mmap.Memory;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.rmap.Rmap;
import org.mmspec.ref.swap.Swap;
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
 * the PTE lock held.
 * <ul>
 * <li>An anonymous (non-KSM) page is locked ({@code trylock_page}, or dropping the PTE lock to sleep
 * in {@code lock_page} and rechecking the PTE) and reused in place if {@code reuse_swap_page()} says
 * no one else maps it ({@code wp_page_reuse}: writable, dirty, young; {@code VM_FAULT_WRITE}).</li>
 * <li>A page of a shared writable mapping is reused and dirtied ({@code wp_page_shared}).</li>
 * <li>Anything else — a page-cache page in a private mapping, a shared anonymous page, the zero page —
 * is copied ({@code wp_page_copy}); a page-cache page is never written through a private mapping.</li>
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
    private static final int LOCK_PAGE = 1;
    private static final int RELOCK = 2;
    private static final int REUSE_CHECK = 3;
    private static final int REUSE = 4;
    private static final int NO_REUSE = 5;
    private static final int RACED = 6;
    private static final int COPIED = 7;

    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final Swap swap;
    private final PageLock pageLock;
    private final Vmas vmas;
    private final Rmap rmap;
    private final Memory memory;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;
    private final WpPageCopy wpPageCopy;

    public DoWpPage(Pages pages, Lru lru, PageTables pageTables, Swap swap, PageLock pageLock, Vmas vmas, Rmap rmap,
            Memory memory, LockPage lockPage, UnlockPage unlockPage, WpPageCopy wpPageCopy) {
        super("do_wp_page", "vm_normal_page", "lock_page", "pte_offset_map_lock", "reuse_swap_page",
                "wp_page_reuse", "wp_page_copy:prepare", "pte_changed", "wp_page_copy:done");
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.swap = swap;
        this.pageLock = pageLock;
        this.vmas = vmas;
        this.rmap = rmap;
        this.memory = memory;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
        this.wpPageCopy = wpPageCopy;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Vmas v = vmas;
        Pages p = pages;
        PageTables pt = pageTables;
        int vma = c.local(VMA);
        int ptep = c.local(PTEP);
        switch (pc) {
            case START -> {
                int page = memory.vmNormalPage(vma, c.local(ORIG));
                c.set(PAGE, page);
                int flags = v.vmFlags(vma);
                if (page < 0) {
                    pt.pteUnmapUnlock(ptep);
                    return copy(c, -1);
                }
                if (p.pageAnon(page) && !p.pageKsm(page)) {
                    if (pageLock.trylockPage(page)) {
                        return c.next(REUSE_CHECK);
                    }
                    p.getPage(page);
                    pt.pteUnmapUnlock(ptep);
                    return c.yieldTo(LOCK_PAGE);
                }
                if ((flags & (VmFlags.VM_WRITE | VmFlags.VM_SHARED)) == (VmFlags.VM_WRITE | VmFlags.VM_SHARED)) {
                    reusePte(c);
                    pt.pteUnmapUnlock(ptep);
                    p.setPageFlag(page, PageFlag.DIRTY);
                    return c.ret(VmFault.VM_FAULT_WRITE);
                }
                p.getPage(page);
                pt.pteUnmapUnlock(ptep);
                return copy(c, page);
            }
            case LOCK_PAGE -> {
                return c.call(lockPage, RELOCK, c.local(PAGE), 0);
            }
            case RELOCK -> {
                if (!pt.relockPte(ptep)) {
                    return Flow.BLOCK;
                }
                if (!Pte.pteSame(pt.read(ptep), c.local(ORIG))) {
                    return c.call(unlockPage, RACED, c.local(PAGE));
                }
                lru.putPage(c.local(PAGE));
                return c.next(REUSE_CHECK);
            }
            case REUSE_CHECK -> {
                int page = c.local(PAGE);
                if (swap.reuseSwapPage(page)) {
                    if (p.pageMapcount(page) == 1) {
                        rmap.pageMoveAnonRmap(page, vma);
                    }
                    return c.call(unlockPage, REUSE, page);
                }
                return c.call(unlockPage, NO_REUSE, page);
            }
            case REUSE -> {
                reusePte(c);
                pt.pteUnmapUnlock(ptep);
                return c.ret(VmFault.VM_FAULT_WRITE);
            }
            case NO_REUSE -> {
                int page = c.local(PAGE);
                p.getPage(page);
                pt.pteUnmapUnlock(ptep);
                return copy(c, page);
            }
            case RACED -> {
                pt.pteUnmapUnlock(ptep);
                lru.putPage(c.local(PAGE));
                return c.ret(0);
            }
            case COPIED -> {
                return c.ret(c.result());
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 8, pc);
        }
    }

    /** {@code wp_page_reuse()}: the PTE becomes young, dirty and (if the VMA allows) writable. */
    private void reusePte(Ctx c) {
        int entry = Pte.pteMkyoung(c.local(ORIG));
        entry = VmFlags.maybeMkwrite(Pte.pteMkdirty(entry), vmas.vmFlags(c.local(VMA)));
        pageTables.ptepSetAccessFlags(c.local(PTEP), entry);
    }

    private Flow copy(Ctx c, int oldPage) {
        return c.call(wpPageCopy, COPIED, c.local(VMA), c.local(ADDR), c.local(PTEP), c.local(ORIG), oldPage);
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR)) + (f.local(PAGE) > 0 ? " pfn=" + f.local(PAGE) : "");
    }
}
