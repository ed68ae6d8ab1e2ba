package org.mmspec.checker.scenario.build;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.mmspec.checker.scenario.build.ScenarioDef.Setting;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.ConfigBuilder;

/**
 * The {@code machine { ... }} block of a scenario: the keys a scenario may set over the scenario
 * machine, {@link Config#small()} with room for the threads (a stack of {@value #STACK_DEPTH} frames of
 * {@value #LOCALS} locals, a wait queue of at least four entries), and how each maps onto
 * {@link ConfigBuilder}.
 */
public final class MachineSettings {

    /**
     * Frames per thread stack: the most any standard scenario's thread uses, measured: with nine frames every
     * standard scenario, with each bug set its check searches, reaches the same states and verdict as with
     * ten ({@code fault-retry-vs-page-lock} and {@code shmem-writeout-vs-fault} have nine frames in some
     * reachable state; a callee that returns within its caller's step is on the stack only during the step,
     * so the states alone under-count what a scenario needs).
     * Every frame costs {@code 3 + locals} words of the state vector in every thread slot, and a step copies
     * the whole vector, so the stacks are sized to what is used rather than to {@link Config#small()}'s ten. A
     * thread that needs more stops with a model error that names {@code stack_depth}
     * ({@link org.mmspec.ref.sync.ModelCapacity}), never with a wrong pass.
     */
    public static final int STACK_DEPTH = 9;

    /**
     * Locals per frame: the most any procedure that a standard scenario runs uses (measured as
     * {@link #STACK_DEPTH}: the highest local ever non-zero is local 8; with nine locals every standard
     * scenario reaches the same states and verdicts as with ten). A procedure that reads or writes a local
     * beyond them stops with a model error that names {@code locals}.
     */
    public static final int LOCALS = 9;

    private static final Map<String, BiFunction<ConfigBuilder, Integer, ConfigBuilder>> KEYS = keys();

    private MachineSettings() {
    }

    private static Map<String, BiFunction<ConfigBuilder, Integer, ConfigBuilder>> keys() {
        Map<String, BiFunction<ConfigBuilder, Integer, ConfigBuilder>> m = new LinkedHashMap<>();
        m.put("pages", ConfigBuilder::nrPages);
        m.put("zones", ConfigBuilder::nrZones);
        m.put("max_order", ConfigBuilder::maxOrder);
        m.put("wmark_min", ConfigBuilder::wmarkMin);
        m.put("wmark_low", ConfigBuilder::wmarkLow);
        m.put("wmark_high", ConfigBuilder::wmarkHigh);
        m.put("cpus", ConfigBuilder::nrCpus);
        m.put("stat_threshold", ConfigBuilder::statThreshold);
        m.put("mms", ConfigBuilder::nrUserMms);
        m.put("vmas", ConfigBuilder::nrVmas);
        m.put("user_pgds", ConfigBuilder::userPgds);
        m.put("kernel_pgds", ConfigBuilder::kernelPgds);
        m.put("ptrs_per_pmd", ConfigBuilder::ptrsPerPmd);
        m.put("ptrs_per_pte", ConfigBuilder::ptrsPerPte);
        m.put("files", ConfigBuilder::nrFiles);
        m.put("file_pages", ConfigBuilder::filePages);
        m.put("swap_slots", ConfigBuilder::nrSwapSlots);
        m.put("anon_vmas", ConfigBuilder::nrAnonVmas);
        m.put("stack_depth", ConfigBuilder::stackDepth);
        m.put("locals", ConfigBuilder::nrLocals);
        m.put("wait_queue_slots", ConfigBuilder::waitQueueSlots);
        m.put("slab_caches", ConfigBuilder::nrSlabCaches);
        m.put("vmalloc_areas", ConfigBuilder::nrVmallocAreas);
        m.put("fault_around_pages", ConfigBuilder::faultAroundPages);
        m.put("tlb_entries", ConfigBuilder::tlbEntries);
        return Map.copyOf(m);
    }

    /** The keys, sorted. */
    public static List<String> keysSorted() {
        return KEYS.keySet().stream().sorted().toList();
    }

    /** The scenario machine for {@code threads} threads, before any setting. */
    public static ConfigBuilder base(int threads) {
        return Config.small().toBuilder().nrThreads(threads).stackDepth(STACK_DEPTH).nrLocals(LOCALS)
                .waitQueueSlots(Math.max(4, threads));
    }

    /**
     * The machine for {@code threads} threads with {@code settings} applied; problems (unknown keys, values
     * the model does not support) are reported and give null.
     */
    static Config build(int threads, List<Setting> settings, Problems problems, org.mmspec.spec.diag.SourceSpan at) {
        ConfigBuilder b = base(threads);
        boolean ok = true;
        for (Setting s : settings) {
            if (s.key().equals("threads")) {
                problems.error(ScenarioCode.BAD_VALUE, s.keySpan(), "threads",
                        "left out: the machine has one thread per 'thread' declaration");
                ok = false;
            } else if (!KEYS.containsKey(s.key())) {
                problems.unknown(ScenarioCode.UNKNOWN_SETTING, s.keySpan(), s.key(), KEYS.keySet(), "machine", s.key());
                ok = false;
            } else if (s.value() < 0 || s.value() > (1 << 18)) {
                problems.error(ScenarioCode.BAD_VALUE, s.valueSpan(), s.key(), "between 0 and 262144");
                ok = false;
            } else {
                b = KEYS.get(s.key()).apply(b, (int) s.value());
            }
        }
        if (!ok) {
            return null;
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            String why = e.getMessage().replace("bad mmspec configuration: ", "");
            problems.error(ScenarioCode.BAD_MACHINE, settings.isEmpty() ? at : settings.get(0).keySpan(), why);
            return null;
        }
    }
}
