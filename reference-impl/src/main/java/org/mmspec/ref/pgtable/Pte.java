package org.mmspec.ref.pgtable;

/**
 * PTE values and the operations on them (arch/arm/include/asm/pgtable.h and pgtable-2level.h, the
 * ARM32 Linux PTE bits the API summary uses). A PTE is an int: the pfn above {@code PAGE_SHIFT}, the
 * Linux bits below. {@code L_PTE_SPECIAL} exists only with LPAE on ARM (bit 56); the model keeps it in
 * the unused memory-type bit 2. A swap PTE has the present bit clear, the swap type from bit 2 and the
 * offset from bit 7 ({@code __SWP_TYPE_SHIFT}, {@code __SWP_OFFSET_SHIFT}); 0 is {@code pte_none}.
 */
public final class Pte {

    public static final int L_PTE_VALID = 1 << 0;
    public static final int L_PTE_PRESENT = 1 << 0;
    public static final int L_PTE_YOUNG = 1 << 1;
    public static final int L_PTE_SPECIAL = 1 << 2;
    public static final int L_PTE_DIRTY = 1 << 6;
    public static final int L_PTE_RDONLY = 1 << 7;
    public static final int L_PTE_USER = 1 << 8;
    public static final int L_PTE_XN = 1 << 9;
    public static final int L_PTE_SHARED = 1 << 10;
    public static final int L_PTE_NONE = 1 << 11;

    public static final int PTE_FLAGS_MASK = (1 << Geometry.PAGE_SHIFT) - 1;
    static final int SWP_TYPE_SHIFT = 2;
    static final int SWP_TYPE_BITS = 5;
    static final int SWP_OFFSET_SHIFT = SWP_TYPE_SHIFT + SWP_TYPE_BITS;

    /** {@code PAGE_NONE}-style base: present and young, as {@code _L_PTE_DEFAULT}. */
    public static final int L_PTE_DEFAULT = L_PTE_PRESENT | L_PTE_YOUNG;
    /** {@code PAGE_KERNEL}: kernel read-write, not executable. */
    public static final int PAGE_KERNEL = L_PTE_DEFAULT | L_PTE_XN | L_PTE_DIRTY;

    private Pte() {
    }

    /** {@code pte_none()}: the entry is empty. */
    public static boolean pteNone(int pte) {
        return pte == 0;
    }

    /** {@code pte_present()}: maps a page (or is {@code PROT_NONE}). */
    public static boolean ptePresent(int pte) {
        return (pte & (L_PTE_PRESENT | L_PTE_NONE)) != 0;
    }

    /** {@code pte_valid()}: the hardware will use the entry. */
    public static boolean pteValid(int pte) {
        return (pte & L_PTE_VALID) != 0;
    }

    /** {@code pte_write()}: not read-only. */
    public static boolean pteWrite(int pte) {
        return (pte & L_PTE_RDONLY) == 0;
    }

    /** {@code pte_dirty()}. */
    public static boolean pteDirty(int pte) {
        return (pte & L_PTE_DIRTY) != 0;
    }

    /** {@code pte_young()}. */
    public static boolean pteYoung(int pte) {
        return (pte & L_PTE_YOUNG) != 0;
    }

    /** {@code pte_exec()}: not execute-never. */
    public static boolean pteExec(int pte) {
        return (pte & L_PTE_XN) == 0;
    }

    /** {@code pte_special()}: maps a pfn with no refcounted page (zero page, {@code VM_PFNMAP}). */
    public static boolean pteSpecial(int pte) {
        return (pte & L_PTE_SPECIAL) != 0;
    }

    /** {@code pte_same()}. */
    public static boolean pteSame(int a, int b) {
        return a == b;
    }

    /** {@code pte_pfn()}. */
    public static int ptePfn(int pte) {
        return pte >>> Geometry.PAGE_SHIFT;
    }

    /** {@code pfn_pte(pfn, prot)}. */
    public static int pfnPte(int pfn, int prot) {
        return (pfn << Geometry.PAGE_SHIFT) | (prot & PTE_FLAGS_MASK);
    }

    /** {@code mk_pte(page, prot)}: the page is its pfn in the model. */
    public static int mkPte(int page, int prot) {
        return pfnPte(page, prot);
    }

    public static int pteMkdirty(int pte) {
        return pte | L_PTE_DIRTY;
    }

    public static int pteMkclean(int pte) {
        return pte & ~L_PTE_DIRTY;
    }

    public static int pteMkold(int pte) {
        return pte & ~L_PTE_YOUNG;
    }

    public static int pteMkyoung(int pte) {
        return pte | L_PTE_YOUNG;
    }

    public static int pteMkwrite(int pte) {
        return pte & ~L_PTE_RDONLY;
    }

    public static int pteWrprotect(int pte) {
        return pte | L_PTE_RDONLY;
    }

    public static int pteMkspecial(int pte) {
        return pte | L_PTE_SPECIAL;
    }

    /** A swap entry is a non-none, non-present PTE. */
    public static boolean isSwapPte(int pte) {
        return pte != 0 && !ptePresent(pte);
    }

    /** {@code swp_entry_to_pte(swp_entry(type, offset))}. */
    public static int swpEntryToPte(int type, int offset) {
        return (type << SWP_TYPE_SHIFT) | (offset << SWP_OFFSET_SHIFT);
    }

    /** {@code swp_offset(pte_to_swp_entry(pte))}. */
    public static int swpOffset(int pte) {
        return pte >>> SWP_OFFSET_SHIFT;
    }

    /** {@code swp_type(pte_to_swp_entry(pte))}. */
    public static int swpType(int pte) {
        return (pte >>> SWP_TYPE_SHIFT) & ((1 << SWP_TYPE_BITS) - 1);
    }

    /** Renders a PTE: {@code none}, {@code swap(0:2)}, {@code pfn 3 ro young dirty}. */
    public static String describe(int pte) {
        if (pteNone(pte)) {
            return "none";
        }
        if (!ptePresent(pte)) {
            return "swap(" + swpType(pte) + ":" + swpOffset(pte) + ")";
        }
        StringBuilder sb = new StringBuilder("pfn ").append(ptePfn(pte));
        sb.append(pteWrite(pte) ? " rw" : " ro");
        if (pteYoung(pte)) {
            sb.append(" young");
        }
        if (pteDirty(pte)) {
            sb.append(" dirty");
        }
        if (pteSpecial(pte)) {
            sb.append(" special");
        }
        if (pteExec(pte)) {
            sb.append(" exec");
        }
        return sb.toString();
    }
}
