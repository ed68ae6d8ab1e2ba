package org.mmspec.ref.sync;

import java.util.Locale;
import org.mmspec.spec.semantics.Fault;

/**
 * The kernel BUGs (and model errors) the reference implementation detects. Each names the check the
 * kernel makes (or would need) and renders a one-line message from the kernel function that hit it
 * ({@code %1$s}), the object ({@code %2$d}: a pfn, an address, a cache) and an auxiliary number
 * ({@code %3$d}).
 */
public enum OopsKind {
    PUT_PAGE_ON_FREE("VM_BUG_ON_PAGE(page_ref_count(page) == 0) in %1$s: put_page on pfn %2$d"),
    GET_PAGE_ON_FREE("VM_BUG_ON_PAGE(page_ref_count(page) <= 0) in %1$s: get_page on pfn %2$d"),
    UNLOCK_UNLOCKED_PAGE("VM_BUG_ON_PAGE(!PageLocked(page)) in %1$s: unlock_page on pfn %2$d"),
    BAD_PAGE_STATE("BUG: Bad page state in %1$s: pfn %2$d (flags %3$#x)"),
    MAP_FREED_PAGE("BUG: %1$s maps pfn %2$d, which is free"),
    MAPCOUNT_UNDERFLOW("BUG: Bad page map in %1$s: pfn %2$d _mapcount %3$d"),
    PAGE_STILL_MAPPED("VM_BUG_ON_PAGE(page_mapped(page)) in %1$s: pfn %2$d still has mapcount %3$d after try_to_unmap()"),
    END_WRITEBACK_NOT_WRITEBACK("BUG() in %1$s: end_page_writeback on pfn %2$d, not under writeback"),
    SLAB_CACHE_BUSY("kmem_cache_destroy in %1$s: slab cache %2$d still has %3$d objects"),
    SLAB_DOUBLE_FREE("BUG in %1$s: double free of slab object %2$#x"),
    SLAB_BAD_FREE("BUG in %1$s: %2$#x is not an allocated slab object"),
    VFREE_BAD("BUG in %1$s: trying to vfree() nonexistent vm area %2$#x"),
    UNLOCK_NOT_HELD("BUG in %1$s: lock class %2$d released by a thread that does not hold it"),
    SWAP_MAP_BAD("BUG in %1$s: bad swap entry, offset %2$d (swap_map %3$d)"),
    SWAP_DEVICE_GONE("BUG: KASAN: use-after-free in %1$s: swap_map of swap entry %2$d, freed by swapoff"),
    BAD_ADDRESS("BUG in %1$s: address %2$#x outside the modelled address space"),
    /** The model ran out of a fixed-size table: not a kernel bug, the configuration is too small. */
    MODEL_CAPACITY("model capacity exceeded in %1$s: %4$s"),
    /** A procedure was driven outside its domain or did not end its step: a defect in a scenario or the model. */
    MODEL_MISUSE("model error in %1$s: %4$s"),
    /**
     * The atomicity audit found a step that is not reducible to one atomic action, or an access that
     * breaks its region's discipline: a defect in the model's step granularity. The report is in the
     * state's audit words ({@code org.mmspec.ref.audit.Finding}).
     */
    ATOMICITY("model error in %1$s: atomicity audit, rule %2$d");

    private static final OopsKind[] VALUES = values();

    private final String template;

    OopsKind(String template) {
        this.template = template;
    }

    public static OopsKind of(int ordinal) {
        return VALUES[ordinal];
    }

    /**
     * The one-line message; a {@link #MODEL_MISUSE} names its cause ({@link ModelMisuse}), a
     * {@link #MODEL_CAPACITY} the region that ran out and the setting that sizes it ({@link ModelCapacity}).
     */
    public String render(String where, int obj, int aux) {
        String cause = switch (this) {
            case MODEL_MISUSE -> ModelMisuse.describe(obj, aux);
            case MODEL_CAPACITY -> ModelCapacity.describe(obj, aux);
            default -> "";
        };
        return String.format(Locale.ROOT, template, where, obj, aux, cause);
    }

    /** How the checker classifies this oops. */
    public Fault.Kind faultKind() {
        return this == MODEL_CAPACITY || this == MODEL_MISUSE || this == ATOMICITY ? Fault.Kind.MODEL_ERROR : Fault.Kind.KERNEL_BUG;
    }
}
