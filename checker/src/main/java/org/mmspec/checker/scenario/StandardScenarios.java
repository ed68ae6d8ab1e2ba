package org.mmspec.checker.scenario;

import static org.mmspec.checker.scenario.Setups.PAGE;

import java.util.List;
import java.util.Optional;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.fork.Fork;
import org.mmspec.ref.gup.AccessRemoteVm;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.proc.AllocFree;
import org.mmspec.ref.proc.PageLockUser;
import org.mmspec.ref.proc.SendSignal;
import org.mmspec.ref.proc.UnmapPage;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.reclaim.Kswapd;
import org.mmspec.ref.reclaim.ShrinkActiveList;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.unmap.MadviseDontneed;
import org.mmspec.ref.unmap.MadviseRemove;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.vma.VmFlags;

/**
 * The standard scenarios: the races the explorer issue lists, each historic bug's own scenario, in a
 * fixed order. Every one runs on a machine of {@link Config#small()} size (eight frames, one zone,
 * four-entry page tables), adjusted per scenario.
 */
public final class StandardScenarios {

    private StandardScenarios() {
    }

    private static Config.Builder machine(int threads) {
        return Config.small().toBuilder().nrThreads(threads).stackDepth(10).waitQueueSlots(Math.max(4, threads));
    }

    /** All standard scenarios, in the order the suite runs them. */
    public static List<Scenario> all() {
        List<Scenario> all = new java.util.ArrayList<>(List.of(faultVsFault(), anonFaultVsReclaim(),
                cowAfterForkVsReclaim(), lockPageContention(), gupVsMadvise(), ttuVsMunmap(), forkVsFault(),
                allocNearWatermarks(), lockPageKillable(), madvRemoveVsReclaim(), pcpFreeDrift()));
        all.addAll(ReferenceScenarios.all());
        return List.copyOf(all);
    }

    private static Scenario scenario(String name, String summary, Config config, Setup setup) {
        return new Scenario(name, summary, config, setup, Optional.empty(), Expectation.pass(), List.of(),
                SearchOptions.defaults());
    }

    private static Scenario bugScenario(String name, String summary, Config config, Setup setup, BugId bug,
            Expectation whenBuggy) {
        return new Scenario(name, summary, config, setup, Optional.of(bug), whenBuggy, List.of(), SearchOptions.defaults());
    }

    static Scenario faultVsFault() {
        return scenario("fault-vs-fault", "two threads of one process write-fault the same anonymous page",
                machine(2).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, 1);
                    return List.of(ThreadSpec.of("T0", UserAccess.class, mm, a, 1, 1),
                            ThreadSpec.of("T1", UserAccess.class, mm, a, 1, 2));
                });
    }

    static Scenario anonFaultVsReclaim() {
        return scenario("anon-fault-vs-reclaim",
                "a write fault on fresh anonymous memory and a read of an inactive anonymous page race direct reclaim",
                machine(4).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, 2);
                    Setups.write(k, mm, a, 1);
                    Setups.deactivate(k, true);
                    return List.of(ThreadSpec.of("T0", UserAccess.class, mm, a + PAGE, 1, 2),
                            ThreadSpec.of("T1", UserAccess.class, mm, a, 0, 0),
                            ThreadSpec.of("reclaim", ShrinkZone.class, 0, 0),
                            Setups.io());
                });
    }

    static Scenario cowAfterForkVsReclaim() {
        return scenario("cow-after-fork-vs-reclaim",
                "after fork, the child's COW write fault races reclaim of the shared anonymous page",
                machine(3).build(), k -> {
                    int parent = k.mms().mmAlloc();
                    int a = Setups.anon(k, parent, 1);
                    Setups.write(k, parent, a, 1);
                    int child = Setups.check(k.run(Fork.class, parent), "fork");
                    Setups.deactivate(k, true);
                    return List.of(ThreadSpec.of("child", UserAccess.class, child, a, 1, 5),
                            ThreadSpec.of("reclaim", ShrinkZone.class, 0, 0), Setups.io());
                });
    }

    static Scenario lockPageContention() {
        return scenario("lock-page-contention", "three threads take and release the same page lock",
                machine(3).build(), k -> {
                    int page = Setups.kernelPage(k);
                    return List.of(ThreadSpec.of("T0", PageLockUser.class, page, 0),
                            ThreadSpec.of("T1", PageLockUser.class, page, 0),
                            ThreadSpec.of("T2", PageLockUser.class, page, 0));
                });
    }

    static Scenario gupVsMadvise() {
        return bugScenario("gup-vs-madvise",
                "/proc/self/mem write (get_user_pages FOLL_WRITE|FOLL_FORCE) to a private read-only mapping of a cached"
                        + " file races MADV_DONTNEED",
                machine(2).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int f = Setups.file(k, FileKind.REGULAR_RO, 100);
                    Setups.cacheFilePage(k, f, 0);
                    int a = Setups.mapFile(k, mm, f, 1, VmFlags.PROT_READ, VmFlags.MAP_PRIVATE);
                    return List.of(ThreadSpec.of("writer", AccessRemoteVm.class, mm, a, 666, 1),
                            ThreadSpec.of("madvise", MadviseDontneed.class, mm, a, PAGE));
                }, BugId.DIRTY_COW, Expectation.finds(Expectation.invariant("cow_isolation"),
                        Expectation.invariant("dirty_not_lost")));
    }

    static Scenario ttuVsMunmap() {
        return bugScenario("ttu-vs-munmap",
                "try_to_unmap (the split_huge_page unmap step) races munmap of the only mapping",
                machine(2).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int f = Setups.file(k, FileKind.REGULAR_RW, 7);
                    int a = Setups.mapFile(k, mm, f, 1, VmFlags.PROT_READ, VmFlags.MAP_SHARED);
                    Setups.read(k, mm, a);
                    int page = Setups.pfnAt(k, mm, a);
                    return List.of(ThreadSpec.of("split", UnmapPage.class, page),
                            ThreadSpec.of("munmap", Munmap.class, mm, a, PAGE));
                }, BugId.TTU_SYNC, Expectation.finds(Expectation.kernelBug()));
    }

    static Scenario forkVsFault() {
        return scenario("fork-vs-fault", "fork races a write to the page it write-protects for COW",
                machine(2).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, 1);
                    Setups.write(k, mm, a, 1);
                    return List.of(ThreadSpec.of("fork", Fork.class, mm),
                            ThreadSpec.of("T1", UserAccess.class, mm, a, 1, 2));
                });
    }

    static Scenario allocNearWatermarks() {
        Config c = machine(4).wmarkMin(1).wmarkLow(2).wmarkHigh(3).build();
        return scenario("alloc-near-watermarks",
                "GFP_KERNEL and GFP_ATOMIC allocations near the low watermark, with kswapd reclaiming",
                c, k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, 2);
                    Setups.write(k, mm, a, 1);
                    Setups.write(k, mm, a + PAGE, 2);
                    Setups.kernelPage(k);
                    Setups.kernelPage(k);
                    k.zones().refreshCpuVmStats();
                    k.zones().clearKswapdWake(0);
                    return List.of(ThreadSpec.of("T0", AllocFree.class, Gfp.GFP_KERNEL, 0, 1),
                            ThreadSpec.of("T1", AllocFree.class, Gfp.GFP_ATOMIC, 0, 0),
                            ThreadSpec.of("kswapd", Kswapd.class, 0), Setups.io());
                });
    }

    static Scenario lockPageKillable() {
        return bugScenario("lock-page-killable",
                "lock_page_killable() waiter gets SIGKILL while queued between the holder and a lock_page() waiter",
                machine(4).build(), k -> {
                    int page = Setups.kernelPage(k);
                    return List.of(ThreadSpec.of("T0", PageLockUser.class, page, 0),
                            ThreadSpec.of("T1", PageLockUser.class, page, 1),
                            ThreadSpec.of("T2", PageLockUser.class, page, 0),
                            ThreadSpec.of("kill", SendSignal.class, 1));
                }, BugId.LOCK_PAGE_KILLABLE_WAKEUP, Expectation.finds(Expectation.invariant("page_lock_sane"),
                        Expectation.deadlock()));
    }

    static Scenario madvRemoveVsReclaim() {
        return bugScenario("madv-remove-vs-reclaim",
                "MADV_REMOVE (hole punch of a shmem mapping) races kswapd's page_referenced() on the same page",
                machine(2).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.sharedAnon(k, mm, 1);
                    Setups.write(k, mm, a, 3);
                    Setups.activate(k, Setups.pfnAt(k, mm, a));
                    return List.of(ThreadSpec.of("kswapd", ShrinkActiveList.class, 0, 1),
                            ThreadSpec.of("madvise", MadviseRemove.class, mm, a, PAGE));
                }, BugId.MADV_REMOVE_DEADLOCK, Expectation.finds(Expectation.invariant("lock_order"),
                        Expectation.deadlock()));
    }

    static Scenario pcpFreeDrift() {
        Config c = machine(3).nrCpus(3).statThreshold(1).wmarkMin(2).wmarkLow(3).wmarkHigh(4).build();
        return bugScenario("pcp-free-drift",
                "three CPUs allocate near the low watermark while NR_FREE_PAGES lags by the per-cpu deltas",
                c, k -> {
                    Setups.kernelPage(k);
                    Setups.kernelPage(k);
                    Setups.kernelPage(k);
                    k.zones().refreshCpuVmStats();
                    return List.of(ThreadSpec.of("cpu0", AllocFree.class, Gfp.GFP_KERNEL, 0, 0),
                            ThreadSpec.of("cpu1", AllocFree.class, Gfp.GFP_KERNEL, 0, 0),
                            ThreadSpec.of("cpu2", AllocFree.class, Gfp.GFP_KERNEL, 0, 0));
                }, BugId.PCP_FREE_DRIFT, Expectation.finds(Expectation.invariant("watermark_consistency")));
    }
}
