package org.mmspec.ref.mmap;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
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
     * The {@code unlink_anon_vmas()} part of {@code free_pgtables()} for one zapped VMA: under the anon_vma
     * root's rwsem for write (false if it is held: the step blocks), the VMA leaves every anon_vma chain.
     * Context: {@code mmap_sem} for write.
     */
    public boolean unlinkAnonVmas(int vma) {
        int av = vmas.anonVma(vma);
        if (av < 0) {
            return true;
        }
        if (!anonVmas.lockWrite(av)) {
            return false;
        }
        int root = anonVmas.root(av);
        anonVmas.unlinkAnonVmas(vma);
        anonVmas.unlockWriteRoot(root);
        return true;
    }

    /**
     * The {@code unlink_file_vma()} part of {@code free_pgtables()} and {@code remove_vma()}: under the
     * file's {@code i_mmap_rwsem} for write (false if it is held: the step blocks) the VMA leaves the file's
     * {@code i_mmap} and the mm; then the PTE tables no VMA uses any more are unlinked ({@code
     * free_pgd_range} → {@code free_pte_range}: {@code pmd_clear}, then {@code pte_free_tlb} — the table
     * itself is freed once the TLB shootdown's IPI has been taken everywhere, see {@code unmap.Munmap}).
     * Returns -1 when the step must block, else the number of PTE tables unlinked. Context: {@code mmap_sem}
     * for write.
     */
    public int unlinkFileAndRemove(int vma) {
        Vmas v = vmas;
        int file = v.vmFile(vma);
        if (file >= 0 && !pageCache.immapLockWrite(file)) {
            return -1;
        }
        int mm = v.mmOf(vma);
        v.removeVma(vma);
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
            if (pt.tableEmpty(pmd)) {
                pt.freePteTable(pmd);
                freed++;
            }
        }
        return freed;
    }
}
