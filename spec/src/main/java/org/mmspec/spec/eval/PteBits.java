package org.mmspec.spec.eval;

/**
 * The packed form of a {@code pte_t}: 0 is the empty PTE; otherwise flag bits (present, write, dirty,
 * young, swap) and, above bit 8, the pfn of a present PTE or the offset of a swap entry. A protocol-level
 * rendering of the ARM/x86 bits, not either layout.
 */
public final class PteBits {

    public static final int PRESENT = 1;
    public static final int WRITE = 2;
    public static final int DIRTY = 4;
    public static final int YOUNG = 8;
    public static final int SWAP = 16;
    public static final int SHIFT = 8;

    private PteBits() {
    }

    public static boolean present(int pte) {
        return (pte & PRESENT) != 0;
    }

    public static int pfn(int pte) {
        return pte >>> SHIFT;
    }

    /** {@code none}, {@code swap(3)} or {@code present|write|dirty pfn=2}. */
    public static String render(int pte) {
        if (pte == 0) {
            return "none";
        }
        if ((pte & SWAP) != 0) {
            return "swap(" + pfn(pte) + ")";
        }
        StringBuilder b = new StringBuilder(present(pte) ? "present" : "not-present");
        b.append((pte & WRITE) != 0 ? "|write" : "|ro");
        if ((pte & DIRTY) != 0) {
            b.append("|dirty");
        }
        if ((pte & YOUNG) != 0) {
            b.append("|young");
        }
        return b.append(" pfn=").append(pfn(pte)).toString();
    }
}
