package org.mmspec.ref.unmap;

import org.mmspec.ref.mmap.Mmap;
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
 * {@code mprotect(start, len, prot)} → {@code mprotect_fixup()} → {@code change_protection()}
 * (mm/mprotect.c, Linux 4.9): under {@code mmap_sem} for write, check the whole range is mapped and
 * the new protection is allowed ({@code VM_MAY*}), split VMAs at the ends, set the new flags, then per
 * PTE table under the PTE lock rewrite each present PTE's protection bits ({@code pte_modify}:
 * dirty, young and the pfn stay). Private writable mappings stay read-only in the PTEs (COW).
 * Context: process.
 *
 * <p>Arguments: mm, start, len, prot. Returns 0, {@code -ENOMEM} (hole) or {@code -EACCES}.
 */
public final class Mprotect extends Procedure {

    private static final int PTE_MODIFY_MASK = Pte.L_PTE_XN | Pte.L_PTE_RDONLY | Pte.L_PTE_USER | Pte.L_PTE_NONE
            | Pte.L_PTE_VALID;

    private static final int MM = 0;
    private static final int START = 1;
    private static final int LEN = 2;
    private static final int PROT = 3;
    private static final int CURSOR = 4;

    private static final int DOWN_WRITE = 0;
    private static final int CHANGE = 1;

    private final Geometry geometry;
    private final PageTables pageTables;
    private final Vmas vmas;
    private final Mms mms;
    private final Mmap mmap;

    public Mprotect(Geometry geometry, PageTables pageTables, Vmas vmas, Mms mms, Mmap mmap) {
        super("mprotect", "mprotect_fixup", "change_pte_range");
        this.geometry = geometry;
        this.pageTables = pageTables;
        this.vmas = vmas;
        this.mms = mms;
        this.mmap = mmap;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int mm = c.local(MM);
        int start = c.local(START);
        int end = start + Geometry.pageAlign(c.local(LEN));
        if (pc == DOWN_WRITE) {
            if (!Geometry.isPageAligned(start) || c.local(LEN) <= 0) {
                return c.ret(Mmap.EINVAL);
            }
            if (!mms.downWrite(mm)) {
                return Flow.BLOCK;
            }
            int err = fixup(mm, start, end, c.local(PROT));
            if (err != 0) {
                mms.upWrite(mm);
                return c.ret(err);
            }
            c.set(CURSOR, start);
            return c.yieldTo(CHANGE);
        }
        return changeTable(c, mm, end);
    }

    /** Checks and applies the new flags to every VMA of {@code [start, end)}. Returns 0 or an errno. */
    private int fixup(int mm, int start, int end, int prot) {
        Vmas v = vmas;
        int want = VmFlags.calcVmProtBits(prot);
        for (int a = start; a < end; ) {
            int vma = v.findVma(mm, a);
            if (vma < 0 || v.vmStart(vma) > a) {
                return Vmas.ENOMEM;
            }
            int flags = v.vmFlags(vma);
            if ((want & VmFlags.VM_WRITE) != 0 && (flags & VmFlags.VM_MAYWRITE) == 0
                    || (want & VmFlags.VM_READ) != 0 && (flags & VmFlags.VM_MAYREAD) == 0) {
                return Mmap.EACCES;
            }
            a = v.vmEnd(vma);
        }
        mmap.splitAt(mm, start);
        mmap.splitAt(mm, end);
        for (int a = start; a < end; ) {
            int vma = v.findVma(mm, a);
            int flags = v.vmFlags(vma) & ~(VmFlags.VM_READ | VmFlags.VM_WRITE | VmFlags.VM_EXEC);
            v.setVmFlags(vma, flags | want);
            a = v.vmEnd(vma);
        }
        return 0;
    }

    /** {@code change_pte_range()} for the table holding the cursor. */
    private Flow changeTable(Ctx c, int mm, int end) {
        PageTables pt = pageTables;
        Vmas v = vmas;
        int addr = c.local(CURSOR);
        if (addr >= end) {
            mms.upWrite(mm);
            return c.ret(0);
        }
        int pmdSize = 1 << geometry.pmdShift;
        int tableEnd = Math.min(end, (addr & ~(pmdSize - 1)) + pmdSize);
        int pmd = pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
        if (!pt.pmdNone(pmd)) {
            if (pt.pteOffsetMapLock(pmd, addr) < 0) {
                return Flow.BLOCK;
            }
            for (int a = addr; a < tableEnd; a += Geometry.PAGE_SIZE) {
                int ptep = pt.pteOffsetMap(pmd, a);
                int pte = pt.read(ptep);
                if (Pte.ptePresent(pte)) {
                    int prot = v.vmPageProt(v.findVma(mm, a));
                    pt.ptepSetAccessFlags(ptep, (pte & ~PTE_MODIFY_MASK) | (prot & PTE_MODIFY_MASK));
                }
            }
            pt.pteUnmapUnlock(pt.pteOffsetMap(pmd, addr));
        }
        c.set(CURSOR, tableEnd);
        return c.yieldTo(CHANGE);
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " 0x" + Integer.toHexString(f.local(START)) + "+0x" + Integer.toHexString(f.local(LEN))
                + " prot=" + f.local(PROT);
    }
}
