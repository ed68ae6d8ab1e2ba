package org.mmspec.ref.mlock;

import org.mmspec.ref.mmap.Mmap;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code apply_vma_lock_flags()} → {@code mlock_fixup()} (mm/mlock.c, Linux 4.9) over a range: every part
 * must be mapped ({@code -ENOMEM}); VMAs are split at the ends and get or lose {@code VM_LOCKED}
 * (merging is not modelled). Context: {@code mmap_sem} held for write.
 */
final class MlockFixup {

    private MlockFixup() {
    }

    /** Sets ({@code lock}) or clears {@code VM_LOCKED} on {@code [start, end)} of {@code mm}; 0 or {@code -ENOMEM}. */
    static int apply(Vmas v, Mmap mmap, int mm, int start, int end, boolean lock) {
        for (int a = start; a < end; ) {
            int vma = v.findVma(mm, a);
            if (vma < 0 || v.vmStart(vma) > a) {
                return Vmas.ENOMEM;
            }
            a = v.vmEnd(vma);
        }
        mmap.splitAt(mm, start);
        mmap.splitAt(mm, end);
        for (int a = start; a < end; ) {
            int vma = v.findVma(mm, a);
            int flags = v.vmFlags(vma);
            v.setVmFlags(vma, lock ? flags | VmFlags.VM_LOCKED : flags & ~VmFlags.VM_LOCKED);
            a = v.vmEnd(vma);
        }
        return 0;
    }
}
