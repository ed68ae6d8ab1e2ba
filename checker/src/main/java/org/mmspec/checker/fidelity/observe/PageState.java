package org.mmspec.checker.fidelity.observe;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The state of one virtual page of one process at one {@code observe} step. The kernel side reads it from
 * {@code /proc/<pid>/maps}, {@code /proc/<pid>/pagemap}, {@code /proc/kpagecount} and
 * {@code /proc/kpageflags}; a model produces each field from its own state as described here (Linux 4.x
 * meanings, {@code fs/proc/task_mmu.c} {@code pte_to_pagemap_entry} and {@code fs/proc/page.c}).
 * "The PTE" is the page-table entry for {@link #address} in the process's {@code mm}; "the page" is the
 * {@code struct page} it maps, if any.
 *
 * @param step the step number of the {@code observe}
 * @param process the process, e.g. {@code p1}
 * @param region the region's name
 * @param page page index within the region; the address is {@code region base + page * PAGE_SIZE}
 * @param vma the VMA that {@code find_vma} finds covering the address, with its
 *     {@code VM_READ/VM_WRITE/VM_EXEC/VM_SHARED} bits, or {@link Vma#NONE}
 * @param present pagemap bit 63: {@code pte_present(pte)} — including a PTE that maps the zero page
 * @param swapped pagemap bit 62: the PTE holds a swap entry ({@code is_swap_pte}, not none, not present)
 * @param exclusive pagemap bit 56 ({@code PM_MMAP_EXCLUSIVE}): there is a page (a present PTE and
 *     {@code vm_normal_page()} is not {@code NULL}, so never for the zero page) and
 *     {@code page_mapcount(page) == 1}
 * @param file pagemap bit 61 ({@code PM_FILE}): there is a page (as for {@code exclusive}) and
 *     {@code !PageAnon(page)} — a page-cache page or a shared-anonymous (shmem) page
 * @param frame the page's identity when {@code present}: its page frame number ({@code pte_pfn}, also for
 *     the zero page); when {@code swapped}: the swap entry's value (type and offset, any injective
 *     encoding); otherwise 0. Only equality matters: raw numbers become labels ({@code F1}, {@code ZERO},
 *     {@code S1}) in order of first appearance and are never shown
 * @param mapcount when {@code present}: {@code /proc/kpagecount} of the frame, which is
 *     {@code page_mapcount(page)} ({@code _mapcount + 1}; 0 for the zero page, which is never
 *     rmap-accounted); otherwise 0 and not compared
 * @param flags when {@code present}: the compared {@code /proc/kpageflags} of the frame (see
 *     {@link PageFlag}); otherwise empty and not compared
 */
public record PageState(int step, String process, String region, int page, Vma vma, boolean present,
        boolean swapped, boolean exclusive, boolean file, long frame, int mapcount, Set<PageFlag> flags) {

    public PageState {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(vma, "vma");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        if (present && swapped) {
            throw new IllegalArgumentException("a PTE is not both present and a swap entry");
        }
    }

    /** {@code r1[0]}: where the page is. */
    public String place() {
        return region + "[" + page + "]";
    }

    /** Whether {@code flag} is set. */
    public boolean has(PageFlag flag) {
        return flags.contains(flag);
    }
}
