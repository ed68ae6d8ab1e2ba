package org.mmspec.checker.fidelity.observe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Facts about the host kernel that decide how kernel observations compare with the model. The probe
 * measures them on every run; a model is configured from them (page size, whether a read fault maps the
 * zero page, whether a swap device exists) so that it models the same machine.
 *
 * @param kernelRelease {@code uname -r}
 * @param machine {@code uname -m}
 * @param pageSize bytes per base page
 * @param pagemapPfn whether {@code /proc/pid/pagemap} shows frame numbers (needs {@code CAP_SYS_ADMIN})
 * @param zeroPageOnReadFault whether a read fault on private anonymous memory maps the shared zero page
 *     (measured: the probe reads a fresh page and checks {@code KPF_ZERO_PAGE})
 * @param madvCold whether {@code madvise(MADV_COLD)} exists (Linux 5.4+)
 * @param madvPageout whether {@code madvise(MADV_PAGEOUT)} exists (Linux 5.4+)
 * @param swapTotalKb {@code SwapTotal} from {@code /proc/meminfo}; 0 means anonymous pages cannot be
 *     reclaimed, so {@code MADV_PAGEOUT} leaves them mapped
 * @param thpEnabled {@code /sys/kernel/mm/transparent_hugepage/enabled} (scenarios use
 *     {@code MADV_NOHUGEPAGE} anyway)
 * @param lruGen {@code /sys/kernel/mm/lru_gen/enabled} or {@code absent}; the multi-generational LRU
 *     changes what {@code PG_active} means
 * @param ksmRun {@code /sys/kernel/mm/ksm/run}
 * @param faultAroundBytes debugfs {@code fault_around_bytes}, or {@code unknown} when debugfs is not mounted
 * @param lruDrain whether the probe can drain the per-CPU LRU batches before each step (it uses
 *     {@code mbind(MPOL_MF_MOVE)}, which needs NUMA); without it {@code PG_lru} lags
 * @param workdirFs file system of the directory holding the scenario files, e.g. {@code ext4}
 */
public record HostFacts(String kernelRelease, String machine, int pageSize, boolean pagemapPfn,
        boolean zeroPageOnReadFault, boolean madvCold, boolean madvPageout, long swapTotalKb,
        String thpEnabled, String lruGen, String ksmRun, String faultAroundBytes, boolean lruDrain,
        String workdirFs) {

    /** The fact names the probe prints, in this order. */
    public static final List<String> KEYS = List.of("kernel_release", "machine", "page_size", "pagemap_pfn",
            "zero_page_on_read_fault", "madv_cold", "madv_pageout", "swap_total_kb", "thp_enabled", "lru_gen",
            "ksm_run", "fault_around_bytes", "lru_drain", "workdir_fs");

    public HostFacts {
        Objects.requireNonNull(kernelRelease, "kernelRelease");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(thpEnabled, "thpEnabled");
        Objects.requireNonNull(lruGen, "lruGen");
        Objects.requireNonNull(ksmRun, "ksmRun");
        Objects.requireNonNull(faultAroundBytes, "faultAroundBytes");
        Objects.requireNonNull(workdirFs, "workdirFs");
    }

    /** Whether a swap device exists. */
    public boolean hasSwap() {
        return swapTotalKb > 0;
    }

    /** Whether the multi-generational LRU exists and is enabled ({@code lru_gen/enabled} not 0). */
    public boolean lruGenActive() {
        return !lruGen.equals("absent") && !lruGen.matches("0x0*|0|unreadable");
    }

    /** {@code major.minor} of the kernel release, e.g. {@code 6.18}. */
    public String kernelSeries() {
        String[] parts = kernelRelease.split("[.-]");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : kernelRelease;
    }

    /** All facts by probe name, in {@link #KEYS} order. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kernel_release", kernelRelease);
        m.put("machine", machine);
        m.put("page_size", Integer.toString(pageSize));
        m.put("pagemap_pfn", yesNo(pagemapPfn));
        m.put("zero_page_on_read_fault", yesNo(zeroPageOnReadFault));
        m.put("madv_cold", yesNo(madvCold));
        m.put("madv_pageout", yesNo(madvPageout));
        m.put("swap_total_kb", Long.toString(swapTotalKb));
        m.put("thp_enabled", thpEnabled);
        m.put("lru_gen", lruGen);
        m.put("ksm_run", ksmRun);
        m.put("fault_around_bytes", faultAroundBytes);
        m.put("lru_drain", yesNo(lruDrain));
        m.put("workdir_fs", workdirFs);
        return m;
    }

    /**
     * The facts a recorded kernel observation depends on: two hosts that agree on these should observe
     * the same thing for every scenario. Sorted by name.
     */
    public SortedMap<String, String> deciding() {
        SortedMap<String, String> m = new TreeMap<>();
        m.put("kernel_series", kernelSeries());
        m.put("page_size", Integer.toString(pageSize));
        m.put("zero_page_on_read_fault", yesNo(zeroPageOnReadFault));
        m.put("madv_cold", yesNo(madvCold));
        m.put("madv_pageout", yesNo(madvPageout));
        m.put("swap", yesNo(hasSwap()));
        m.put("lru_gen", lruGenActive() ? "on" : "off");
        m.put("lru_drain", yesNo(lruDrain));
        m.put("workdir_fs", workdirFs);
        return m;
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
