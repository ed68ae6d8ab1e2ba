package org.mmspec.ref.mem;

import static org.mmspec.ref.state.Layout.LIST_COUNT;
import static org.mmspec.ref.state.Layout.Z_KSWAPD_WAITER;
import static org.mmspec.ref.state.Layout.Z_KSWAPD_WAKE;
import static org.mmspec.ref.state.Layout.Z_NR_FREE;
import static org.mmspec.ref.state.Layout.Z_NR_ISOLATED;
import static org.mmspec.ref.state.Layout.Z_WMARK_BREACH;

import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.state.ScopedLock;

/**
 * Zones, their {@code NR_FREE_PAGES} counter with per-cpu deltas, and watermarks
 * (include/linux/mmzone.h, include/linux/vmstat.h, mm/vmstat.c, mm/page_alloc.c).
 */
public final class Zones {

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final Threads threads;

    public Zones(Config c, Layout l, Mem m, Threads threads) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.threads = threads;
    }

    /** {@code page_zonenum()}: the zone a frame belongs to. */
    public int zoneOf(int pfn) {
        return pfn / c.pagesPerZone();
    }

    public int zoneStartPfn(int zone) {
        return zone * c.pagesPerZone();
    }

    public int zoneEndPfn(int zone) {
        return (zone + 1) * c.pagesPerZone();
    }

    /** The list head of {@code zone->free_area[order]}. */
    public int freeArea(int zone, int order) {
        return l.freeArea(zone, order, 0);
    }

    /** {@code zone->free_area[order].nr_free}. */
    public int nrFree(int zone, int order) {
        return m.get(l.freeArea(zone, order, LIST_COUNT));
    }

    /** Pages in the zone's free lists: the true free count. */
    public int freePagesInLists(int zone) {
        int n = 0;
        for (int o = 0; o < c.maxOrder(); o++) {
            n += nrFree(zone, o) << o;
        }
        return n;
    }

    /** {@code min_wmark_pages()} / {@code low_wmark_pages()} / {@code high_wmark_pages()}. */
    public int wmarkPages(int zone, int which) {
        return switch (which) {
            case Gfp.WMARK_MIN -> c.wmarkMin();
            case Gfp.WMARK_LOW -> c.wmarkLow();
            default -> c.wmarkHigh();
        };
    }

    /**
     * {@code __mod_zone_page_state(zone, NR_FREE_PAGES, delta)} (mm/vmstat.c): adds to this CPU's
     * delta and folds it into the zone counter once it passes the stat threshold. Context: zone lock
     * or interrupts off; per-cpu.
     */
    public void modFreePages(int zone, int delta, int cpu) {
        int w = l.pcpDiff(zone, cpu);
        int x = m.get(w) + delta;
        int t = c.statThreshold();
        if (x > t || x < -t) {
            m.atomicAdd(l.zone(zone, Z_NR_FREE), x);
            x = 0;
        }
        m.set(w, x);
    }

    /** {@code zone_page_state(zone, NR_FREE_PAGES)}: the global counter, without per-cpu deltas; lockless. */
    public int zonePageState(int zone) {
        return Math.max(0, m.atomicRead(l.zone(zone, Z_NR_FREE)));
    }

    /** The global counter as {@code zone_page_state_snapshot()} reads it (may be negative): a racy read. */
    public int zonePageStateRaw(int zone) {
        return m.atomicRead(l.zone(zone, Z_NR_FREE));
    }

    /**
     * One CPU's {@code vm_stat_diff[NR_FREE_PAGES]} as {@code zone_page_state_snapshot()} reads it: a racy
     * read of another CPU's counter (its own is cpu-local).
     */
    public int pcpDelta(int zone, int cpu) {
        return m.get(l.pcpDiff(zone, cpu));
    }

    /**
     * Whether the allocator's watermark check must sum the per-cpu deltas: the global counter is below
     * {@code percpu_drift_mark} (fixed, aa45484); never with {@link BugId#PCP_FREE_DRIFT}.
     */
    public boolean snapshotNeeded(int globalFree) {
        return !c.bug(BugId.PCP_FREE_DRIFT) && globalFree < c.percpuDriftMark();
    }

    /** {@code zone_page_state_snapshot()}: the global counter plus every CPU's delta. */
    public int zonePageStateSnapshot(int zone) {
        int x = m.get(l.zone(zone, Z_NR_FREE));
        for (int cpu = 0; cpu < c.nrCpus(); cpu++) {
            x += m.get(l.pcpDiff(zone, cpu));
        }
        return Math.max(0, x);
    }

    /**
     * {@code __zone_watermark_ok()} (mm/page_alloc.c, Linux 4.9): order-aware check that {@code freePages}
     * leaves more than the mark (lowered by half for {@code ALLOC_HIGH} and a further quarter for
     * {@code ALLOC_HARDER}) after taking {@code 2^order} pages, and that a free block of at least that
     * order exists.
     */
    public boolean watermarkOk(int zone, int order, int mark, int allocFlags, int freePages) {
        if (!watermarkFreeOk(order, mark, allocFlags, freePages)) {
            return false;
        }
        if (order == 0) {
            return true;
        }
        for (int o = order; o < c.maxOrder(); o++) {
            if (nrFree(zone, o) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The free-count half of {@code __zone_watermark_ok()}: would {@code freePages} minus the block stay
     * above the mark (lowered for {@code ALLOC_HIGH}, {@code ALLOC_HARDER})? Reads no state; for an order
     * above 0 the caller then looks for a free block of that order or above ({@link #nrFree}).
     */
    public boolean watermarkFreeOk(int order, int mark, int allocFlags, int freePages) {
        int min = mark;
        int free = freePages - ((1 << order) - 1);
        if ((allocFlags & Gfp.ALLOC_HIGH) != 0) {
            min -= min / 2;
        }
        if ((allocFlags & Gfp.ALLOC_HARDER) != 0) {
            min -= min / 4;
        }
        return free > min;
    }

    /**
     * {@code zone_watermark_ok()} (mm/page_alloc.c): {@link #watermarkOk} on the global
     * {@code NR_FREE_PAGES} counter. Context: lockless; the counter may lag by the per-cpu deltas.
     */
    public boolean zoneWatermarkOk(int zone, int order, int mark, int classzone, int allocFlags) {
        return watermarkOk(zone, order, mark, allocFlags, zonePageState(zone));
    }

    /**
     * {@code zone_watermark_ok_safe()}: as {@link #zoneWatermarkOk} but below
     * {@code percpu_drift_mark} it sums the per-cpu deltas, so the answer is exact when it matters.
     */
    public boolean zoneWatermarkOkSafe(int zone, int order, int mark, int classzone, int allocFlags) {
        return watermarkOk(zone, order, mark, allocFlags, allocatorFreeEstimate(zone, false));
    }

    /**
     * The free count the page allocator's watermark check uses. Fixed (2.6.36, aa45484): below the
     * drift mark it takes the snapshot. With {@link BugId#PCP_FREE_DRIFT} on: always the global counter.
     */
    public int allocatorFreeEstimate(int zone, boolean buggy) {
        int free = zonePageState(zone);
        if (!buggy && free < c.percpuDriftMark()) {
            free = zonePageStateSnapshot(zone);
        }
        return free;
    }

    /**
     * The allocator's watermark check ({@code get_page_from_freelist}), with the ghost check for the
     * {@code watermark_consistency} invariant: a non-emergency allocation admitted on an estimate while
     * the true free count would not even pass the min watermark (taking the block would leave fewer
     * than {@code min} pages) is recorded as a breach. (Comparing at min rather than at the mark checked
     * is what the kernel promises: a correct estimate near the drift mark may still differ from the truth
     * by less than the drift, never below min.)
     */
    public boolean allocatorWatermarkOk(int zone, int order, int mark, int allocFlags, int tid) {
        boolean buggy = c.bug(BugId.PCP_FREE_DRIFT);
        int truth = freePagesTruth(zone);
        return allocatorWatermarkOk(zone, order, mark, allocFlags, tid, allocatorFreeEstimate(zone, buggy), truth);
    }

    /** Ghost: the true free count (the pages in the free lists), not a kernel access. */
    public int freePagesTruth(int zone) {
        m.ghostBegin();
        int free = freePagesInLists(zone);
        m.ghostEnd();
        return free;
    }

    /**
     * As {@link #allocatorWatermarkOk(int, int, int, int, int)} on a free-page estimate the caller read
     * (action by action: the global counter, then, below the drift mark, each CPU's delta), judged against
     * {@code truth}, the true free count when the estimate began ({@link #freePagesTruth}): allocations other
     * CPUs make while the estimate is read, or between the check and the allocation, are the watermark
     * check's ordinary race, which the min reserve absorbs — not the drift the estimate must not have.
     */
    public boolean allocatorWatermarkOk(int zone, int order, int mark, int allocFlags, int tid, int estimate,
            int truth) {
        boolean ok = watermarkOk(zone, order, mark, allocFlags, Math.max(0, estimate));
        if (ok) {
            judgeAdmitted(zone, order, allocFlags, tid, truth);
        }
        return ok;
    }

    /**
     * Ghost, for {@code watermark_consistency}: an allocation the watermark check admitted is recorded as a
     * breach when it may not dip into the reserves and {@code truth} (the true free count when its estimate
     * began) would not even pass the min watermark.
     */
    public void judgeAdmitted(int zone, int order, int allocFlags, int tid, int truth) {
        m.ghostBegin();
        if (!Gfp.isEmergency(allocFlags) && !watermarkOk(zone, order, wmarkPages(zone, Gfp.WMARK_MIN), allocFlags, truth)
                && m.get(l.zone(zone, Z_WMARK_BREACH)) == 0) {
            m.set(l.zone(zone, Z_WMARK_BREACH), tid + 1);
        }
        m.ghostEnd();
    }

    /**
     * The first action of {@code wakeup_kswapd()} (mm/vmscan.c, Linux 4.9): records the reclaim request
     * ({@code pgdat->kswapd_classzone_idx}, {@code kswapd_order}), a racy store.
     */
    public void requestKswapd(int zone) {
        m.set(l.zone(zone, Z_KSWAPD_WAKE), 1);
    }

    /** Whether reclaim has been requested (kswapd's racy read of {@code kswapd_classzone_idx}). */
    public boolean kswapdWakePending(int zone) {
        return m.get(l.zone(zone, Z_KSWAPD_WAKE)) != 0;
    }

    /** kswapd takes the request ({@code pgdat->kswapd_classzone_idx = MAX_NR_ZONES}), a racy store. */
    public void clearKswapdWake(int zone) {
        m.set(l.zone(zone, Z_KSWAPD_WAKE), 0);
    }

    /** {@code waitqueue_active(&pgdat->kswapd_wait)}: a racy look at the queue. */
    public boolean kswapdWaitActive(int zone) {
        return m.get(l.zone(zone, Z_KSWAPD_WAITER)) != 0;
    }

    /**
     * {@code wake_up_interruptible(&pgdat->kswapd_wait)}: under the wait queue's lock,
     * {@code try_to_wake_up()} of the queued task (its entry stays queued: {@code default_wake_function}).
     */
    public void wakeUpKswapdWait(int zone) {
        m.lockScoped(ScopedLock.KSWAPD_WAIT_LOCK, zone);
        int waiter = m.get(l.zone(zone, Z_KSWAPD_WAITER)) - 1;
        if (waiter >= 0) {
            threads.tryToWakeUp(waiter, Threads.WAKE_INTERRUPTIBLE);
        }
        m.unlockScoped(ScopedLock.KSWAPD_WAIT_LOCK, zone);
    }

    /**
     * {@code prepare_to_wait(&pgdat->kswapd_wait, &wait, TASK_INTERRUPTIBLE)}: under the queue's lock,
     * {@code tid} is queued and announces an interruptible sleep.
     */
    public void prepareKswapdWait(int zone, int tid, int taskInterruptible) {
        m.lockScoped(ScopedLock.KSWAPD_WAIT_LOCK, zone);
        m.set(l.zone(zone, Z_KSWAPD_WAITER), tid + 1);
        threads.setCurrentState(tid, taskInterruptible);
        m.unlockScoped(ScopedLock.KSWAPD_WAIT_LOCK, zone);
    }

    /** {@code list_empty_careful()} of kswapd's entry: a racy read. */
    public boolean kswapdWaitQueued(int zone, int tid) {
        return m.get(l.zone(zone, Z_KSWAPD_WAITER)) == tid + 1;
    }

    /** The dequeue of {@code finish_wait(&pgdat->kswapd_wait)}, under the queue's lock. */
    public void finishKswapdWait(int zone, int tid) {
        m.lockScoped(ScopedLock.KSWAPD_WAIT_LOCK, zone);
        if (m.get(l.zone(zone, Z_KSWAPD_WAITER)) == tid + 1) {
            m.set(l.zone(zone, Z_KSWAPD_WAITER), 0);
        }
        m.unlockScoped(ScopedLock.KSWAPD_WAIT_LOCK, zone);
    }

    /** {@code __mod_node_page_state(NR_ISOLATED_ANON/FILE, delta)}: pages isolated from the LRU by reclaim. */
    public void modIsolated(int zone, int delta) {
        m.atomicAdd(l.zone(zone, Z_NR_ISOLATED), delta);
    }

    /**
     * {@code refresh_cpu_vm_stats()} (mm/vmstat.c): folds every CPU's {@code NR_FREE_PAGES} delta into the
     * zone counter, as the periodic vmstat work does.
     */
    public void refreshCpuVmStats() {
        for (int zone = 0; zone < c.nrZones(); zone++) {
            for (int cpu = 0; cpu < c.nrCpus(); cpu++) {
                int w = l.pcpDiff(zone, cpu);
                m.add(l.zone(zone, Z_NR_FREE), m.get(w));
                m.set(w, 0);
            }
        }
    }
}
