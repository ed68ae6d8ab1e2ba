package org.mmspec.checker.fidelity.compare;

import java.util.List;
import java.util.Set;

import org.mmspec.checker.fidelity.observe.Field;
import org.mmspec.checker.fidelity.observe.PageFlag;

/**
 * The documented differences between the live kernel (a recent Linux) and the model (Linux 4.x
 * semantics). Each entry is a rule with its reason; a difference no rule explains fails the comparison.
 * Keep the list short: a rule that accepts too much hides real model bugs. Host configuration that a model
 * can imitate (zero page on read faults, swap present or not, {@code fault_around_bytes}) is passed to the
 * model as {@link org.mmspec.checker.fidelity.observe.HostFacts} instead of being listed here
 * ({@code ModelMachine.forHost}); the rules below that depend on host facts cover what a Linux 4.x model
 * cannot imitate, and all of them only touch page-aging flags ({@link KnownDifference#EXPLAINABLE}).
 */
public final class KnownDifferences {

    private static final Set<Field> AGING_FLAGS = Set.of(PageFlag.ACTIVE, PageFlag.REFERENCED);
    private static final Set<Field> NOISY_FLAGS = Set.of(PageFlag.LRU, PageFlag.ACTIVE, PageFlag.REFERENCED);

    /** Linux 5.9 stopped starting new anonymous pages on the active LRU list. */
    public static final KnownDifference NEW_ANON_INACTIVE = new KnownDifference("new-anon-inactive",
            "Since Linux 5.9 (b518154e59aa, \"mm/vmscan: protect the workingset on anonymous LRU\") a new"
                    + " anonymous page starts on the inactive anon LRU list; Linux 4.x put it on the active list"
                    + " (lru_cache_add_active_or_unevictable), so the model has PG_active where the kernel has not.",
            Set.of(PageFlag.ACTIVE), (d, c) -> d.left().equals("no") && d.right().equals("yes")
                    && c.kernelValue(d.site(), PageFlag.ANON).equals("yes"));

    /** Without a way to drain the per-CPU LRU batches, PG_lru (and batched activation) lag. */
    public static final KnownDifference LRU_BATCH_LAG = new KnownDifference("lru-batch-lag",
            "The kernel adds pages to the LRU lists through per-CPU batches (pagevecs in 4.x, folio batches"
                    + " in 6.x) and sets PG_lru / PG_active only when a batch is drained; the model adds at"
                    + " once. The probe drains all CPUs' batches before every step (mbind with MPOL_MF_MOVE),"
                    + " so this applies only on hosts where that is impossible (host fact lru_drain=no).",
            Set.of(PageFlag.LRU, PageFlag.ACTIVE), (d, c) -> !c.facts().lruDrain()
                    && d.left().equals("no") && d.right().equals("yes"));

    /** The multi-generational LRU does not keep PG_active / PG_referenced as the two-list LRU does. */
    public static final KnownDifference MGLRU_AGING = new KnownDifference("mglru-aging",
            "With the multi-generational LRU enabled (Linux 6.1+, host fact lru_gen=on) a page's age is a"
                    + " generation number in the page flags; PG_active and PG_referenced no longer follow the"
                    + " active/inactive list rules of Linux 4.x.",
            AGING_FLAGS, (d, c) -> c.facts().lruGenActive());

    /** The model keeps no workingset shadow entries, so a refaulted page-cache page starts inactive. */
    public static final KnownDifference WORKINGSET_REFAULT = new KnownDifference("workingset-refault",
            "Workingset refault detection (mm/workingset.c, Linux 3.15+, so Linux 4.x has it too): reclaim"
                    + " leaves a shadow entry with the eviction time in the page-cache slot of an evicted page,"
                    + " and a page faulted back in soon after (refault distance no larger than the active file"
                    + " list) starts on the active list. The model keeps no shadow entries - their ever-growing"
                    + " eviction clock would make the state space unbounded - so a page-cache page that"
                    + " MADV_PAGEOUT evicted earlier in the scenario comes back inactive in the model.",
            Set.of(PageFlag.ACTIVE), (d, c) -> d.left().equals("yes") && d.right().equals("no")
                    && c.kernelValue(d.site(), PageFlag.ANON).equals("no")
                    && ScenarioHistory.pagedOutBefore(c.scenario(), d.site()));

    /**
     * Between two kernel runs (run-to-run stability, golden checks): without the LRU drain, the LRU flags
     * depend on when per-CPU batches happened to be drained, in either direction.
     */
    public static final KnownDifference LRU_BATCH_NOISE = new KnownDifference("lru-batch-noise",
            "Without the probe's LRU drain (host fact lru_drain=no) PG_lru, PG_active and PG_referenced depend"
                    + " on when the kernel's per-CPU LRU batches happen to be drained, so two kernel runs may"
                    + " differ in them.",
            NOISY_FLAGS, (d, c) -> !c.facts().lruDrain());

    private KnownDifferences() {
    }

    /** The rules for comparing two kernel runs with each other: only host noise. */
    public static List<KnownDifference> kernelNoise() {
        return List.of(LRU_BATCH_NOISE);
    }

    /** The standard list, in the order rules are tried. */
    public static List<KnownDifference> standard() {
        return List.of(NEW_ANON_INACTIVE, LRU_BATCH_LAG, MGLRU_AGING, WORKINGSET_REFAULT);
    }
}
