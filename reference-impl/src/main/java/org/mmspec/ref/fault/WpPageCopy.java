package org.mmspec.ref.fault;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pageref.MlockVmaPage;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.rmap.AnonVmas;
import org.mmspec.ref.rmap.Rmap;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.tlb.Tlb;
import org.mmspec.ref.tlbflush.FlushTlb;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code wp_page_copy()} (mm/memory.c, Linux 4.9): copy-on-write, action by action. {@code
 * anon_vma_prepare()} (a look at {@code vma->anon_vma}, then — an action later — {@code page_table_lock}
 * to set one up); a new page (a zeroed one when the old PTE maps the zero page); {@code cow_user_page}: a
 * racy read of the old page's contents into the private copy; then under the PTE lock, if the PTE is
 * unchanged, {@code ptep_clear_flush_notify()}: the PTE is cleared and, as {@code pte_accessible()} says
 * a CPU may still translate through it, flushed from every TLB ({@link FlushTlb}: the local flush, then one
 * IPI per other CPU of {@code mm_cpumask}, the PTE lock held throughout); then the copy is mapped (dirty,
 * writable if the VMA is; its {@code lru_cache_add_active_or_unevictable} takes {@code lru_lock} at once,
 * the pagevec drained) and then — an action later, being an atomic after that release — the old page loses
 * this mapping ({@code page_remove_rmap}; the last mapping of an mlocked page clears it, {@code
 * clear_page_mlock}) — otherwise the copy is released; then, still under the PTE lock,
 * {@code put_page} of whichever page is left over (the old one after a copy: the PTE's reference); the PTE
 * lock dropped; and last the caller's reference on the old page dropped ({@code put_page}). Context:
 * {@code mmap_sem} for read; entered without the PTE lock, with a reference on the old page.
 *
 * <p>Arguments: vma, address, ptep, orig_pte, old page (-1 for none). Returns {@code VM_FAULT_WRITE}
 * when the copy was mapped, else 0.
 */
public final class WpPageCopy extends Procedure {

    private static final int VMA = 0;
    private static final int ADDR = 1;
    private static final int PTEP = 2;
    private static final int ORIG = 3;
    private static final int OLD = 4;
    private static final int NEW = 5;
    private static final int COPIED = 6;

    private static final int PREPARE = 0;
    private static final int PREPARE_LOCKED = 1;
    private static final int ALLOC = 2;
    private static final int ALLOCATED = 3;
    private static final int COPY = 4;
    private static final int INSTALL = 5;
    private static final int PUT_LEFTOVER = 6;
    private static final int UNLOCK = 7;
    private static final int PUT_OLD = 8;
    private static final int RETURN = 9;
    private static final int OOM_PUT = 10;
    private static final int OOM = 11;
    private static final int REMOVE_RMAP = 12;
    private static final int FLUSHED = 13;
    private static final int REPLACE = 14;
    private static final int CLEAR_MLOCK = 15;
    private static final int MLOCK_CLEARED = 16;

    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final Vmas vmas;
    private final Mms mms;
    private final AnonVmas anonVmas;
    private final Rmap rmap;
    private final AllocPages allocPages;
    private final PutPage putPage;
    private final Tlb tlb;
    private final FlushTlb flushTlb;
    private final MlockVmaPage mlockVmaPage;

    /** The procedures {@code wp_page_copy()} calls besides the allocator and {@code put_page}. */
    public record Calls(FlushTlb flushTlb, MlockVmaPage mlockVmaPage) {
    }

    public WpPageCopy(Pages pages, Lru lru, PageTables pageTables, Vmas vmas, Mms mms, AnonVmas anonVmas, Rmap rmap,
            AllocPages allocPages, PutPage putPage, Tlb tlb, Calls calls) {
        super("wp_page_copy", "anon_vma_prepare", "__anon_vma_prepare", "alloc_page_vma", "alloc_page_vma:done",
                "cow_user_page", "set_pte_at_notify", "put_page(new_page)", "pte_unmap_unlock", "put_page(old_page)",
                "return", "put_page(oom)", "return(oom)", "page_remove_rmap(old_page)", "ptep_clear_flush:done",
                "page_add_new_anon_rmap", "clear_page_mlock", "clear_page_mlock:done");
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.vmas = vmas;
        this.mms = mms;
        this.anonVmas = anonVmas;
        this.rmap = rmap;
        this.allocPages = allocPages;
        this.putPage = putPage;
        this.tlb = tlb;
        this.flushTlb = calls.flushTlb();
        this.mlockVmaPage = calls.mlockVmaPage();
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int vma = c.local(VMA);
        int old = c.local(OLD);
        return switch (pc) {
            case PREPARE -> vmas.anonVma(vma) >= 0 ? c.next(ALLOC) : c.yieldTo(PREPARE_LOCKED);
            case PREPARE_LOCKED -> {
                anonVmas.anonVmaPrepareLocked(vma);
                yield c.yieldTo(ALLOC);
            }
            case ALLOC -> c.call(allocPages, ALLOCATED,
                    old < 0 ? Gfp.GFP_HIGHUSER_MOVABLE | Gfp.__GFP_ZERO : Gfp.GFP_HIGHUSER_MOVABLE, 0);
            case ALLOCATED -> {
                int page = c.result();
                if (page < 0) {
                    yield old >= 0 ? c.yieldTo(OOM_PUT) : c.ret(VmFault.VM_FAULT_OOM);
                }
                c.set(NEW, page);
                yield c.yieldTo(COPY);
            }
            case COPY -> {
                int page = c.local(NEW);
                pages.setData(page, old < 0 ? 0 : pages.data(old));
                pages.setPageFlagNonAtomic(page, PageFlag.UPTODATE);
                yield c.yieldTo(INSTALL);
            }
            case INSTALL -> install(c, vma, old);
            case PUT_LEFTOVER -> c.call(putPage, UNLOCK, c.local(NEW));
            case UNLOCK -> {
                pageTables.pteUnmapUnlock(c.local(PTEP));
                yield old >= 0 ? c.yieldTo(PUT_OLD) : c.ret(c.local(COPIED));
            }
            case PUT_OLD -> c.call(putPage, RETURN, old);
            case RETURN -> c.ret(c.local(COPIED));
            case OOM_PUT -> c.call(putPage, OOM, old);
            case OOM -> c.ret(VmFault.VM_FAULT_OOM);
            case REMOVE_RMAP -> c.yieldTo(rmap.pageRemoveRmap(old) ? CLEAR_MLOCK : PUT_LEFTOVER);
            case CLEAR_MLOCK -> c.call(mlockVmaPage, MLOCK_CLEARED, old, 0);
            case MLOCK_CLEARED, FLUSHED -> c.yieldTo(pc == FLUSHED ? REPLACE : PUT_LEFTOVER);
            case REPLACE -> replace(c, vma, old);
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 9, pc);
        };
    }

    /**
     * Under the PTE lock: if the PTE is unchanged, {@code ptep_clear_flush}; else the copy is left to be
     * released.
     */
    private Flow install(Ctx c, int vma, int old) {
        PageTables pt = pageTables;
        int ptep = c.local(PTEP);
        int mm = vmas.mmOf(vma);
        if (!pt.relockPte(ptep)) {
            return Flow.BLOCK;
        }
        int orig = c.local(ORIG);
        if (!Pte.pteSame(pt.read(ptep), orig)) {
            return c.next(PUT_LEFTOVER);
        }
        if (old >= 0 && !pages.pageAnon(old)) {
            mms.addMmCounter(mm, Mms.MM_FILEPAGES, -1);
            mms.addMmCounter(mm, Mms.MM_ANONPAGES, 1);
        } else if (old < 0) {
            mms.addMmCounter(mm, Mms.MM_ANONPAGES, 1);
        }
        pt.ptepGetAndClear(ptep);
        if (tlb.pteAccessible(mm, orig)) {
            int addr = c.local(ADDR);
            return c.call(flushTlb, FLUSHED, mm, addr, addr + Geometry.PAGE_SIZE, 0);
        }
        return c.yieldTo(REPLACE);
    }

    /**
     * Still under the PTE lock, the old PTE cleared and flushed: the copy mapped ({@code NEW} then names the
     * old page, whose PTE reference is dropped next).
     */
    private Flow replace(Ctx c, int vma, int old) {
        Vmas v = vmas;
        int ptep = c.local(PTEP);
        int mm = v.mmOf(vma);
        int newPage = c.local(NEW);
        int entry = VmFlags.maybeMkwrite(Pte.pteMkdirty(Pte.mkPte(newPage, v.vmPageProt(vma))), v.vmFlags(vma));
        rmap.pageAddNewAnonRmap(newPage, vma, c.local(ADDR));
        lru.lruCacheAddActiveOrUnevictable(newPage, (v.vmFlags(vma) & VmFlags.VM_LOCKED) != 0);
        pageTables.setPteAt(mm, c.local(ADDR), ptep, entry);
        mms.snapshotLogical(mm, c.local(ADDR), pages.dataForGhost(newPage));
        c.set(COPIED, VmFault.VM_FAULT_WRITE);
        c.set(NEW, old);
        if (old < 0) {
            pageTables.pteUnmapUnlock(ptep);
            return c.ret(VmFault.VM_FAULT_WRITE);
        }
        return c.yieldTo(REMOVE_RMAP);
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR)) + (f.local(OLD) >= 0 ? " old pfn=" + f.local(OLD) : " zero page");
    }
}
