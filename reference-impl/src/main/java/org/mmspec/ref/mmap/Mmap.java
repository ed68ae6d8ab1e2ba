package org.mmspec.ref.mmap;

import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.rmap.AnonVmas;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * Creating mappings (mm/mmap.c {@code do_mmap_pgoff}/{@code mmap_region}, mm/memory.c
 * {@code remap_pfn_range}, arch/arm64/mm/mmu.c {@code create_mapping_late}) and splitting VMAs
 * ({@code __split_vma}). Context: {@code mmap_sem} held for write.
 */
public final class Mmap {

    public static final int EINVAL = -22;
    public static final int EACCES = -13;
    public static final int ENODEV = -19;
    /** {@code mmap_min_addr}: the first page is never mapped. */
    public static final int MMAP_MIN_ADDR = Geometry.PAGE_SIZE;

    private final Config c;
    private final Geometry geometry;
    private final Vmas vmas;
    private final PageCache pageCache;
    private final AnonVmas anonVmas;
    private final PageTables pageTables;

    public Mmap(Config c, Geometry geometry, Vmas vmas, PageCache pageCache, AnonVmas anonVmas, PageTables pageTables) {
        this.c = c;
        this.geometry = geometry;
        this.vmas = vmas;
        this.pageCache = pageCache;
        this.anonVmas = anonVmas;
        this.pageTables = pageTables;
    }

    /**
     * {@code do_mmap_pgoff(file, addr, len, prot, flags, pgoff, &populate)}: maps {@code len} bytes of
     * {@code file} (-1: anonymous) at {@code pgoff}, at {@code addr} if {@code MAP_FIXED} (unmapping
     * whatever was there is the caller's job in the model: an overlap is {@code -ENOMEM}), else at the
     * lowest free range above {@code mmap_min_addr}. A shared anonymous mapping gets a shmem object as
     * its file. {@code MAP_SHARED} of a read-only file loses {@code VM_MAYWRITE}/{@code VM_SHARED}, and
     * asking it for {@code PROT_WRITE} is {@code -EACCES}. Returns the address or a negative errno.
     * Pages are not populated: the first touch faults.
     */
    public int doMmapPgoff(int mm, int file, int addr, int len, int prot, int flags, int pgoff) {
        if (len <= 0) {
            return EINVAL;
        }
        len = Geometry.pageAlign(len);
        boolean shared = (flags & VmFlags.MAP_SHARED) != 0;
        if (shared == ((flags & VmFlags.MAP_PRIVATE) != 0)) {
            return EINVAL;
        }
        int vmFlags = VmFlags.calcVmProtBits(prot) | VmFlags.VM_MAYREAD | VmFlags.VM_MAYWRITE | VmFlags.VM_MAYEXEC;
        PageCache cache = pageCache;
        if (file >= 0) {
            if (!cache.exists(file)) {
                return ENODEV;
            }
            if (shared) {
                if (cache.kind(file) == FileKind.REGULAR_RO) {
                    if ((prot & VmFlags.PROT_WRITE) != 0) {
                        return EACCES;
                    }
                    vmFlags &= ~VmFlags.VM_MAYWRITE;
                } else {
                    vmFlags |= VmFlags.VM_SHARED | VmFlags.VM_MAYSHARE;
                }
            }
        } else if (shared) {
            file = cache.createFile(FileKind.SHMEM, new int[Math.min(len >>> Geometry.PAGE_SHIFT, c.filePages())]);
            pgoff = 0;
            vmFlags |= VmFlags.VM_SHARED | VmFlags.VM_MAYSHARE;
        }
        int start = (flags & VmFlags.MAP_FIXED) != 0 ? addr : getUnmappedArea(mm, len);
        if (start < 0 || !Geometry.isPageAligned(start) || start < MMAP_MIN_ADDR
                || (long) start + len > geometry.taskSize) {
            return Vmas.ENOMEM;
        }
        int vma = vmas.insertVmStruct(mm, new Vmas.VmaSpec(start, start + len, vmFlags, file, pgoff, -1, 0));
        return vma < 0 ? vma : start;
    }

    /** {@code get_unmapped_area()}: the lowest gap of {@code len} bytes above {@code mmap_min_addr}, or -1. */
    public int getUnmappedArea(int mm, int len) {
        Vmas v = vmas;
        int candidate = MMAP_MIN_ADDR;
        for (int s = 0; s < v.count(mm); s++) {
            int vma = v.slot(mm, s);
            if (v.vmStart(vma) - candidate >= len) {
                return candidate;
            }
            candidate = Math.max(candidate, v.vmEnd(vma));
        }
        return (long) candidate + len <= geometry.taskSize ? candidate : -1;
    }

    /**
     * {@code __split_vma(mm, vma, addr, new_below)}: splits a VMA at {@code addr} into two, both linked
     * into the anon_vma chains and the file's {@code i_mmap} of the original. Returns the pointer of the
     * upper part.
     */
    public int splitVma(int vma, int addr) {
        Vmas v = vmas;
        int mm = v.mmOf(vma);
        Vmas.VmaSpec spec = v.spec(vma);
        int pgoffAtAddr = spec.pgoff() + ((addr - spec.start()) >>> Geometry.PAGE_SHIFT);
        v.adjust(vma, spec.start(), addr, spec.pgoff());
        int upper = v.insertVmStruct(mm, new Vmas.VmaSpec(addr, spec.end(), spec.flags(), spec.file(),
                pgoffAtAddr, spec.anonVma(), spec.avc()));
        anonVmas.chainCopied(spec.avc());
        if (spec.file() < 0) {
            v.adjust(upper, addr, spec.end(), pgoffAtAddr);
        }
        return upper;
    }

    /**
     * Splits the VMA of {@code mm} straddling {@code addr}, if there is one ({@code __split_vma} at a
     * range boundary, as {@code do_munmap()} and {@code mprotect_fixup()} do). Context: {@code mmap_sem}
     * held for write.
     */
    public void splitAt(int mm, int addr) {
        Vmas v = vmas;
        int vma = v.findVma(mm, addr);
        if (vma >= 0 && v.vmStart(vma) < addr && addr < v.vmEnd(vma)) {
            splitVma(vma, addr);
        }
    }

    /**
     * {@code remap_pfn_range(vma, addr, pfn, size, prot)} (mm/memory.c): maps raw pfns with special
     * PTEs and marks the VMA {@code VM_IO | VM_PFNMAP}; the frames are not refcounted and have no rmap.
     * Context: {@code mmap_sem} for write (from a driver's {@code ->mmap}). Returns 0 or {@code -EINVAL}.
     *
     * @throws Oops when the range is outside the address space
     */
    public int remapPfnRange(int vma, int addr, int pfn, int size, int prot) {
        Vmas v = vmas;
        if (addr < v.vmStart(vma) || (long) addr + size > v.vmEnd(vma) || !Geometry.isPageAligned(addr)) {
            return EINVAL;
        }
        v.setVmFlags(vma, v.vmFlags(vma) | VmFlags.VM_IO | VmFlags.VM_PFNMAP | VmFlags.VM_DONTEXPAND);
        int mm = v.mmOf(vma);
        PageTables pt = pageTables;
        for (int off = 0; off < size; off += Geometry.PAGE_SIZE) {
            int a = addr + off;
            int pmd = pt.pmdOffset(pt.pgdOffset(mm, a), a);
            pt.pteAlloc(pmd);
            pt.setPteAt(mm, a, pt.pteOffsetMap(pmd, a), Pte.pteMkspecial(Pte.pfnPte(pfn + (off >>> Geometry.PAGE_SHIFT), prot)));
        }
        return 0;
    }

    /**
     * {@code create_mapping_late(phys, virt, size, prot)} (arch/arm64/mm/mmu.c): maps physical frames
     * into the kernel page table of {@code init_mm} after boot (used to change permissions of kernel
     * text and rodata). Here: maps {@code size} bytes from pfn {@code pfn} at kernel address
     * {@code virt} in the vmalloc area with kernel PTEs.
     *
     * @throws Oops when {@code virt} is outside the kernel's part of the address space
     */
    public void createMappingLate(int pfn, int virt, int size, int prot) {
        PageTables pt = pageTables;
        for (int off = 0; off < size; off += Geometry.PAGE_SIZE) {
            int a = virt + off;
            int pmd = pt.pmdOffset(pt.pgdOffsetK(a), a);
            pt.pteAlloc(pmd);
            pt.setPteAt(0, a, pt.pteOffsetKernel(pmd, a), Pte.pteMkspecial(Pte.pfnPte(pfn + (off >>> Geometry.PAGE_SHIFT), prot)));
        }
    }
}
