package org.mmspec.invariants;

import org.mmspec.ref.view.KernelConstants;

/**
 * Names of kernel objects as witnesses list them: {@code pfn 3}, {@code pte(mm1, 0x1000)},
 * {@code zone 0}, {@code T2}. Tests compare witness objects against these, so every invariant names an
 * object the same way.
 */
public final class Names {

    private Names() {
    }

    /** A page frame: {@code pfn 3}. */
    public static String pfn(int pfn) {
        return "pfn " + pfn;
    }

    /** A PTE of an address space: {@code pte(mm1, 0x1000)}; mm 0 is {@code init_mm}. */
    public static String pte(int mm, int addr) {
        return "pte(mm" + mm + ", " + hex(addr) + ")";
    }

    public static String zone(int zone) {
        return "zone " + zone;
    }

    /** A buddy free list: {@code free_area[2] of zone 0}. */
    public static String freeArea(int zone, int order) {
        return "free_area[" + order + "] of zone " + zone;
    }

    /** An LRU list: {@code inactive_anon of zone 0}. */
    public static String lruList(int zone, int lru) {
        return KernelConstants.lruName(lru) + " of zone " + zone;
    }

    public static String mm(int mm) {
        return "mm" + mm;
    }

    /** A VMA by its slot in the mm's sorted VMA array: {@code vma(mm1, #0)}. */
    public static String vma(int mm, int slot) {
        return "vma(mm" + mm + ", #" + slot + ")";
    }

    /** A thread: {@code T2}. */
    public static String thread(int tid) {
        return "T" + tid;
    }

    private static final java.util.regex.Pattern THREAD = java.util.regex.Pattern.compile("\\bT(\\d+)\\b");

    /**
     * {@code w} with every thread named as {@link #thread} names it ({@code T2}) renamed to
     * {@code names.get(2)}, so that messages use a scenario's own thread names.
     */
    public static org.mmspec.spec.semantics.Witness renameThreads(org.mmspec.spec.semantics.Witness w,
            java.util.List<String> names) {
        java.util.function.UnaryOperator<String> rename = text -> THREAD.matcher(text).replaceAll(m -> {
            int tid = Integer.parseInt(m.group(1));
            return java.util.regex.Matcher.quoteReplacement(tid < names.size() ? names.get(tid) : m.group());
        });
        return new org.mmspec.spec.semantics.Witness(rename.apply(w.summary()),
                w.objects().stream().map(rename).toList());
    }

    /** A page offset of a file: {@code file0[1]}. */
    public static String filePage(int file, int index) {
        return "file" + file + "[" + index + "]";
    }

    /** A swap slot: {@code swap slot 3}. */
    public static String swapSlot(int offset) {
        return "swap slot " + offset;
    }

    /** A slab cache slot: {@code kmem_cache 2}. */
    public static String cache(int cache) {
        return "kmem_cache " + cache;
    }

    /** A vmalloc area slot: {@code vm_struct 0}. */
    public static String vmArea(int area) {
        return "vm_struct " + area;
    }

    /** An address in the kernel's hexadecimal style: {@code 0x1000}. */
    public static String hex(int addr) {
        return "0x" + Integer.toHexString(addr);
    }
}
