package org.mmspec.invariants;

import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.view.MmView;
import org.mmspec.ref.view.MmView.VmaInfo;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code vma_well_formed}: in every address space in use, the VMAs are page-aligned, non-empty and
 * inside the mm's range ({@code [0, TASK_SIZE)} for user mms), sorted by address and disjoint, no more
 * than the slots the mm has; and {@code find_vma(mm, addr)} returns, for every page address, the VMA
 * containing it or else the lowest VMA above it — computed here from the VMAs directly.
 *
 * <p>Kernel: mm/mmap.c {@code validate_mm()} and {@code browse_rb()} (CONFIG_DEBUG_VM_RB: sorted,
 * non-overlapping, {@code vm_start < vm_end}), {@code find_vma()} ("Look up the first VMA which satisfies
 * addr &lt; vm_end"), {@code find_vma_links()}; every fault, {@code munmap()} and {@code mprotect()} relies on it.
 */
public final class VmaWellFormed implements Invariant<MmView> {

    public static final String ID = "vma_well_formed";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "VMAs of an mm are sorted, disjoint, page-aligned, non-empty and inside the address space; find_vma"
                + " returns the first VMA ending above the address";
    }

    @Override
    public Witness check(MmView v) {
        for (int mm = 0; mm < v.config().nrMms(); mm++) {
            if (!v.mmInUse(mm)) {
                continue;
            }
            int n = v.vmaCount(mm);
            if (n < 0 || n > v.config().nrVmas()) {
                return Witness.of(Names.mm(mm) + " claims " + n + " VMAs in " + v.config().nrVmas() + " slots",
                        Names.mm(mm));
            }
            Witness w = checkShapes(v, mm, n);
            if (w == null) {
                w = checkFindVma(v, mm, n);
            }
            if (w == null) {
                w = checkOrder(v, mm, n);
            }
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    private static Witness checkShapes(MmView v, int mm, int n) {
        int limit = mm == 0 ? 0 : v.geometry().taskSize;
        for (int slot = 0; slot < n; slot++) {
            VmaInfo vma = v.vma(mm, slot);
            String problem = null;
            if (!Geometry.isPageAligned(vma.start()) || !Geometry.isPageAligned(vma.end())) {
                problem = "is not page-aligned";
            } else if (vma.start() >= vma.end()) {
                problem = "is empty";
            } else if (vma.start() < 0 || vma.end() > limit) {
                problem = "lies outside the address space [0, " + Names.hex(limit) + ")";
            }
            if (problem != null) {
                return Witness.of(Names.vma(mm, slot) + " " + range(vma) + " " + problem, Names.vma(mm, slot));
            }
        }
        return null;
    }

    /** {@code find_vma()} against the definition, at every page address of the mm. */
    private static Witness checkFindVma(MmView v, int mm, int n) {
        int limit = mm == 0 ? 0 : v.geometry().taskSize;
        for (int addr = 0; addr < limit; addr += Geometry.PAGE_SIZE) {
            int expected = firstAbove(v, mm, n, addr);
            int found = v.findVmaSlot(mm, addr);
            if (found != expected) {
                String got = found < 0 ? "NULL" : Names.vma(mm, found) + " " + range(v.vma(mm, found));
                String want = expected < 0 ? "NULL" : Names.vma(mm, expected) + " " + range(v.vma(mm, expected));
                return Witness.of("find_vma(" + Names.mm(mm) + ", " + Names.hex(addr) + ") returns " + got
                        + ", but the VMA containing or next above it is " + want, Names.mm(mm), Names.hex(addr));
            }
        }
        return null;
    }

    /** The slot of the VMA containing {@code addr}, else of the lowest VMA starting above it; -1 for none. */
    private static int firstAbove(MmView v, int mm, int n, int addr) {
        int best = -1;
        int bestStart = Integer.MAX_VALUE;
        for (int slot = 0; slot < n; slot++) {
            VmaInfo vma = v.vma(mm, slot);
            if (vma.start() <= addr && addr < vma.end()) {
                return slot;
            }
            if (vma.start() > addr && vma.start() < bestStart) {
                best = slot;
                bestStart = vma.start();
            }
        }
        return best;
    }

    private static Witness checkOrder(MmView v, int mm, int n) {
        for (int slot = 1; slot < n; slot++) {
            VmaInfo prev = v.vma(mm, slot - 1);
            VmaInfo vma = v.vma(mm, slot);
            if (vma.start() < prev.end()) {
                String how = vma.start() < prev.start() ? "is not sorted after" : "overlaps";
                return Witness.of(Names.vma(mm, slot) + " " + range(vma) + " " + how + " " + Names.vma(mm, slot - 1)
                        + " " + range(prev), Names.vma(mm, slot - 1), Names.vma(mm, slot));
            }
        }
        return null;
    }

    private static String range(VmaInfo vma) {
        return "[" + Names.hex(vma.start()) + ", " + Names.hex(vma.end()) + ")";
    }
}
