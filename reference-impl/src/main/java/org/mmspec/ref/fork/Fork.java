package org.mmspec.ref.fork;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mmap.Memory;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.rmap.AnonVmas;
import org.mmspec.ref.rmap.Rmap;
import org.mmspec.ref.swap.Swap;
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
 * {@code fork()}'s address-space copy: {@code dup_mm()} → {@code dup_mmap()} (kernel/fork.c) and
 * {@code copy_page_range()} (mm/memory.c, Linux 4.9). Under the parent's {@code mmap_sem} for write
 * (and the new child's), each VMA is copied (anonymous ones through {@code anon_vma_fork}, which takes
 * the anon_vma root's rwsem; file ones are linked into {@code i_mmap}). PTEs are copied only for VMAs
 * that have an anon_vma or are {@code VM_PFNMAP} — the child faults the rest in itself. Per PTE table,
 * under both PTE locks, {@code copy_one_pte()}: a swap entry gains a slot reference; a writable PTE of
 * a COW mapping is write-protected in both parent and child; the child's copy is old (and clean if
 * shared); a normal page gets a reference and {@code page_dup_rmap()}. Context: process.
 *
 * <p>Arguments: parent mm. Returns the child mm, or {@code -ENOMEM}.
 */
public final class Fork extends Procedure {

    private static final int PARENT = 0;
    private static final int CHILD = 1;
    private static final int CURSOR = 2;
    private static final int ADDR = 3;
    private static final int END = 4;

    private static final int LOCK = 0;
    private static final int VMA = 1;
    private static final int COPY = 2;

    private final Geometry geometry;
    private final Pages pages;
    private final PageTables pageTables;
    private final Swap swap;
    private final PageCache pageCache;
    private final Vmas vmas;
    private final Mms mms;
    private final AnonVmas anonVmas;
    private final Rmap rmap;
    private final Memory memory;

    public Fork(Geometry geometry, Pages pages, PageTables pageTables, Swap swap, PageCache pageCache, Vmas vmas,
            Mms mms, AnonVmas anonVmas, Rmap rmap, Memory memory) {
        super("dup_mmap", "down_write_mmap_sem", "vm_area_dup", "copy_pte_range");
        this.geometry = geometry;
        this.pages = pages;
        this.pageTables = pageTables;
        this.swap = swap;
        this.pageCache = pageCache;
        this.vmas = vmas;
        this.mms = mms;
        this.anonVmas = anonVmas;
        this.rmap = rmap;
        this.memory = memory;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int parent = c.local(PARENT);
        switch (pc) {
            case LOCK -> {
                if (!mms.downWrite(parent)) {
                    return Flow.BLOCK;
                }
                int child = mms.mmAlloc();
                mms.downWrite(child);
                c.set(CHILD, child);
                c.set(CURSOR, 0);
                return c.yieldTo(VMA);
            }
            case VMA -> {
                return copyVma(c, parent);
            }
            case COPY -> {
                return copyTable(c, parent);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 19, pc);
        }
    }

    private Flow copyVma(Ctx c, int parent) {
        Vmas v = vmas;
        int child = c.local(CHILD);
        int pvma = v.findVma(parent, c.local(CURSOR));
        if (pvma < 0) {
            mms.upWrite(child);
            mms.upWrite(parent);
            return c.ret(child);
        }
        Vmas.VmaSpec spec = v.spec(pvma);
        if (spec.file() >= 0 && !pageCache.immapUnlocked(spec.file())) {
            if (!pageCache.immapLockWrite(spec.file())) {
                return Flow.BLOCK;
            }
            pageCache.immapUnlockWrite(spec.file());
        }
        int cvma = v.insertVmStruct(child, new Vmas.VmaSpec(spec.start(), spec.end(), spec.flags(), spec.file(),
                spec.pgoff(), -1, 0));
        if (!anonVmas.anonVmaFork(cvma, pvma)) {
            return Flow.BLOCK;
        }
        c.set(CURSOR, spec.end());
        if (spec.anonVma() >= 0 || (spec.flags() & VmFlags.VM_PFNMAP) != 0) {
            c.set(ADDR, spec.start());
            c.set(END, spec.end());
            return c.yieldTo(COPY);
        }
        return c.yieldTo(VMA);
    }

    /** {@code copy_pte_range()} for the table holding {@code ADDR}. */
    private Flow copyTable(Ctx c, int parent) {
        PageTables pt = pageTables;
        int child = c.local(CHILD);
        int addr = c.local(ADDR);
        int end = c.local(END);
        if (addr >= end) {
            return c.next(VMA);
        }
        int pmdSize = 1 << geometry.pmdShift;
        int tableEnd = Math.min(end, (addr & ~(pmdSize - 1)) + pmdSize);
        int srcPmd = pt.pmdOffset(pt.pgdOffset(parent, addr), addr);
        if (!pt.pmdNone(srcPmd)) {
            int dstPmd = pt.pmdOffset(pt.pgdOffset(child, addr), addr);
            pt.pteAlloc(dstPmd);
            if (pt.pteOffsetMapLock(dstPmd, addr) < 0 || pt.pteOffsetMapLock(srcPmd, addr) < 0) {
                return Flow.BLOCK;
            }
            int pvma = vmas.findVma(parent, addr);
            for (int a = addr; a < tableEnd; a += Geometry.PAGE_SIZE) {
                copyOnePte(pvma, child, pt.pteOffsetMap(srcPmd, a), pt.pteOffsetMap(dstPmd, a), a);
                mms.setLogical(child, a, mms.logical(parent, a));
            }
            pt.pteUnmapUnlock(pt.pteOffsetMap(srcPmd, addr));
            pt.pteUnmapUnlock(pt.pteOffsetMap(dstPmd, addr));
        }
        c.set(ADDR, tableEnd);
        return c.yieldTo(COPY);
    }

    /** {@code copy_one_pte()}. */
    private void copyOnePte(int pvma, int child, int src, int dst, int addr) {
        PageTables pt = pageTables;
        int pte = pt.read(src);
        if (Pte.pteNone(pte)) {
            return;
        }
        if (!Pte.ptePresent(pte)) {
            swap.swapDuplicate(Pte.swpOffset(pte));
            mms.addMmCounter(child, Mms.MM_SWAPENTS, 1);
            pt.setPteAt(child, addr, dst, pte);
            return;
        }
        int flags = vmas.vmFlags(pvma);
        if (VmFlags.isCowMapping(flags) && Pte.pteWrite(pte)) {
            pt.ptepSetWrprotect(src);
            pte = Pte.pteWrprotect(pte);
        }
        if ((flags & VmFlags.VM_SHARED) != 0) {
            pte = Pte.pteMkclean(pte);
        }
        pte = Pte.pteMkold(pte);
        int page = memory.vmNormalPage(pvma, pte);
        if (page >= 0) {
            pages.getPage(page);
            rmap.pageDupRmap(page);
            mms.addMmCounter(child, pages.pageAnon(page) ? Mms.MM_ANONPAGES : Mms.MM_FILEPAGES, 1);
        }
        pt.setPteAt(child, addr, dst, pte);
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(PARENT) + (f.local(CHILD) > 0 ? " -> mm" + f.local(CHILD) : "");
    }
}
