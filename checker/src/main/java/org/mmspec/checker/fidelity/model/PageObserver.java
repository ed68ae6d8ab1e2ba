package org.mmspec.checker.fidelity.model;

import java.util.EnumSet;
import java.util.Set;

import org.mmspec.checker.fidelity.observe.PageFlag;
import org.mmspec.checker.fidelity.observe.PageState;
import org.mmspec.checker.fidelity.observe.Vma;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mmap.Memory;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * Reads a page's state out of the model the way {@code /proc/<pid>/maps}, {@code pagemap},
 * {@code kpagecount} and {@code kpageflags} read it out of the kernel (see {@link PageState} for each
 * field's meaning). Read-only.
 */
final class PageObserver {

    private final Kernel k;

    PageObserver(Kernel k) {
        this.k = k;
    }

    /** The state of the page at {@code addr} of {@code mm}, reported as page {@code page} of {@code region}. */
    PageState observe(int step, String process, String region, int page, int mm, int addr) {
        Vmas v = k.vmas();
        int vma = v.findVma(mm, addr);
        if (vma >= 0 && v.vmStart(vma) > addr) {
            vma = -1;
        }
        Vma perms = vma < 0 ? Vma.NONE : vmaOf(v.vmFlags(vma));
        int pte = k.pageTables().pteValue(mm, addr);
        if (Pte.pteNone(pte)) {
            return new PageState(step, process, region, page, perms, false, false, false, false, 0, 0, Set.of());
        }
        if (!Pte.ptePresent(pte)) {
            return new PageState(step, process, region, page, perms, false, true, false, false,
                    Integer.toUnsignedLong(pte), 0, Set.of());
        }
        int pfn = Pte.ptePfn(pte);
        int normal = vma < 0 ? -1 : k.memory().vmNormalPage(vma, pte);
        Pages p = k.pages();
        boolean exclusive = normal >= 0 && p.pageMapcount(normal) == 1;
        boolean file = normal >= 0 && !p.pageAnon(normal);
        int mapcount = Memory.isZeroPfn(pfn) ? 0 : p.pageMapcount(pfn);
        return new PageState(step, process, region, page, perms, true, false, exclusive, file, pfn, mapcount,
                flags(pfn));
    }

    /** The present, non-zero-page frame mapped at {@code addr} of {@code mm}, or -1. */
    long mappedFrame(int mm, int addr) {
        int pte = k.pageTables().pteValue(mm, addr);
        if (!Pte.ptePresent(pte) || Memory.isZeroPfn(Pte.ptePfn(pte))) {
            return -1;
        }
        return Pte.ptePfn(pte);
    }

    private static Vma vmaOf(int flags) {
        return Vma.of((flags & VmFlags.VM_READ) != 0, (flags & VmFlags.VM_WRITE) != 0,
                (flags & VmFlags.VM_EXEC) != 0, (flags & VmFlags.VM_SHARED) != 0);
    }

    /** {@code stable_page_flags()} (fs/proc/page.c) over the flags the model keeps. */
    private Set<PageFlag> flags(int pfn) {
        Pages p = k.pages();
        Set<PageFlag> out = EnumSet.noneOf(PageFlag.class);
        if (Memory.isZeroPfn(pfn)) {
            out.add(PageFlag.ZERO);
        }
        copy(p, pfn, org.mmspec.ref.mem.PageFlag.LOCKED, PageFlag.LOCKED, out);
        copy(p, pfn, org.mmspec.ref.mem.PageFlag.REFERENCED, PageFlag.REFERENCED, out);
        copy(p, pfn, org.mmspec.ref.mem.PageFlag.UPTODATE, PageFlag.UPTODATE, out);
        copy(p, pfn, org.mmspec.ref.mem.PageFlag.DIRTY, PageFlag.DIRTY, out);
        copy(p, pfn, org.mmspec.ref.mem.PageFlag.LRU, PageFlag.LRU, out);
        copy(p, pfn, org.mmspec.ref.mem.PageFlag.ACTIVE, PageFlag.ACTIVE, out);
        copy(p, pfn, org.mmspec.ref.mem.PageFlag.WRITEBACK, PageFlag.WRITEBACK, out);
        copy(p, pfn, org.mmspec.ref.mem.PageFlag.RECLAIM, PageFlag.RECLAIM, out);
        copy(p, pfn, org.mmspec.ref.mem.PageFlag.SWAPCACHE, PageFlag.SWAPCACHE, out);
        copy(p, pfn, org.mmspec.ref.mem.PageFlag.SWAPBACKED, PageFlag.SWAPBACKED, out);
        if (p.pageMapped(pfn)) {
            out.add(PageFlag.MMAP);
        }
        if (p.pageAnon(pfn)) {
            out.add(PageFlag.ANON);
        }
        return out;
    }

    private static void copy(Pages p, int pfn, org.mmspec.ref.mem.PageFlag from, PageFlag to, Set<PageFlag> out) {
        if (p.pageFlag(pfn, from)) {
            out.add(to);
        }
    }
}
