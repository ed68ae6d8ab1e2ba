package org.mmspec.ref.fault;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
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
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code wp_page_copy()} (mm/memory.c, Linux 4.9): copy-on-write. Allocates a new anonymous page (a
 * zeroed one when the old PTE maps the zero page), copies the old contents, and under the PTE lock,
 * if the PTE is unchanged, maps the copy (dirty, writable if the VMA is) and drops the old page's
 * mapping; otherwise the copy is released. The caller's reference on the old page is dropped at the
 * end. Context: {@code mmap_sem} for read; entered without the PTE lock.
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

    private static final int PREPARE = 0;
    private static final int ALLOCATED = 1;
    private static final int INSTALL = 2;

    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final Vmas vmas;
    private final Mms mms;
    private final AnonVmas anonVmas;
    private final Rmap rmap;
    private final AllocPages allocPages;

    public WpPageCopy(Pages pages, Lru lru, PageTables pageTables, Vmas vmas, Mms mms, AnonVmas anonVmas, Rmap rmap,
            AllocPages allocPages) {
        super("wp_page_copy", "anon_vma_prepare", "cow_user_page", "set_pte_at_notify");
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.vmas = vmas;
        this.mms = mms;
        this.anonVmas = anonVmas;
        this.rmap = rmap;
        this.allocPages = allocPages;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Pages p = pages;
        int vma = c.local(VMA);
        int old = c.local(OLD);
        switch (pc) {
            case PREPARE -> {
                anonVmas.anonVmaPrepare(vma);
                int gfp = old < 0 ? Gfp.GFP_HIGHUSER_MOVABLE | Gfp.__GFP_ZERO : Gfp.GFP_HIGHUSER_MOVABLE;
                return c.call(allocPages, ALLOCATED, gfp, 0);
            }
            case ALLOCATED -> {
                int page = c.result();
                if (page < 0) {
                    if (old >= 0) {
                        lru.putPage(old);
                    }
                    return c.ret(VmFault.VM_FAULT_OOM);
                }
                p.setData(page, old < 0 ? 0 : p.data(old));
                p.setPageFlag(page, PageFlag.UPTODATE);
                c.set(NEW, page);
                return c.yieldTo(INSTALL);
            }
            case INSTALL -> {
                return install(c, p, vma, old);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 9, pc);
        }
    }

    private Flow install(Ctx c, Pages p, int vma, int old) {
        PageTables pt = pageTables;
        Vmas v = vmas;
        int ptep = c.local(PTEP);
        int mm = v.mmOf(vma);
        if (!pt.relockPte(ptep)) {
            return Flow.BLOCK;
        }
        int newPage = c.local(NEW);
        boolean copied = false;
        if (Pte.pteSame(pt.read(ptep), c.local(ORIG))) {
            if (old >= 0 && !p.pageAnon(old)) {
                mms.addMmCounter(mm, Mms.MM_FILEPAGES, -1);
                mms.addMmCounter(mm, Mms.MM_ANONPAGES, 1);
            } else if (old < 0) {
                mms.addMmCounter(mm, Mms.MM_ANONPAGES, 1);
            }
            int entry = VmFlags.maybeMkwrite(Pte.pteMkdirty(Pte.mkPte(newPage, v.vmPageProt(vma))), v.vmFlags(vma));
            pt.ptepGetAndClear(ptep);
            rmap.pageAddNewAnonRmap(newPage, vma, c.local(ADDR));
            lru.lruCacheAddActive(newPage);
            pt.setPteAt(mm, c.local(ADDR), ptep, entry);
            mms.snapshotLogical(mm, c.local(ADDR), p.data(newPage));
            if (old >= 0) {
                rmap.pageRemoveRmap(old);
            }
            newPage = old;
            copied = true;
        }
        if (newPage >= 0) {
            lru.putPage(newPage);
        }
        pt.pteUnmapUnlock(ptep);
        if (old >= 0) {
            lru.putPage(old);
        }
        return c.ret(copied ? VmFault.VM_FAULT_WRITE : 0);
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR)) + (f.local(OLD) >= 0 ? " old pfn=" + f.local(OLD) : " zero page");
    }
}
