package org.mmspec.ref.pgtable;

import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.state.ScopedLock;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.sync.Locks;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * Multi-level page tables: pgd → pmd → pte (include/asm-generic/pgtable.h, arch/arm/include/asm/pgtable.h,
 * mm/memory.c). The pgd and pmd levels of an mm exist from its creation; a pmd entry is "none" until
 * {@code __pte_alloc()} populates it with a PTE table. Each PTE table has its own split PTE lock.
 *
 * <p>Pointers are word indexes into the state vector: a {@code pgd_t *} is the index of the pgd's
 * first pmd entry, a {@code pmd_t *} the index of the pmd entry, a {@code pte_t *} the index of the PTE.
 * {@code init_mm} (mm 0) holds the kernel pgd entries (the vmalloc area); user mms hold the user ones.
 */
public final class PageTables {

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final Geometry g;
    private final Pages pages;
    private final Locks locks;

    public PageTables(Config c, Layout l, Mem m, Geometry g, Pages pages, Locks locks) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.g = g;
        this.pages = pages;
        this.locks = locks;
    }

    // ---- walking ----

    /** {@code pgd_index()}. */
    public int pgdIndex(int addr) {
        return g.pgdIndex(addr);
    }

    /** {@code pte_index()}. */
    public int pteIndex(int addr) {
        return g.pteIndex(addr);
    }

    /**
     * {@code pgd_offset(mm, addr)}: the pgd entry of {@code addr} in {@code mm}.
     *
     * @throws Oops when {@code addr} is not in {@code mm}'s part of the address space
     */
    public int pgdOffset(int mm, int addr) {
        int slot = g.pgdIndex(addr) - (mm == 0 ? c.userPgds() : 0);
        boolean inRange = mm == 0 ? g.isVmalloc(addr) : g.isUser(addr);
        if (!inRange || slot < 0 || slot >= l.pgdsPerMm) {
            throw new Oops(OopsKind.BAD_ADDRESS, addr, mm);
        }
        return l.pmd(mm, slot * c.ptrsPerPmd());
    }

    /** {@code pgd_offset_k(addr)}: the kernel page table's ({@code init_mm}'s) pgd entry. */
    public int pgdOffsetK(int addr) {
        return pgdOffset(0, addr);
    }

    /** {@code pmd_offset(pud, addr)} (the pud level is folded). */
    public int pmdOffset(int pgd, int addr) {
        return pgd + g.pmdIndex(addr);
    }

    /** {@code pmd_none()}: no PTE table yet. */
    public boolean pmdNone(int pmd) {
        return m.get(pmd) == 0;
    }

    /**
     * {@code __pte_alloc()} (mm/memory.c): populates the pmd entry with a PTE table, under
     * {@code mm->page_table_lock} (held only inside the step), unless another thread did first.
     */
    public void pteAlloc(int pmd) {
        int mm = mmOfPmd(pmd);
        m.lockScoped(ScopedLock.PAGE_TABLE_LOCK, mm);
        if (m.get(pmd) == 0) {
            m.set(pmd, 1);
        }
        m.unlockScoped(ScopedLock.PAGE_TABLE_LOCK, mm);
    }

    /**
     * Enters the MMU's access through a translation: the walk, the young/dirty update of the PTE and the
     * load or store through it are one atomic hardware access in the model (no TLB: issue 11). Pair with
     * {@link #mmuEnd}.
     */
    public void mmuBegin() {
        m.compoundBegin();
    }

    public void mmuEnd() {
        m.compoundEnd();
    }

    /**
     * Whether every PTE of the table under {@code pmd} is none: the model's check that a table {@code
     * free_pgtables} frees is empty (the kernel knows it from the range), not a kernel access.
     */
    public boolean tableEmpty(int pmd) {
        int first = firstPteOfTable(pmd);
        m.ghostBegin();
        boolean empty = true;
        for (int i = 0; i < c.ptrsPerPte() && empty; i++) {
            empty = Pte.pteNone(m.get(first + i));
        }
        m.ghostEnd();
        return empty;
    }

    /**
     * Opens the racy look at a huge pmd ({@code pmd_trans_huge}, {@code pmd_page}): the model has no huge
     * pmds and scans the PTE table the pmd stands for, which counts as the one read the kernel makes. Pair
     * with {@link #hugePmdReadEnd}.
     */
    public void hugePmdReadBegin() {
        m.compoundBegin();
    }

    public void hugePmdReadEnd() {
        m.compoundEnd();
    }

    /** The MMU sets a PTE's young (and dirty) bits: an atomic update without the PTE lock. */
    public void mmuSetAccessFlags(int ptep, int entry) {
        int old = m.peek(ptep);
        if (old != entry) {
            m.cmpxchg(ptep, old, entry);
        }
    }

    /** The mm a pmd pointer belongs to. */
    public int mmOfPmd(int pmd) {
        return (pmd - l.mmBase) / l.mmStride;
    }

    /** The table number (within its mm) of a pmd pointer. */
    public int tableOfPmd(int pmd) {
        int mm = mmOfPmd(pmd);
        return pmd - l.pmd(mm, 0);
    }

    /** {@code pte_offset_map(pmd, addr)}: the PTE of {@code addr} in the table of {@code pmd}. */
    public int pteOffsetMap(int pmd, int addr) {
        int mm = mmOfPmd(pmd);
        return l.pte(mm, tableOfPmd(pmd) * c.ptrsPerPte() + g.pteIndex(addr));
    }

    /** {@code pte_unmap()}: no-op without highmem page tables. */
    public void pteUnmap(int pte) {
        // page tables are always mapped in the model (no CONFIG_HIGHPTE)
    }

    /** {@code pte_offset_kernel(pmd, addr)}: a kernel PTE; no lock, as for {@code init_mm}. */
    public int pteOffsetKernel(int pmd, int addr) {
        return pteOffsetMap(pmd, addr);
    }

    /** {@code pte_lockptr(mm, pmd)}: the split PTE lock word of the table. */
    public int pteLockptr(int pmd) {
        return l.ptl(mmOfPmd(pmd), tableOfPmd(pmd));
    }

    /**
     * {@code pte_offset_map_lock(mm, pmd, addr, &ptl)}: maps the PTE and takes the table's PTE lock.
     * Returns the PTE pointer, or -1 when the lock is held by another thread (the step blocks).
     * Context: {@code mmap_sem} held or the page tables otherwise pinned.
     */
    public int pteOffsetMapLock(int pmd, int addr) {
        int ptl = pteLockptr(pmd);
        if (!locks.spinLock(ptl, LockClass.PTL, BlockKind.PTL, mmOfPmd(pmd), tableOfPmd(pmd))) {
            return -1;
        }
        return pteOffsetMap(pmd, addr);
    }

    /**
     * Takes the PTE lock of the table holding PTE pointer {@code pte} again (after sleeping without it).
     * Returns false when the step must block.
     */
    public boolean relockPte(int pte) {
        int mm = (pte - l.mmBase) / l.mmStride;
        int table = (pte - l.pte(mm, 0)) / c.ptrsPerPte();
        return locks.spinLock(l.ptl(mm, table), LockClass.PTL, BlockKind.PTL, mm, table);
    }

    /** {@code pte_unmap_unlock(pte, ptl)}: releases the PTE lock of the table holding {@code pte}. */
    public void pteUnmapUnlock(int pte) {
        locks.spinUnlock(ptlOfPte(pte), LockClass.PTL);
    }

    /** The PTE lock word of the table holding PTE pointer {@code pte}. */
    public int ptlOfPte(int pte) {
        int mm = (pte - l.mmBase) / l.mmStride;
        int table = (pte - l.pte(mm, 0)) / c.ptrsPerPte();
        return l.ptl(mm, table);
    }

    /**
     * The PTE pointer of {@code addr} in {@code mm} if its table exists, else -1. A lockless walk, as
     * {@code follow_page_mask()} and {@code handle_mm_fault()} do before they take the PTE lock.
     */
    public int walk(int mm, int addr) {
        int pmd = pmdOffset(pgdOffset(mm, addr), addr);
        return pmdNone(pmd) ? -1 : pteOffsetMap(pmd, addr);
    }

    /** The PTE value of {@code addr} in {@code mm}, 0 when there is no table. */
    public int pteValue(int mm, int addr) {
        int pte = walk(mm, addr);
        return pte < 0 ? 0 : m.get(pte);
    }

    /** The bytes of address space one PTE table maps ({@code PMD_SIZE}). */
    public int tableSpan() {
        return c.ptrsPerPte() << Geometry.PAGE_SHIFT;
    }

    /** Whether {@code [start, end)} lies in user space ({@code TASK_SIZE}). */
    public boolean isUserRange(int start, int end) {
        return start >= 0 && start < end && end <= g.taskSize;
    }

    /** Receives the mm and address of a PTE ({@link #forEachMapping}). */
    @FunctionalInterface
    public interface MappingVisitor {
        void visit(int mm, int addr);
    }

    /** Visits every present user PTE, of every user mm, that maps {@code pfn} (a walk for ghost bookkeeping). */
    public void forEachMapping(int pfn, MappingVisitor v) {
        for (int mm = 1; mm < c.nrMms(); mm++) {
            for (int addr = 0; addr < g.taskSize; addr += Geometry.PAGE_SIZE) {
                int pte = pteValue(mm, addr);
                if (Pte.ptePresent(pte) && Pte.ptePfn(pte) == pfn) {
                    v.visit(mm, addr);
                }
            }
        }
    }

    /** Reads a PTE ({@code *ptep}). */
    public int read(int pte) {
        return m.get(pte);
    }

    // ---- modifying ----

    /**
     * {@code set_pte_at(mm, addr, ptep, pte)}: writes a PTE. Context: the PTE lock of the table (or
     * {@code init_mm} for kernel mappings).
     *
     * @throws Oops when a present, non-special PTE would map a free page
     */
    public void setPteAt(int mm, int addr, int ptep, int pte) {
        if (Pte.ptePresent(pte) && !Pte.pteSpecial(pte)) {
            int pfn = Pte.ptePfn(pte);
            Pages p = pages;
            m.ghostBegin();
            boolean free = !p.pfnValid(pfn) || p.pageCount(pfn) <= 0 || p.pageBuddy(pfn);
            m.ghostEnd();
            if (free) {
                throw new Oops(OopsKind.MAP_FREED_PAGE, pfn, addr);
            }
        }
        m.set(ptep, pte);
    }

    /**
     * {@code ptep_set_access_flags(vma, addr, ptep, entry, dirty)} (mm/pgtable-generic.c): updates the
     * young/dirty/write bits if they changed; returns whether it did. Context: PTE lock.
     */
    public boolean ptepSetAccessFlags(int ptep, int entry) {
        if (Pte.pteSame(m.get(ptep), entry)) {
            return false;
        }
        m.set(ptep, entry);
        return true;
    }

    /** {@code ptep_get_and_clear()}: reads and clears a PTE. Context: PTE lock. */
    public int ptepGetAndClear(int ptep) {
        int old = m.get(ptep);
        m.set(ptep, 0);
        return old;
    }

    /** {@code ptep_test_and_clear_young()}: clears the young bit; returns whether it was set. */
    public boolean ptepTestAndClearYoung(int ptep) {
        int v = m.get(ptep);
        if (!Pte.pteYoung(v)) {
            return false;
        }
        m.set(ptep, Pte.pteMkold(v));
        return true;
    }

    /** {@code ptep_set_wrprotect()}: used by fork's COW. Context: PTE lock. */
    public void ptepSetWrprotect(int ptep) {
        m.set(ptep, Pte.pteWrprotect(m.get(ptep)));
    }

    /**
     * {@code free_pte_range()}: frees the PTE table behind {@code pmd} (after every PTE in it was
     * zapped). Context: {@code mmap_sem} for write.
     */
    public void freePteTable(int pmd) {
        m.set(pmd, 0);
    }

    /** The PTE table pointer range {@code [first, first + PTRS_PER_PTE)} of a pmd. */
    public int firstPteOfTable(int pmd) {
        return l.pte(mmOfPmd(pmd), tableOfPmd(pmd) * c.ptrsPerPte());
    }
}
