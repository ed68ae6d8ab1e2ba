package org.mmspec.ref.mmap;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.rmap.AnonVmas;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.vma.Vmas;

/** The non-sleeping parts of tearing a VMA down (mm/mmap.c {@code free_pgtables}, {@code remove_vma}). */
public final class Unmapper {

    private final Config c;
    private final Geometry geometry;
    private final Vmas vmas;
    private final PageCache pageCache;
    private final AnonVmas anonVmas;
    private final PageTables pageTables;

    public Unmapper(Config c, Geometry geometry, Vmas vmas, PageCache pageCache,
            AnonVmas anonVmas,
            PageTables pageTables) {
        this.c = c;
        this.geometry = geometry;
        this.vmas = vmas;
        this.pageCache = pageCache;
        this.anonVmas = anonVmas;
        this.pageTables = pageTables;
    }

    /**
     * {@code free_pgtables()} + {@code remove_vma()} for one zapped VMA: takes the file's
     * {@code i_mmap_rwsem} and the anon_vma root's rwsem for write (false if either is held: the step
     * blocks), unlinks the VMA from both ({@code unlink_file_vma}, {@code unlink_anon_vmas}), removes it
     * from the mm and unlinks PTE tables no VMA uses any more ({@code free_pte_range}: {@code pmd_clear},
     * then {@code pte_free_tlb} — the table itself is freed once the TLB shootdown's IPI has been taken
     * everywhere, see {@code unmap.Munmap}). Returns -1 when the step must block, else the number of PTE
     * tables unlinked. Context: {@code mmap_sem} for write.
     */
    public int freeVma(int vma) {
        Vmas v = vmas;
        int file = v.vmFile(vma);
        int av = v.anonVma(vma);
        if (file >= 0 && !pageCache.immapLockWrite(file)) {
            return -1;
        }
        if (av >= 0 && !anonVmas.lockWrite(av)) {
            return -1;
        }
        int root = av >= 0 ? anonVmas.root(av) : -1;
        int mm = v.mmOf(vma);
        anonVmas.unlinkAnonVmas(vma);
        v.removeVma(vma);
        if (root >= 0) {
            anonVmas.unlockWriteRoot(root);
        }
        if (file >= 0) {
            pageCache.immapUnlockWrite(file);
        }
        return freeUnusedTables(mm);
    }

    /**
     * Unlinks every PTE table of {@code mm} whose range no VMA covers and whose PTEs are all none; returns
     * how many.
     */
    public int freeUnusedTables(int mm) {
        int freed = 0;
        PageTables pt = pageTables;
        Vmas v = vmas;
        int tableSize = c.ptrsPerPte() << Geometry.PAGE_SHIFT;
        for (int start = 0; start < geometry.taskSize; start += tableSize) {
            int pmd = pt.pmdOffset(pt.pgdOffset(mm, start), start);
            if (pt.pmdNone(pmd) || v.findVmaIntersection(mm, start, start + tableSize) >= 0) {
                continue;
            }
            boolean empty = true;
            int first = pt.firstPteOfTable(pmd);
            for (int i = 0; i < c.ptrsPerPte() && empty; i++) {
                empty = Pte.pteNone(pt.read(first + i));
            }
            if (empty) {
                pt.freePteTable(pmd);
                freed++;
            }
        }
        return freed;
    }
}
