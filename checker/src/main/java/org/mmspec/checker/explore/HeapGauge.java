package org.mmspec.checker.explore;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/** How full the JVM heap is; the explorer's guard against {@link OutOfMemoryError}. */
interface HeapGauge {

    /** Fraction of the maximum heap in use after the latest garbage collection, 0 when unknown. */
    double occupancyAfterGc();

    /**
     * The JVM's own figures: the heap pools' usage after their latest collection (garbage that survives
     * to the old generation counts until an old collection removes it, so this errs on the full side).
     */
    static HeapGauge jvm() {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        long max = Runtime.getRuntime().maxMemory();
        return () -> {
            long used = 0;
            for (MemoryPoolMXBean pool : pools) {
                MemoryUsage usage = pool.getCollectionUsage();
                used += usage == null ? 0 : usage.getUsed();
            }
            return max <= 0 || max == Long.MAX_VALUE ? 0 : (double) used / max;
        };
    }
}
