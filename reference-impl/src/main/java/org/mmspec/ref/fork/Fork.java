package org.mmspec.ref.fork;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mmap.Memory;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.pin.GupPins;
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
 * {@code copy_page_range()} → {@code copy_pte_range()} (mm/memory.c; Linux 4.9, with the pinned-page
 * copy of 5.9 and the {@code write_protect_seq} of 5.13). Under the parent's {@code mmap_sem} for write
 * (and the new child's), each VMA is copied (anonymous ones through {@code anon_vma_fork}, which takes
 * the anon_vma root's rwsem; file ones are linked into {@code i_mmap}). PTEs are copied only for VMAs
 * that have an anon_vma or are {@code VM_PFNMAP} — the child faults the rest in itself. A COW mapping's
 * copy is bracketed by {@code raw_write_seqcount_begin/end(&mm->write_protect_seq)}.
 *
 * <p>Per PTE table, holding the child's and then the parent's PTE lock, one PTE at a time (one atomic
 * access a step; {@code get_user_pages_fast()} may look at the parent's PTEs in between):
 * {@code copy_one_pte()}: a swap entry gains a slot reference; a present PTE of a COW mapping is
 * write-protected in both parent and child; the child's copy is old (and clean if shared); a normal page
 * gets a reference and {@code page_dup_rmap()}. An anonymous page of a COW mapping that may be pinned for
 * DMA ({@code mm->has_pinned} and {@code page_maybe_dma_pinned()}, 5.9) is not shared: the child gets
 * a copy at once ({@code copy_present_page()}) and the parent's PTE stays writable, so the pin keeps
 * pointing at the parent's page; the copy's page is allocated with both PTE locks dropped
 * ({@code page_copy_prealloc()}) and the table is resumed. Context: process.
 *
 * <p>Arguments: parent mm. Returns the child mm, or {@code -ENOMEM}.
 */
public final class Fork extends Procedure {

    private static final int PARENT = 0;
    private static final int CHILD = 1;
    private static final int CURSOR = 2;
    private static final int ADDR = 3;
    private static final int END = 4;
    private static final int TABLE_END = 5;
    /** The page {@code page_copy_prealloc()} allocated, pfn + 1. */
    private static final int PREALLOC = 6;
    /**
     * The PTE the child gets for a shared page, between {@code get_page} and {@code page_dup_rmap}; for a
     * copied page, the parent's ghost contents at the copy, + 2.
     */
    private static final int CHILD_PTE = 7;

    private static final int LOCK = 0;
    private static final int VMA = 1;
    private static final int TABLE = 2;
    private static final int LOCK_DST = 3;
    private static final int LOCK_SRC = 4;
    private static final int PTE = 5;
    private static final int HAS_PINNED = 6;
    private static final int MAYBE_PINNED = 7;
    private static final int GET = 8;
    private static final int DUP = 9;
    private static final int COPY_DATA = 10;
    private static final int COPY_INSTALL = 11;
    private static final int PREALLOCATED = 12;
    private static final int ALLOC_COPY = 13;

    private static final int ENOMEM = -12;

    private final Geometry geometry;
    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final Swap swap;
    private final PageCache pageCache;
    private final Vmas vmas;
    private final Mms mms;
    private final AnonVmas anonVmas;
    private final Rmap rmap;
    private final Memory memory;
    private final GupPins gupPins;
    private final AllocPages allocPages;

    public Fork(Geometry geometry, Pages pages, Lru lru, PageTables pageTables, Swap swap, PageCache pageCache,
            Vmas vmas, Mms mms, AnonVmas anonVmas, Rmap rmap, Memory memory, GupPins gupPins, AllocPages allocPages) {
        super("dup_mmap", "down_write_mmap_sem", "vm_area_dup", "copy_pte_range", "pte_alloc_map_lock",
                "spin_lock_nested:src_ptl", "copy_one_pte", "atomic_read:has_pinned", "page_maybe_dma_pinned",
                "get_page", "page_dup_rmap", "copy_present_page:copy_user_highpage", "copy_present_page:set_pte_at",
                "page_copy_prealloc:done", "page_copy_prealloc");
        this.geometry = geometry;
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.swap = swap;
        this.pageCache = pageCache;
        this.vmas = vmas;
        this.mms = mms;
        this.anonVmas = anonVmas;
        this.rmap = rmap;
        this.memory = memory;
        this.gupPins = gupPins;
        this.allocPages = allocPages;
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
            case TABLE -> {
                return table(c, parent);
            }
            case LOCK_DST -> {
                if (pageTables.pteOffsetMapLock(pmdOf(c.local(CHILD), c.local(ADDR)), c.local(ADDR)) < 0) {
                    return Flow.BLOCK;
                }
                return c.yieldTo(LOCK_SRC);
            }
            case LOCK_SRC -> {
                if (pageTables.pteOffsetMapLock(pmdOf(parent, c.local(ADDR)), c.local(ADDR)) < 0) {
                    return Flow.BLOCK;
                }
                return c.next(PTE);
            }
            case PTE -> {
                return copyPte(c, parent);
            }
            case HAS_PINNED, MAYBE_PINNED, GET, DUP, COPY_DATA, COPY_INSTALL -> {
                return copyPresent(c, parent, pc);
            }
            case ALLOC_COPY -> {
                return c.call(allocPages, PREALLOCATED, Gfp.GFP_HIGHUSER_MOVABLE, 0);
            }
            case PREALLOCATED -> {
                int page = c.result();
                if (page < 0) {
                    return c.ret(ENOMEM);
                }
                c.set(PREALLOC, page + 1);
                return c.yieldTo(LOCK_DST);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 19, pc);
        }
    }

    private int pmdOf(int mm, int addr) {
        PageTables pt = pageTables;
        return pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
    }

    private int ptepOf(int mm, int addr) {
        return pageTables.pteOffsetMap(pmdOf(mm, addr), addr);
    }

    private Flow copyVma(Ctx c, int parent) {
        Vmas v = vmas;
        int child = c.local(CHILD);
        int pvma = v.findVma(parent, c.local(CURSOR));
        if (pvma < 0) {
            if (c.local(PREALLOC) != 0) {
                lru.putPage(c.local(PREALLOC) - 1);
                c.set(PREALLOC, 0);
            }
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
            if (VmFlags.isCowMapping(spec.flags())) {
                mms.writeProtectSeqBump(parent);
            }
            return c.yieldTo(TABLE);
        }
        return c.yieldTo(VMA);
    }

    /** {@code copy_pte_range()} for the table holding {@code ADDR}: allocate the child's table, then lock. */
    private Flow table(Ctx c, int parent) {
        int addr = c.local(ADDR);
        int end = c.local(END);
        if (addr >= end) {
            if (VmFlags.isCowMapping(vmas.vmFlags(vmas.findVma(parent, end - Geometry.PAGE_SIZE)))) {
                mms.writeProtectSeqBump(parent);
            }
            return c.yieldTo(VMA);
        }
        int pmdSize = 1 << geometry.pmdShift;
        int tableEnd = Math.min(end, (addr & ~(pmdSize - 1)) + pmdSize);
        if (pageTables.pmdNone(pmdOf(parent, addr))) {
            c.set(ADDR, tableEnd);
            return c.yieldTo(TABLE);
        }
        pageTables.pteAlloc(pmdOf(c.local(CHILD), addr));
        c.set(TABLE_END, tableEnd);
        return c.yieldTo(LOCK_DST);
    }

    /**
     * {@code copy_one_pte()} for the PTE at {@code ADDR}, under both PTE locks; past the table's end, both
     * locks are dropped. A present normal page goes on to {@link #copyPresent}.
     */
    private Flow copyPte(Ctx c, int parent) {
        PageTables pt = pageTables;
        int child = c.local(CHILD);
        int addr = c.local(ADDR);
        if (addr >= c.local(TABLE_END)) {
            pt.pteUnmapUnlock(ptepOf(parent, addr - Geometry.PAGE_SIZE));
            pt.pteUnmapUnlock(ptepOf(child, addr - Geometry.PAGE_SIZE));
            return c.yieldTo(TABLE);
        }
        int src = ptepOf(parent, addr);
        int pte = pt.read(src);
        if (Pte.pteNone(pte)) {
            mms.setLogical(child, addr, mms.logical(parent, addr));
            c.set(ADDR, addr + Geometry.PAGE_SIZE);
            return c.next(PTE);
        }
        if (!Pte.ptePresent(pte)) {
            swap.swapDuplicate(Pte.swpOffset(pte));
            mms.addMmCounter(child, Mms.MM_SWAPENTS, 1);
            pt.setPteAt(child, addr, ptepOf(child, addr), pte);
            mms.setLogical(child, addr, mms.logical(parent, addr));
            c.set(ADDR, addr + Geometry.PAGE_SIZE);
            return c.yieldTo(PTE);
        }
        int pvma = vmas.findVma(parent, addr);
        int page = memory.vmNormalPage(pvma, pte);
        if (page < 0) {
            pt.setPteAt(child, addr, ptepOf(child, addr), childPte(pvma, src, pte));
            mms.setLogical(child, addr, mms.logical(parent, addr));
            c.set(ADDR, addr + Geometry.PAGE_SIZE);
            return c.next(PTE);
        }
        boolean cowAnon = VmFlags.isCowMapping(vmas.vmFlags(pvma)) && pages.pageAnon(page);
        return c.next(cowAnon ? HAS_PINNED : GET);
    }

    /** A present PTE mapping a normal page: the pinned-page check, then sharing or copying the page. */
    private Flow copyPresent(Ctx c, int parent, int pc) {
        PageTables pt = pageTables;
        int child = c.local(CHILD);
        int addr = c.local(ADDR);
        int src = ptepOf(parent, addr);
        int pte = pt.read(src);
        int pvma = vmas.findVma(parent, addr);
        int page = Pte.ptePfn(pte);
        switch (pc) {
            case HAS_PINNED -> {
                return c.yieldTo(mms.hasPinned(parent) ? MAYBE_PINNED : GET);
            }
            case MAYBE_PINNED -> {
                if (!gupPins.pageMaybeDmaPinned(page)) {
                    return c.yieldTo(GET);
                }
                if (c.local(PREALLOC) == 0) {
                    pt.pteUnmapUnlock(src);
                    pt.pteUnmapUnlock(ptepOf(child, addr));
                    return c.yieldTo(ALLOC_COPY);
                }
                return c.yieldTo(COPY_DATA);
            }
            case GET -> {
                pages.getPage(page);
                c.set(CHILD_PTE, childPte(pvma, src, pte));
                return c.yieldTo(DUP);
            }
            case DUP -> {
                rmap.pageDupRmap(page);
                mms.addMmCounter(child, pages.pageAnon(page) ? Mms.MM_ANONPAGES : Mms.MM_FILEPAGES, 1);
                pt.setPteAt(child, addr, ptepOf(child, addr), c.local(CHILD_PTE));
                mms.setLogical(child, addr, mms.logical(parent, addr));
                c.set(CHILD_PTE, 0);
                c.set(ADDR, addr + Geometry.PAGE_SIZE);
                return c.yieldTo(PTE);
            }
            case COPY_DATA -> {
                int copy = c.local(PREALLOC) - 1;
                pages.setData(copy, pages.data(page));
                // ghost: the child sees the parent's contents as of this copy (the parent may write on)
                c.set(CHILD_PTE, mms.logical(parent, addr) + 2);
                return c.yieldTo(COPY_INSTALL);
            }
            default -> {
                return installCopy(c, pvma, addr);
            }
        }
    }

    /** {@code copy_present_page()}: the child maps its own, already filled copy, writable if the VMA is. */
    private Flow installCopy(Ctx c, int pvma, int addr) {
        int child = c.local(CHILD);
        int copy = c.local(PREALLOC) - 1;
        c.set(PREALLOC, 0);
        int cvma = vmas.findVma(child, addr);
        pages.setPageFlag(copy, PageFlag.UPTODATE);
        rmap.pageAddNewAnonRmap(copy, cvma, addr);
        lru.lruCacheAdd(copy);
        mms.addMmCounter(child, Mms.MM_ANONPAGES, 1);
        int entry = VmFlags.maybeMkwrite(Pte.pteMkdirty(Pte.mkPte(copy, vmas.vmPageProt(cvma))), vmas.vmFlags(cvma));
        pageTables.setPteAt(child, addr, ptepOf(child, addr), entry);
        mms.setLogical(child, addr, c.local(CHILD_PTE) - 2);
        c.set(CHILD_PTE, 0);
        c.set(ADDR, addr + Geometry.PAGE_SIZE);
        return c.yieldTo(PTE);
    }

    /**
     * The child's PTE for a shared page: a writable PTE of a COW mapping is write-protected in the parent
     * too ({@code ptep_set_wrprotect}); the child's copy is old, and clean if the mapping is shared.
     */
    private int childPte(int pvma, int src, int pte) {
        int flags = vmas.vmFlags(pvma);
        if (VmFlags.isCowMapping(flags) && Pte.pteWrite(pte)) {
            pageTables.ptepSetWrprotect(src);
            pte = Pte.pteWrprotect(pte);
        }
        if ((flags & VmFlags.VM_SHARED) != 0) {
            pte = Pte.pteMkclean(pte);
        }
        return Pte.pteMkold(pte);
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(PARENT) + (f.local(CHILD) > 0 ? " -> mm" + f.local(CHILD) : "")
                + (f.local(ADDR) != 0 ? " addr=0x" + Integer.toHexString(f.local(ADDR)) : "");
    }
}
