package org.mmspec.ref.fork;

import org.mmspec.ref.Kernel;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
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

    public static final Fork INSTANCE = new Fork();

    private static final int PARENT = 0;
    private static final int CHILD = 1;
    private static final int CURSOR = 2;
    private static final int ADDR = 3;
    private static final int END = 4;

    private static final int LOCK = 0;
    private static final int VMA = 1;
    private static final int COPY = 2;

    private Fork() {
        super("dup_mmap", "down_write_mmap_sem", "vm_area_dup", "copy_pte_range");
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Kernel k = c.k();
        int parent = c.local(PARENT);
        switch (pc) {
            case LOCK -> {
                if (!k.mms().downWrite(parent)) {
                    return Flow.BLOCK;
                }
                int child = k.mms().mmAlloc();
                k.mms().downWrite(child);
                c.set(CHILD, child);
                c.set(CURSOR, 0);
                return c.yieldTo(VMA);
            }
            case VMA -> {
                return copyVma(c, k, parent);
            }
            case COPY -> {
                return copyTable(c, k, parent);
            }
            default -> throw k.bug(org.mmspec.ref.sync.OopsKind.MODEL_MISUSE, 19, pc);
        }
    }

    private Flow copyVma(Ctx c, Kernel k, int parent) {
        Vmas v = k.vmas();
        int child = c.local(CHILD);
        int pvma = v.findVma(parent, c.local(CURSOR));
        if (pvma < 0) {
            k.mms().upWrite(child);
            k.mms().upWrite(parent);
            return c.ret(child);
        }
        Vmas.VmaSpec spec = v.spec(pvma);
        if (spec.file() >= 0 && !k.pageCache().immapUnlocked(spec.file())) {
            if (!k.pageCache().immapLockWrite(spec.file())) {
                return Flow.BLOCK;
            }
            k.pageCache().immapUnlockWrite(spec.file());
        }
        int cvma = v.insertVmStruct(child, new Vmas.VmaSpec(spec.start(), spec.end(), spec.flags(), spec.file(),
                spec.pgoff(), -1, 0));
        if (!k.anonVmas().anonVmaFork(cvma, pvma)) {
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
    private Flow copyTable(Ctx c, Kernel k, int parent) {
        PageTables pt = k.pageTables();
        int child = c.local(CHILD);
        int addr = c.local(ADDR);
        int end = c.local(END);
        if (addr >= end) {
            return c.next(VMA);
        }
        int pmdSize = 1 << k.geometry().pmdShift;
        int tableEnd = Math.min(end, (addr & ~(pmdSize - 1)) + pmdSize);
        int srcPmd = pt.pmdOffset(pt.pgdOffset(parent, addr), addr);
        if (!pt.pmdNone(srcPmd)) {
            int dstPmd = pt.pmdOffset(pt.pgdOffset(child, addr), addr);
            pt.pteAlloc(dstPmd);
            if (pt.pteOffsetMapLock(dstPmd, addr) < 0 || pt.pteOffsetMapLock(srcPmd, addr) < 0) {
                return Flow.BLOCK;
            }
            int pvma = k.vmas().findVma(parent, addr);
            for (int a = addr; a < tableEnd; a += Geometry.PAGE_SIZE) {
                copyOnePte(k, pvma, child, pt.pteOffsetMap(srcPmd, a), pt.pteOffsetMap(dstPmd, a), a);
                k.mms().setLogical(child, a, k.mms().logical(parent, a));
            }
            pt.pteUnmapUnlock(pt.pteOffsetMap(srcPmd, addr));
            pt.pteUnmapUnlock(pt.pteOffsetMap(dstPmd, addr));
        }
        c.set(ADDR, tableEnd);
        return c.yieldTo(COPY);
    }

    /** {@code copy_one_pte()}. */
    private static void copyOnePte(Kernel k, int pvma, int child, int src, int dst, int addr) {
        PageTables pt = k.pageTables();
        int pte = pt.read(src);
        if (Pte.pteNone(pte)) {
            return;
        }
        if (!Pte.ptePresent(pte)) {
            k.swap().swapDuplicate(Pte.swpOffset(pte));
            k.mms().addMmCounter(child, Mms.MM_SWAPENTS, 1);
            pt.setPteAt(child, addr, dst, pte);
            return;
        }
        int flags = k.vmas().vmFlags(pvma);
        if (VmFlags.isCowMapping(flags) && Pte.pteWrite(pte)) {
            pt.ptepSetWrprotect(src);
            pte = Pte.pteWrprotect(pte);
        }
        if ((flags & VmFlags.VM_SHARED) != 0) {
            pte = Pte.pteMkclean(pte);
        }
        pte = Pte.pteMkold(pte);
        int page = k.memory().vmNormalPage(pvma, pte);
        if (page >= 0) {
            k.pages().getPage(page);
            k.rmap().pageDupRmap(page);
            k.mms().addMmCounter(child, k.pages().pageAnon(page) ? Mms.MM_ANONPAGES : Mms.MM_FILEPAGES, 1);
        }
        pt.setPteAt(child, addr, dst, pte);
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(PARENT) + (f.local(CHILD) > 0 ? " -> mm" + f.local(CHILD) : "");
    }
}
