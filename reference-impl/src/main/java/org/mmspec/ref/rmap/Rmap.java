package org.mmspec.ref.rmap;

import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.vma.Vmas;

/**
 * Reverse-map bookkeeping of a page (mm/rmap.c): its map count and, for anonymous pages, the
 * {@code anon_vma} it points to. Context for all: the PTE lock of the PTE being set or cleared.
 */
public final class Rmap {

    private final Pages pages;
    private final Vmas vmas;
    private final AnonVmas anonVmas;

    public Rmap(Pages pages, Vmas vmas, AnonVmas anonVmas) {
        this.pages = pages;
        this.vmas = vmas;
        this.anonVmas = anonVmas;
    }

    /**
     * {@code page_add_new_anon_rmap(page, vma, address)}: a new anonymous page gets its first mapping:
     * {@code PG_swapbacked}, {@code _mapcount} 0, {@code mapping} = the VMA's own anon_vma (exclusive),
     * {@code index} = its linear page index.
     */
    public void pageAddNewAnonRmap(int pfn, int vma, int address) {
        Pages p = pages;
        Vmas v = vmas;
        if (address < v.vmStart(vma) || address >= v.vmEnd(vma) || v.anonVma(vma) < 0) {
            throw new Oops(OopsKind.MODEL_MISUSE, 3, address);
        }
        p.setPageFlagNonAtomic(pfn, PageFlag.SWAPBACKED);
        p.setRawMapcount(pfn, 0);
        p.setMapping(pfn, Mapping.anon(v.anonVma(vma)));
        p.setIndex(pfn, v.linearPageIndex(vma, address));
    }

    /**
     * {@code page_add_anon_rmap(page, vma, address)} / {@code do_page_add_anon_rmap(..., exclusive)}:
     * one more mapping of an anonymous page; on the first, the mapping is set (to the anon_vma of the
     * VMA when exclusive, else to its root). Context: page locked (swap-in), PTE lock.
     */
    public void pageAddAnonRmap(int pfn, int vma, int address, boolean exclusive) {
        Pages p = pages;
        int raw = p.addRawMapcount(pfn, 1);
        if (raw == 0 && !p.pageAnon(pfn)) {
            Vmas v = vmas;
            int av = v.anonVma(vma);
            p.setMapping(pfn, Mapping.anon(exclusive ? av : anonVmas.root(av)));
            p.setIndex(pfn, v.linearPageIndex(vma, address));
        }
    }

    /** {@code page_dup_rmap(page)}: fork copied a PTE mapping the page. */
    public void pageDupRmap(int pfn) {
        pages.addRawMapcount(pfn, 1);
    }

    /** {@code page_add_file_rmap(page)}: one more PTE maps a page-cache page. */
    public void pageAddFileRmap(int pfn) {
        pages.addRawMapcount(pfn, 1);
    }

    /**
     * {@code page_remove_rmap(page)}: one PTE fewer ({@code atomic_add_negative} on {@code _mapcount}). The
     * anon mapping stays until the page is freed. Returns whether that was the last mapping: the caller then
     * does {@code clear_page_mlock()} (after its lockless {@code PageMlocked} test, which only short-cuts
     * the atomic test that begins it), an action later.
     *
     * @throws Oops ("Bad page map") when the map count would drop below -1
     */
    public boolean pageRemoveRmap(int pfn) {
        int raw = pages.addRawMapcount(pfn, -1);
        if (raw < -1) {
            throw new Oops(OopsKind.MAPCOUNT_UNDERFLOW, pfn, raw + 1);
        }
        return raw == -1;
    }

    /** {@code page_move_anon_rmap(page, vma)}: an exclusively owned page moves to the VMA's own anon_vma. */
    public void pageMoveAnonRmap(int pfn, int vma) {
        pages.setMapping(pfn, Mapping.anon(vmas.anonVma(vma)));
    }

    /** The anon_vma of an anonymous page ({@code page_anon_vma()}), or -1. */
    public int pageAnonVma(int pfn) {
        int mapping = pages.mapping(pfn);
        return Mapping.isAnon(mapping) && !Mapping.isKsm(mapping) ? Mapping.target(mapping) : -1;
    }
}
