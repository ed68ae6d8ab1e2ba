package org.mmspec.ref.fork;

import static org.mmspec.ref.fork.ForkFrame.*;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mmap.Memory;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pageref.PutPage;
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
import org.mmspec.ref.tlb.Tlb;
import org.mmspec.ref.tlbflush.FlushTlb;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code fork()}'s address-space copy: {@code dup_mm()} → {@code dup_mmap()} (kernel/fork.c) and
 * {@code copy_page_range()} (mm/memory.c; Linux 4.9, with the pinned-page copy of 5.9 and the {@code
 * write_protect_seq} of 5.13), action by action. Under the parent's {@code
 * mmap_sem} for write (and the new child's), each VMA is copied: a file VMA is linked into the file's
 * {@code i_mmap} under {@code i_mmap_rwsem}, then {@code anon_vma_fork} (under the anon_vma root's rwsem)
 * — each its own step. PTEs are copied only for VMAs that have an anon_vma or are {@code VM_PFNMAP} — the
 * child faults the rest in itself. Per PTE table: {@code pte_alloc} of the child's table (under the child's
 * {@code page_table_lock}), the child's PTE lock, then the parent's (each a blocking acquisition of its own
 * step); then per PTE {@code copy_one_pte()}: a swap entry gains a slot reference ({@code swap_duplicate});
 * a writable PTE of a COW mapping is write-protected in both parent and child; the child's copy is old (and
 * clean if shared); a normal page gets a reference ({@code get_page}) and, an action later, {@code
 * page_dup_rmap()} before the child's PTE is set. The child's VMAs do not inherit {@code VM_LOCKED}. A COW
 * mapping's copy is bracketed by {@code raw_write_seqcount_begin/end(&mm->write_protect_seq)} (5.13,
 * 57efa1fe5957). At the end the child's {@code mmap_sem} is released, then {@code flush_tlb_mm(oldmm)}
 * ({@link FlushTlb}) and the parent's: until that flush the parent's other CPUs may still write through
 * cached writable translations — into pages the child now shares; such a store is ordered before the fork.
 *
 * <p>An anonymous page of a COW mapping is not shared if it may be pinned for DMA ({@code
 * copy_present_page()}, 5.9): {@code atomic_read(&mm->has_pinned)}, then {@code page_maybe_dma_pinned()},
 * each an action, before the page is shared and the parent's PTE write-protected (an action of its own:
 * {@code get_user_pages_fast()} may pin the page in between — the race 57efa1fe5957 closes). A pinned page
 * is copied for the child at once and the parent's PTE stays writable, so the pin keeps pointing at the
 * parent's page; the copy's page is allocated with both PTE locks dropped ({@code page_copy_prealloc()}) and
 * the table resumed at the same PTE; a preallocated page left over at the table's end is put. Context:
 * process.
 *
 * <p>Arguments: parent mm. Returns the child mm, or {@code -ENOMEM}.
 */
public final class Fork extends Procedure {

    private static final int ENOMEM = -12;

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
    private final Tlb tlb;
    private final FlushTlb flushTlb;
    private final Calls calls;

    /** What the pinned-page copy uses. */
    public record Calls(Lru lru, GupPins gupPins, AllocPages allocPages, PutPage putPage) {
    }

    public Fork(Geometry geometry, Pages pages, PageTables pageTables, Swap swap, PageCache pageCache, Vmas vmas,
            Mms mms, AnonVmas anonVmas, Rmap rmap, Memory memory, Tlb tlb, FlushTlb flushTlb, Calls calls) {
        super("dup_mmap", "down_write_mmap_sem", "vm_area_dup", "copy_pte_range", "anon_vma_fork",
                "pte_alloc_map_lock", "spin_lock_nested(src_ptl)", "copy_one_pte", "page_dup_rmap",
                "mm_alloc+down_write_nested", "atomic_read(has_pinned)", "page_maybe_dma_pinned",
                "get_page+ptep_set_wrprotect", "copy_present_page:copy_user_highpage", "copy_present_page:set_pte_at",
                "page_copy_prealloc", "page_copy_prealloc:done", "put_page(prealloc)", "flush_tlb_mm(oldmm)",
                "up_write(oldmm)");
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
        this.tlb = tlb;
        this.flushTlb = flushTlb;
        this.calls = calls;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int parent = c.local(PARENT);
        return switch (pc) {
            case LOCK -> {
                if (!mms.downWrite(parent)) {
                    yield Flow.BLOCK;
                }
                yield c.yieldTo(LOCK_CHILD);
            }
            case LOCK_CHILD -> {
                int child = mms.mmAlloc();
                mms.downWrite(child);
                c.set(CHILD, child);
                c.set(CURSOR, 0);
                yield c.yieldTo(VMA);
            }
            case VMA -> copyVma(c, parent);
            case ANON_VMA_FORK -> anonVmaFork(c, parent);
            case TABLE -> table(c, parent);
            case LOCK_DST -> {
                if (pageTables.pteOffsetMapLock(pmd(c.local(CHILD), c.local(ADDR)), c.local(ADDR)) < 0) {
                    yield Flow.BLOCK;
                }
                yield c.yieldTo(LOCK_SRC);
            }
            case LOCK_SRC -> {
                if (pageTables.pteOffsetMapLock(pmd(parent, c.local(ADDR)), c.local(ADDR)) < 0) {
                    yield Flow.BLOCK;
                }
                yield c.next(PTE);
            }
            case PTE -> pte(c, parent);
            case DUP_RMAP -> dupRmap(c);
            case FLUSH -> c.call(flushTlb, FLUSHED, parent, 0, 0, 0);
            case FLUSHED -> {
                revokedWrites(parent);
                mms.upWrite(parent);
                yield c.ret(c.local(CHILD));
            }
            default -> pinnedCopy(c, parent, pc);
        };
    }

    /** The pinned-page check of a COW mapping's anonymous page, then sharing it or copying it for the child. */
    private Flow pinnedCopy(Ctx c, int parent, int pc) {
        PageTables pt = pageTables;
        int child = c.local(CHILD);
        int addr = c.local(ADDR);
        int page = c.local(PAGE) - 1;
        return switch (pc) {
            case HAS_PINNED -> c.yieldTo(mms.hasPinned(parent) ? MAYBE_PINNED : SHARE);
            case MAYBE_PINNED -> {
                if (!calls.gupPins().pageMaybeDmaPinned(page)) {
                    yield c.yieldTo(SHARE);
                }
                if (prealloc(c) >= 0) {
                    yield c.yieldTo(COPY_DATA);
                }
                // -EAGAIN: drop both PTE locks, page_copy_prealloc(), and copy this PTE again
                pt.pteUnmapUnlock(pt.pteOffsetMap(pmd(parent, addr), addr));
                pt.pteUnmapUnlock(pt.pteOffsetMap(pmd(child, addr), addr));
                c.set(PAGE, 0);
                yield c.yieldTo(ALLOC_COPY);
            }
            case SHARE -> {
                int pvma = vmas.findVma(parent, addr);
                int src = pt.pteOffsetMap(pmd(parent, addr), addr);
                c.set(ENTRY, childEntry(pvma, src, pt.read(src)));
                // ghost: the child sees the contents as of the write-protect (a store before it is shared)
                mms.setLogical(child, addr, mms.logical(parent, addr));
                pages.refs().getPage(page);
                yield c.yieldTo(DUP_RMAP);
            }
            case COPY_DATA -> {
                int copy = prealloc(c);
                pages.setData(copy, pages.data(page));
                // ghost: the child sees the parent's contents as of this copy (the parent may write on)
                mms.setLogical(child, addr, mms.logical(parent, addr));
                yield c.yieldTo(COPY_INSTALL);
            }
            case COPY_INSTALL -> installCopy(c, child, addr);
            case ALLOC_COPY -> c.call(calls.allocPages(), PREALLOCATED, Gfp.GFP_HIGHUSER_MOVABLE, 0);
            case PREALLOCATED -> {
                if (c.result() < 0) {
                    mms.upWrite(child);
                    mms.upWrite(parent);
                    yield c.ret(ENOMEM);
                }
                setPrealloc(c, c.result());
                yield c.yieldTo(LOCK_DST);
            }
            case FREE_PREALLOC -> {
                int leftover = prealloc(c);
                setPrealloc(c, -1);
                yield c.call(calls.putPage(), TABLE, leftover);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 19, pc);
        };
    }

    /** {@code copy_present_page()}: the child maps its own, already filled copy, writable if the VMA is. */
    private Flow installCopy(Ctx c, int child, int addr) {
        int copy = prealloc(c);
        setPrealloc(c, -1);
        int cvma = vmas.findVma(child, addr);
        pages.setPageFlagNonAtomic(copy, PageFlag.UPTODATE);
        rmap.pageAddNewAnonRmap(copy, cvma, addr);
        calls.lru().lruCacheAdd(copy);
        mms.addMmCounter(child, Mms.MM_ANONPAGES, 1);
        int entry = VmFlags.maybeMkwrite(Pte.pteMkdirty(Pte.mkPte(copy, vmas.vmPageProt(cvma))), vmas.vmFlags(cvma));
        pageTables.setPteAt(child, addr, pageTables.pteOffsetMap(pmd(child, addr), addr), entry);
        c.set(PAGE, 0);
        c.set(ADDR, addr + Geometry.PAGE_SIZE);
        return c.yieldTo(PTE);
    }

    /**
     * The child's PTE for a shared page: a writable PTE of a COW mapping is write-protected in the parent
     * too ({@code ptep_set_wrprotect}); the child's copy is old, and clean if the mapping is shared.
     */
    private int childEntry(int pvma, int src, int pte) {
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

    private int pmd(int mm, int addr) {
        PageTables pt = pageTables;
        return pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
    }

    /** {@code vm_area_dup}: the child's copy of the next VMA, linked into the file's {@code i_mmap}. */
    private Flow copyVma(Ctx c, int parent) {
        Vmas v = vmas;
        int child = c.local(CHILD);
        int pvma = v.findVma(parent, c.local(CURSOR));
        if (pvma < 0) {
            mms.upWrite(child);
            return c.yieldTo(FLUSH);
        }
        Vmas.VmaSpec spec = v.spec(pvma);
        boolean file = spec.file() >= 0;
        if (file && !pageCache.immapLockWrite(spec.file())) {
            return Flow.BLOCK;
        }
        v.insertVmStruct(child, new Vmas.VmaSpec(spec.start(), spec.end(), spec.flags() & ~VmFlags.VM_LOCKED, spec.file(),
                spec.pgoff(), -1, 0));
        if (file) {
            pageCache.immapUnlockWrite(spec.file());
            return c.yieldTo(ANON_VMA_FORK);
        }
        return c.next(ANON_VMA_FORK);
    }

    /** {@code anon_vma_fork}, then the PTEs of a VMA that has anonymous pages (or raw pfns). */
    private Flow anonVmaFork(Ctx c, int parent) {
        Vmas v = vmas;
        int pvma = v.findVma(parent, c.local(CURSOR));
        int cvma = v.byStart(c.local(CHILD), v.vmStart(pvma));
        if (!anonVmas.anonVmaFork(cvma, pvma)) {
            return Flow.BLOCK;
        }
        Vmas.VmaSpec spec = v.spec(pvma);
        c.set(CURSOR, spec.end());
        if (spec.anonVma() >= 0 || (spec.flags() & VmFlags.VM_PFNMAP) != 0) {
            c.set(ADDR, spec.start());
            c.set(END, spec.end());
            if (VmFlags.isCowMapping(spec.flags())) {
                mms.writeProtectSeqBump(parent);    // raw_write_seqcount_begin
            }
            return c.yieldTo(TABLE);
        }
        return c.yieldTo(VMA);
    }

    /** Ghost: the parent's COW mappings are write-protected and flushed; no CPU may write them any more. */
    private void revokedWrites(int parent) {
        Vmas v = vmas;
        for (int s = 0; s < v.count(parent); s++) {
            int vma = v.slot(parent, s);
            if (VmFlags.isCowMapping(v.vmFlags(vma)) && v.anonVma(vma) >= 0) {
                tlb.revocationComplete(parent, v.vmStart(vma), v.vmEnd(vma), true);
            }
        }
    }

    /** {@code copy_pte_range()} for the table holding {@code ADDR}: the child's table, then the locks. */
    private Flow table(Ctx c, int parent) {
        PageTables pt = pageTables;
        int addr = c.local(ADDR);
        int end = c.local(END);
        if (addr >= end) {
            if (VmFlags.isCowMapping(vmas.vmFlags(vmas.findVma(parent, end - Geometry.PAGE_SIZE)))) {
                mms.writeProtectSeqBump(parent);    // raw_write_seqcount_end
            }
            return c.next(VMA);
        }
        int pmdSize = 1 << geometry.pmdShift;
        int tableEnd = Math.min(end, (addr & ~(pmdSize - 1)) + pmdSize);
        c.set(TABLE_END, tableEnd);
        if (pt.pmdNone(pmd(parent, addr))) {
            c.set(ADDR, tableEnd);
            return c.next(TABLE);
        }
        int dstPmd = pmd(c.local(CHILD), addr);
        if (pt.pmdNone(dstPmd)) {
            pt.pteAlloc(dstPmd);
            return c.yieldTo(LOCK_DST);
        }
        return c.next(LOCK_DST);
    }

    /** {@code copy_one_pte()} for the PTE at {@code ADDR}, both PTE locks held; at the table end, unlock. */
    private Flow pte(Ctx c, int parent) {
        PageTables pt = pageTables;
        int child = c.local(CHILD);
        int addr = c.local(ADDR);
        if (addr >= tableEnd(c)) {
            int last = tableEnd(c) - Geometry.PAGE_SIZE;
            pt.pteUnmapUnlock(pt.pteOffsetMap(pmd(parent, last), last));
            pt.pteUnmapUnlock(pt.pteOffsetMap(pmd(child, last), last));
            return c.yieldTo(prealloc(c) >= 0 ? FREE_PREALLOC : TABLE);
        }
        int src = pt.pteOffsetMap(pmd(parent, addr), addr);
        int dst = pt.pteOffsetMap(pmd(child, addr), addr);
        int pte = pt.read(src);
        if (Pte.pteNone(pte)) {
            c.set(ADDR, addr + Geometry.PAGE_SIZE);
            return c.next(PTE);
        }
        if (!Pte.ptePresent(pte)) {
            mms.setLogical(child, addr, mms.logical(parent, addr));
            return copySwapPte(c, child, addr, dst, pte);
        }
        int pvma = vmas.findVma(parent, addr);
        int page = memory.vmNormalPage(pvma, pte);
        if (page >= 0 && VmFlags.isCowMapping(vmas.vmFlags(pvma)) && pages.pageAnon(page)) {
            c.set(PAGE, page + 1);
            return c.next(HAS_PINNED); // the child's ghost contents are taken when it is shared or copied
        }
        mms.setLogical(child, addr, mms.logical(parent, addr));
        pte = childEntry(pvma, src, pte);
        c.set(ENTRY, pte);
        c.set(PAGE, page + 1);
        if (page < 0) {
            return dupRmap(c);
        }
        pages.refs().getPage(page);
        return c.yieldTo(DUP_RMAP);
    }

    /** A swap entry: the slot gains a reference ({@code swap_duplicate}) and the child's PTE holds it too. */
    private Flow copySwapPte(Ctx c, int child, int addr, int dst, int pte) {
        swap.swapDuplicate(Pte.swpOffset(pte));
        mms.addMmCounter(child, Mms.MM_SWAPENTS, 1);
        pageTables.setPteAt(child, addr, dst, pte);
        c.set(ADDR, addr + Geometry.PAGE_SIZE);
        return c.yieldTo(PTE);
    }

    /** {@code page_dup_rmap()}, the child's counter and its PTE. */
    private Flow dupRmap(Ctx c) {
        int child = c.local(CHILD);
        int addr = c.local(ADDR);
        int page = c.local(PAGE) - 1;
        if (page >= 0) {
            rmap.pageDupRmap(page);
            mms.addMmCounter(child, pages.pageAnon(page) ? Mms.MM_ANONPAGES : Mms.MM_FILEPAGES, 1);
        }
        pageTables.setPteAt(child, addr, pageTables.pteOffsetMap(pmd(child, addr), addr), c.local(ENTRY));
        c.set(PAGE, 0);
        c.set(ENTRY, 0);
        c.set(ADDR, addr + Geometry.PAGE_SIZE);
        return c.yieldTo(PTE);
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(PARENT) + (f.local(CHILD) > 0 ? " -> mm" + f.local(CHILD) : "");
    }
}
