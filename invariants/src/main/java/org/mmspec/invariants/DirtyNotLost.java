package org.mmspec.invariants;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.view.KernelConstants;
import org.mmspec.ref.view.MmView.VmaInfo;
import org.mmspec.ref.view.MmView;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code dirty_not_lost}: no written data is lost. The model keeps ghosts of what writers intended — per
 * file page ({@code fileLogical}) and per user page ({@code logical}, or "follows its backing") — and
 * this invariant compares them with what a reader would see now:
 * <ul>
 * <li>a file page reads from its page-cache page if there is one and it is {@code PG_uptodate}, else — a
 * shmem page written out to swap, whose slot the page cache keeps — from the swap cache or the swap slot,
 * else from disk; it must read what the writers wrote;</li>
 * <li>a user page inside a VMA reads, through a present PTE, the mapped page; through a swap PTE, the
 * swap-cache page if there is an up-to-date one, else the swap slot; through an empty PTE, its backing
 * (zeroes for anonymous memory, the file page at the VMA's offset for a file mapping); it must read what
 * the user last stored there, or its backing if the user stored nothing since it was last discarded.
 * Shared file mappings always follow their backing: their stores update the file's ghost. A page the
 * user gave up with {@code MADV_FREE} and has not written since may read back either what was stored or
 * zeroes (reclaim may have discarded it).</li>
 * </ul>
 * What a device wrote through a {@code get_user_pages()} reference (a direct-I/O read) counts as the
 * user's last store at the address the reference was taken from, unless the user discarded that range
 * since ({@code munmap}, {@code MADV_DONTNEED}): however the page left the page tables otherwise —
 * reclaim unmapping it, a COW moving the address to another page, lazy freeing — the data must be
 * there.
 * A user page whose PTE lock is held is skipped: its PTE may be between two actions of one critical
 * section ({@code try_to_unmap_one} clears it, then installs the swap entry), and every reader that acts on
 * it takes the lock.
 * A dirty page (dirty PTE or {@code PG_dirty}) that is freed or dropped without write-back, a swap slot
 * freed while a PTE still needs it, or a stale page-cache page all break it. An empty PTE in a table whose
 * PTE lock is held is a replacement in progress ({@code ptep_clear_flush()} then {@code set_pte_at()} in
 * {@code wp_page_copy()}, while the TLB flush runs): a reader would wait for the lock, so it is not judged.
 *
 * <p>Kernel: mm/vmscan.c {@code shrink_page_list()} → {@code pageout()} and {@code __remove_mapping()}
 * (a dirty page is never freed), mm/memory.c {@code zap_pte_range()} and mm/rmap.c
 * {@code try_to_unmap_one()} ({@code set_page_dirty()} when {@code pte_dirty()}), mm/page-writeback.c
 * {@code clear_page_dirty_for_io()}, mm/swapfile.c (a slot lives while a PTE or the swap cache holds it).
 */
public final class DirtyNotLost implements Invariant<MmView> {

    public static final String ID = "dirty_not_lost";

    /** "Nothing is visible here": a file offset beyond the end of the file. */
    private static final int NONE = Integer.MIN_VALUE;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "no data is lost: every file page and every mapped user page reads what was last written to it";
    }

    @Override
    public Witness check(MmView v) {
        Witness w = checkFiles(v);
        if (w != null) {
            return w;
        }
        for (int mm = 1; mm <= v.config().nrUserMms(); mm++) {
            if (!v.mmInUse(mm)) {
                continue;
            }
            int n = Math.min(v.vmaCount(mm), v.config().nrVmas());
            for (int slot = 0; slot < n; slot++) {
                w = checkVma(v, mm, v.vma(mm, slot));
                if (w != null) {
                    return w;
                }
            }
        }
        return null;
    }

    private static Witness checkFiles(MmView v) {
        for (int file = 0; file < v.config().nrFiles(); file++) {
            if (!v.fileExists(file)) {
                continue;
            }
            int size = Math.min(v.fileSize(file), v.config().filePages());
            for (int index = 0; index < size; index++) {
                int visible = fileVisible(v, file, index);
                int wrote = v.fileLogical(file, index);
                if (visible != wrote) {
                    int page = cachedPage(v, file, index);
                    String name = Names.filePage(file, index);
                    String source = page >= 0 ? "page cache (" + Names.pfn(page) + ")" : "disk";
                    String summary = name + ": " + source + " holds " + visible + ", writers wrote " + wrote;
                    return page >= 0 ? Witness.of(summary, name, Names.pfn(page)) : Witness.of(summary, name);
                }
            }
        }
        return null;
    }

    /** The up-to-date page-cache page of a file offset, or -1. */
    private static int cachedPage(MmView v, int file, int index) {
        int page = v.pageCachePage(file, index);
        return Scan.validPfn(v, page) && v.pageFlag(page, PageFlag.UPTODATE) ? page : -1;
    }

    private static int fileVisible(MmView v, int file, int index) {
        int page = cachedPage(v, file, index);
        if (page >= 0) {
            return v.data(page);
        }
        int swapped = v.pageCacheSwapEntry(file, index);
        if (Scan.validSwapOffset(v, swapped)) {
            return swapVisible(v, swapped);
        }
        return v.disk(file, index);
    }

    private static Witness checkVma(MmView v, int mm, VmaInfo vma) {
        boolean sharedFile = vma.file() >= 0 && (vma.flags() & VmFlags.VM_SHARED) != 0;
        int end = Math.min(vma.end(), v.geometry().taskSize);
        for (int addr = Math.max(vma.start(), 0); addr < end; addr += Geometry.PAGE_SIZE) {
            int backing = backing(v, vma, addr);
            int logical = sharedFile ? KernelConstants.FOLLOWS_BACKING : v.logical(mm, addr);
            boolean lazy = logical != KernelConstants.FOLLOWS_BACKING && (logical & KernelConstants.LAZY_FREE) != 0;
            if (lazy) {
                logical &= ~KernelConstants.LAZY_FREE;
            }
            int expected = logical == KernelConstants.FOLLOWS_BACKING ? backing : logical;
            int pte = v.pte(mm, addr);
            if (v.ptlHeld(mm, addr)) {
                continue;
            }
            int visible;
            if (Pte.ptePresent(pte)) {
                int pfn = Pte.ptePfn(pte);
                if (!Scan.validPfn(v, pfn)) {
                    continue;
                }
                visible = v.data(pfn);
            } else if (Pte.isSwapPte(pte)) {
                int offset = Pte.swpOffset(pte);
                if (!Scan.validSwapOffset(v, offset)) {
                    String where = Names.pte(mm, addr);
                    return Witness.of(where + " holds swap entry " + offset + " beyond the swap device: its data is lost",
                            where);
                }
                visible = swapVisible(v, offset);
            } else if (v.ptlHeld(mm, addr)) {
                continue;
            } else {
                visible = backing;
            }
            if (expected != NONE && visible != expected && !(lazy && visible == backing)) {
                return userWitness(v, mm, addr, pte, visible, logical, expected);
            }
        }
        return null;
    }

    /** What an empty PTE shows: zeroes for anonymous memory, the file page for a file mapping. */
    private static int backing(MmView v, VmaInfo vma, int addr) {
        if (vma.file() < 0) {
            return 0;
        }
        int index = vma.pgoff() + ((addr - vma.start()) >>> Geometry.PAGE_SHIFT);
        if (!v.fileExists(vma.file()) || index < 0 || index >= Math.min(v.fileSize(vma.file()), v.config().filePages())) {
            return NONE;
        }
        return fileVisible(v, vma.file(), index);
    }

    private static int swapVisible(MmView v, int offset) {
        int page = v.swapCachePage(offset);
        return Scan.validPfn(v, page) && v.pageFlag(page, PageFlag.UPTODATE) ? v.data(page) : v.swapData(offset);
    }

    private static Witness userWitness(MmView v, int mm, int addr, int pte, int visible, int logical, int expected) {
        String where = Names.pte(mm, addr);
        String wrote = logical == KernelConstants.FOLLOWS_BACKING ? "its backing holds " + expected : "last stored " + expected;
        if (Pte.ptePresent(pte)) {
            String page = Names.pfn(Pte.ptePfn(pte));
            return Witness.of(where + ": user reads " + visible + " from " + page + ", " + wrote, where, page);
        }
        if (Pte.isSwapPte(pte)) {
            String slot = Names.swapSlot(Pte.swpOffset(pte));
            return Witness.of(where + ": user reads " + visible + " from " + slot + ", " + wrote, where, slot);
        }
        return Witness.of(where + ": user reads " + visible + " from the backing, " + wrote, where);
    }
}
