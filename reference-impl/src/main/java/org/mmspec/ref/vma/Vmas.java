package org.mmspec.ref.vma;

import static org.mmspec.ref.state.Layout.MM_NR_VMAS;
import static org.mmspec.ref.state.Layout.VMA_ANON_VMA;
import static org.mmspec.ref.state.Layout.VMA_AVC;
import static org.mmspec.ref.state.Layout.VMA_END;
import static org.mmspec.ref.state.Layout.VMA_FIELDS;
import static org.mmspec.ref.state.Layout.VMA_FILE;
import static org.mmspec.ref.state.Layout.VMA_FLAGS;
import static org.mmspec.ref.state.Layout.VMA_PGOFF;
import static org.mmspec.ref.state.Layout.VMA_START;

import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * {@code vm_area_struct}s of an mm, kept sorted by address in the mm's VMA slots: the kernel's sorted
 * list and rbtree in one array (mm/mmap.c). A {@code struct vm_area_struct *} is the word index of
 * the VMA's first field; it stays valid while {@code mmap_sem} is held (insertions shift later VMAs).
 * Context for every query: {@code mmap_sem} held (read or write); for changes, held for write.
 */
public final class Vmas {

    /** {@code -ENOMEM}. */
    public static final int ENOMEM = -12;

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final PageCache pageCache;

    public Vmas(Config c, Layout l, Mem m, PageCache pageCache) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.pageCache = pageCache;
    }

    /** The pointer of slot {@code slot} of {@code mm}. */
    public int slot(int mm, int slot) {
        return l.vma(mm, slot, 0);
    }

    public int count(int mm) {
        return m.get(l.mm(mm, MM_NR_VMAS));
    }

    public int mmOf(int vma) {
        return (vma - l.mmBase) / l.mmStride;
    }

    public int slotOf(int vma) {
        return (vma - l.vma(mmOf(vma), 0, 0)) / VMA_FIELDS;
    }

    public int vmStart(int vma) {
        return m.get(vma + VMA_START);
    }

    public int vmEnd(int vma) {
        return m.get(vma + VMA_END);
    }

    public int vmFlags(int vma) {
        return m.get(vma + VMA_FLAGS);
    }

    public void setVmFlags(int vma, int flags) {
        m.set(vma + VMA_FLAGS, flags);
    }

    /** {@code vma->vm_file}: the file id, or -1 for an anonymous VMA. */
    public int vmFile(int vma) {
        return m.get(vma + VMA_FILE) - 1;
    }

    public int vmPgoff(int vma) {
        return m.get(vma + VMA_PGOFF);
    }

    /** {@code vma->anon_vma}: the anon_vma id, or -1. */
    public int anonVma(int vma) {
        return m.get(vma + VMA_ANON_VMA) - 1;
    }

    public void setAnonVma(int vma, int anonVma) {
        m.set(vma + VMA_ANON_VMA, anonVma + 1);
    }

    /** The VMA's anon_vma_chain as a bitmask of anon_vma ids. */
    public int avc(int vma) {
        return m.get(vma + VMA_AVC);
    }

    public void setAvc(int vma, int mask) {
        m.set(vma + VMA_AVC, mask);
    }

    /** {@code vma_is_anonymous()}: no file behind it. */
    public boolean vmaIsAnonymous(int vma) {
        return m.get(vma + VMA_FILE) == 0;
    }

    /**
     * {@code vma->vm_page_prot}, derived from the flags as {@code vm_get_page_prot()} does. A shared
     * writable mapping of a regular file wants write notification ({@code vma_wants_writenotify}: the
     * file's dirty pages are accounted), so its PTEs start read-only and the first write faults.
     */
    public int vmPageProt(int vma) {
        int flags = vmFlags(vma);
        int prot = VmFlags.vmGetPageProt(flags);
        int file = vmFile(vma);
        if ((flags & VmFlags.VM_SHARED) != 0 && file >= 0
                && pageCache.kind(file) != FileKind.SHMEM) {
            prot = Pte.pteWrprotect(prot);
        }
        return prot;
    }

    /** {@code linear_page_index(vma, addr)}: the file (or anon) page index of an address. */
    public int linearPageIndex(int vma, int addr) {
        return ((addr - vmStart(vma)) >>> Geometry.PAGE_SHIFT) + vmPgoff(vma);
    }

    /** {@code vma_address(page, vma)}: where page index {@code index} is mapped, or -1 outside the VMA. */
    public int vmaAddress(int vma, int index) {
        long addr = vmStart(vma) + ((long) (index - vmPgoff(vma)) << Geometry.PAGE_SHIFT);
        return addr >= vmStart(vma) && addr < vmEnd(vma) ? (int) addr : -1;
    }

    // ---- lookups (mm/mmap.c) ----

    /**
     * {@code find_vma(mm, addr)}: the first VMA that ends above {@code addr}, or -1 ({@code NULL}).
     * Context: {@code mmap_sem} held.
     */
    public int findVma(int mm, int addr) {
        int n = count(mm);
        for (int s = 0; s < n; s++) {
            int vma = slot(mm, s);
            if (vmEnd(vma) > addr) {
                return vma;
            }
        }
        return -1;
    }

    /** Result of {@link #findVmaPrev}: the VMA and the one before it (-1 for none). */
    public record VmaAndPrev(int vma, int prev) {
    }

    /** {@code find_vma_prev(mm, addr, &pprev)}. Context: {@code mmap_sem} held. */
    public VmaAndPrev findVmaPrev(int mm, int addr) {
        int vma = findVma(mm, addr);
        int n = count(mm);
        int prev;
        if (vma >= 0) {
            int s = slotOf(vma);
            prev = s > 0 ? slot(mm, s - 1) : -1;
        } else {
            prev = n > 0 ? slot(mm, n - 1) : -1;
        }
        return new VmaAndPrev(vma, prev);
    }

    /**
     * {@code find_vma_intersection(mm, start, end)}: the first VMA overlapping {@code [start, end)}, or -1.
     * Context: {@code mmap_sem} held.
     */
    public int findVmaIntersection(int mm, int start, int end) {
        int vma = findVma(mm, start);
        if (vma >= 0 && end <= vmStart(vma)) {
            return -1;
        }
        return vma;
    }

    /** Result of {@link #findVmaLinks}: where a new VMA goes (its slot) and its predecessor (-1 for none). */
    public record Links(int slot, int prev) {
    }

    /**
     * {@code find_vma_links(mm, addr, end, &pprev, &rb_link, &rb_parent)}: where a VMA for
     * {@code [addr, end)} would be linked; {@code null} ({@code -ENOMEM}) when it overlaps one.
     * Context: {@code mmap_sem} held for write.
     */
    public Links findVmaLinks(int mm, int addr, int end) {
        int n = count(mm);
        int at = 0;
        while (at < n && vmEnd(slot(mm, at)) <= addr) {
            at++;
        }
        if (at < n && vmStart(slot(mm, at)) < end) {
            return null;
        }
        return new Links(at, at > 0 ? slot(mm, at - 1) : -1);
    }

    /** A VMA to be inserted: the fields of a {@code vm_area_struct} before linking. */
    public record VmaSpec(int start, int end, int flags, int file, int pgoff, int anonVma, int avc) {
    }

    /**
     * {@code insert_vm_struct(mm, vma)} (mm/mmap.c): links a new VMA into the mm (and, for a file VMA,
     * into the file's {@code i_mmap}, which the model derives from {@code vm_file}). An anonymous VMA's
     * {@code vm_pgoff} becomes {@code vm_start >> PAGE_SHIFT}. Returns the new VMA's pointer, or
     * {@link #ENOMEM} when it overlaps an existing one. Context: {@code mmap_sem} held for write.
     */
    public int insertVmStruct(int mm, VmaSpec v) {
        Links links = findVmaLinks(mm, v.start(), v.end());
        if (links == null) {
            return ENOMEM;
        }
        int n = count(mm);
        if (n >= c.nrVmas()) {
            throw new Oops(OopsKind.MODEL_CAPACITY, 1, mm);
        }
        for (int s = n; s > links.slot(); s--) {
            copySlot(mm, s - 1, s);
        }
        int vma = slot(mm, links.slot());
        int pgoff = v.file() < 0 ? v.start() >>> Geometry.PAGE_SHIFT : v.pgoff();
        m.set(vma + VMA_START, v.start());
        m.set(vma + VMA_END, v.end());
        m.set(vma + VMA_FLAGS, v.flags());
        m.set(vma + VMA_FILE, v.file() + 1);
        m.set(vma + VMA_PGOFF, pgoff);
        m.set(vma + VMA_ANON_VMA, v.anonVma() + 1);
        m.set(vma + VMA_AVC, v.avc());
        m.set(l.mm(mm, MM_NR_VMAS), n + 1);
        return vma;
    }

    /** Unlinks a VMA from the mm ({@code __vma_unlink}, {@code remove_vma}); later VMAs move down. */
    public void removeVma(int vma) {
        int mm = mmOf(vma);
        int n = count(mm);
        for (int s = slotOf(vma); s < n - 1; s++) {
            copySlot(mm, s + 1, s);
        }
        clearSlot(mm, n - 1);
        m.set(l.mm(mm, MM_NR_VMAS), n - 1);
    }

    /** Sets a VMA's start, end and pgoff (used by {@code __split_vma} and {@code vma_adjust}). */
    public void adjust(int vma, int start, int end, int pgoff) {
        m.set(vma + VMA_START, start);
        m.set(vma + VMA_END, end);
        m.set(vma + VMA_PGOFF, pgoff);
    }

    /** The fields of a VMA as a spec (to copy it). */
    public VmaSpec spec(int vma) {
        return new VmaSpec(vmStart(vma), vmEnd(vma), vmFlags(vma), vmFile(vma), vmPgoff(vma), anonVma(vma), avc(vma));
    }

    /** The VMA of {@code mm} starting at {@code start}, or -1 (a stable way to name a VMA across steps). */
    public int byStart(int mm, int start) {
        int n = count(mm);
        for (int s = 0; s < n; s++) {
            int vma = slot(mm, s);
            if (vmStart(vma) == start) {
                return vma;
            }
        }
        return -1;
    }

    private void copySlot(int mm, int from, int to) {
        for (int f = 0; f < VMA_FIELDS; f++) {
            m.set(l.vma(mm, to, f), m.get(l.vma(mm, from, f)));
        }
    }

    private void clearSlot(int mm, int s) {
        for (int f = 0; f < VMA_FIELDS; f++) {
            m.set(l.vma(mm, s, f), 0);
        }
    }
}
