package org.mmspec.ref.vma;

import org.mmspec.ref.pgtable.Pte;

/**
 * {@code vm_flags} bits (include/linux/mm.h, Linux 4.x values) and the page protections they give
 * ({@code vm_get_page_prot()} over ARM's {@code protection_map}).
 */
public final class VmFlags {

    public static final int VM_READ = 0x1;
    public static final int VM_WRITE = 0x2;
    public static final int VM_EXEC = 0x4;
    public static final int VM_SHARED = 0x8;
    public static final int VM_MAYREAD = 0x10;
    public static final int VM_MAYWRITE = 0x20;
    public static final int VM_MAYEXEC = 0x40;
    public static final int VM_MAYSHARE = 0x80;
    public static final int VM_PFNMAP = 0x400;
    public static final int VM_LOCKED = 0x2000;
    public static final int VM_IO = 0x4000;
    public static final int VM_DONTEXPAND = 0x40000;
    public static final int VM_ACCOUNT = 0x100000;
    public static final int VM_NORESERVE = 0x200000;
    public static final int VM_DONTDUMP = 0x4000000;
    public static final int VM_MIXEDMAP = 0x10000000;

    // mmap(2) protections and flags
    public static final int PROT_NONE = 0x0;
    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;
    public static final int PROT_EXEC = 0x4;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;

    private static final int USER = Pte.L_PTE_DEFAULT | Pte.L_PTE_USER;
    private static final int PAGE_NONE = USER | Pte.L_PTE_RDONLY | Pte.L_PTE_XN | Pte.L_PTE_NONE;
    private static final int PAGE_READONLY = USER | Pte.L_PTE_RDONLY | Pte.L_PTE_XN;
    private static final int PAGE_COPY = USER | Pte.L_PTE_RDONLY | Pte.L_PTE_XN;
    private static final int PAGE_SHARED = USER | Pte.L_PTE_XN;

    private VmFlags() {
    }

    /** {@code is_cow_mapping()}: private and may become writable. */
    public static boolean isCowMapping(int flags) {
        return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
    }

    /**
     * {@code vm_get_page_prot(vm_flags)}: ARM's {@code protection_map}. Private writable mappings get
     * {@code PAGE_COPY} (read-only: the first write faults and copies); shared writable ones
     * {@code PAGE_SHARED}. Executable variants drop {@code L_PTE_XN}.
     */
    public static int vmGetPageProt(int flags) {
        int rwx = flags & (VM_READ | VM_WRITE | VM_EXEC);
        if (rwx == 0) {
            return PAGE_NONE;
        }
        int prot;
        if ((flags & VM_WRITE) != 0) {
            prot = (flags & VM_SHARED) != 0 ? PAGE_SHARED : PAGE_COPY;
        } else {
            prot = PAGE_READONLY;
        }
        if ((flags & VM_EXEC) != 0) {
            prot &= ~Pte.L_PTE_XN;
        }
        return prot;
    }

    /** {@code calc_vm_prot_bits()}. */
    public static int calcVmProtBits(int prot) {
        int f = 0;
        if ((prot & PROT_READ) != 0) {
            f |= VM_READ;
        }
        if ((prot & PROT_WRITE) != 0) {
            f |= VM_WRITE;
        }
        if ((prot & PROT_EXEC) != 0) {
            f |= VM_EXEC;
        }
        return f;
    }

    /** {@code maybe_mkwrite(pte, vma)}: writable only if the VMA is. */
    public static int maybeMkwrite(int pte, int flags) {
        return (flags & VM_WRITE) != 0 ? Pte.pteMkwrite(pte) : pte;
    }

    /** Renders flags as {@code rw-p} style plus extras. */
    public static String describe(int flags) {
        StringBuilder sb = new StringBuilder();
        sb.append((flags & VM_READ) != 0 ? 'r' : '-');
        sb.append((flags & VM_WRITE) != 0 ? 'w' : '-');
        sb.append((flags & VM_EXEC) != 0 ? 'x' : '-');
        sb.append((flags & VM_SHARED) != 0 ? 's' : 'p');
        if ((flags & VM_PFNMAP) != 0) {
            sb.append(" pfnmap");
        }
        return sb.toString();
    }
}
