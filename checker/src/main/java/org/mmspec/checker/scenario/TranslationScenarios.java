package org.mmspec.checker.scenario;

import static org.mmspec.checker.scenario.Setups.PAGE;

import java.util.List;
import java.util.Optional;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.mlock.Mlock;
import org.mmspec.ref.mremap.Mremap;
import org.mmspec.ref.proc.PageLockUser;
import org.mmspec.ref.proc.UaccessUnderMmapSem;
import org.mmspec.ref.proc.UnmapPage;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.unmap.MadviseDontneed;
import org.mmspec.ref.unmap.Mprotect;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.vma.VmFlags;

/**
 * The standard scenarios of translation and locking as the kernel has them (issue 11): TLB flushes
 * against user accesses through cached translations, fault retry, writer-preferring rwsems, mremap and
 * mlock. Each runs on {@link StandardScenarios#machine}, whose sequential set-up calls run on CPU 0 —
 * the CPU of the first scenario thread in a two-thread machine — so its TLB starts warm.
 */
final class TranslationScenarios {

    private TranslationScenarios() {
    }

    static List<Scenario> all() {
        return List.of(tlbMunmapVsStore(), tlbMprotectVsStore(), tlbReclaimVsStore(), tlbReclaimBatchVsMunmap(),
                faultRetryVsPageLock(), faultRetrySwapIn(),
                mmapSemReadThenCopy(), mmapSemRecursiveRead(), mlockVsReclaim(), mremapVsTryToUnmap());
    }

    private static Scenario scenario(String name, String summary, Config config, Setup setup, Expectation expected) {
        return new Scenario(name, summary, config, setup, Optional.empty(), Expectation.pass(), List.of(),
                SearchOptions.defaults(), expected);
    }

    /** munmap's zap clears the PTE, flushes (an IPI to CPU 0) and frees the page, while CPU 0 stores through its TLB. */
    static Scenario tlbMunmapVsStore() {
        return scenario("tlb-munmap-vs-store",
                "a store through a cached translation races munmap's zap, TLB flush (IPI) and free of the page",
                StandardScenarios.machine(2).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, 1);
                    Setups.write(k, mm, a, 1);
                    return List.of(ThreadSpec.of("T0", UserAccess.class, mm, a, 1, 2),
                            ThreadSpec.of("munmap", Munmap.class, mm, a, PAGE));
                }, Expectation.pass());
    }

    /** mprotect(PROT_READ) write-protects the PTE; CPU 0 may store through its writable entry until the flush. */
    static Scenario tlbMprotectVsStore() {
        return scenario("tlb-mprotect-vs-store",
                "a store through a cached writable translation races mprotect(PROT_READ) and its TLB flush",
                StandardScenarios.machine(2).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, 1);
                    Setups.write(k, mm, a, 1);
                    return List.of(ThreadSpec.of("T0", UserAccess.class, mm, a, 1, 2),
                            ThreadSpec.of("mprotect", Mprotect.class, mm, a, PAGE, VmFlags.PROT_READ));
                }, Expectation.pass());
    }

    /** Reclaim unmaps a dirty anon page with its flush deferred into the batch; CPU 0 stores through its TLB. */
    static Scenario tlbReclaimVsStore() {
        return scenario("tlb-reclaim-vs-store",
                "a store through a cached translation races reclaim's try_to_unmap with a batched TLB flush and swap-out",
                StandardScenarios.machine(2).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, 1);
                    Setups.write(k, mm, a, 1);
                    Setups.deactivate(k, true);
                    return List.of(ThreadSpec.of("T0", UserAccess.class, mm, a, 1, 2),
                            ThreadSpec.of("reclaim", ShrinkZone.class, 0, 0));
                }, Expectation.pass());
    }

    /**
     * Reclaim unmaps the page and defers its flush; munmap then finds only a swap entry, yet must flush
     * what reclaim deferred before it returns (flush_tlb_batched_pending, 3ea277194daa): no store through
     * CPU 0's cached translation may land after munmap returned.
     */
    static Scenario tlbReclaimBatchVsMunmap() {
        return scenario("tlb-reclaim-batch-vs-munmap",
                "reclaim unmaps a page with its TLB flush deferred while munmap zaps the swap entry and a store uses the"
                        + " cached translation",
                StandardScenarios.machine(3).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, 1);
                    Setups.write(k, mm, a, 1);
                    Setups.deactivate(k, true);
                    Setups.warmTlb(k, 0, mm, a);
                    return List.of(ThreadSpec.of("T0", UserAccess.class, mm, a, 1, 2),
                            ThreadSpec.of("reclaim", ShrinkZone.class, 0, 0),
                            ThreadSpec.of("munmap", Munmap.class, mm, a, PAGE));
                }, Expectation.pass());
    }

    /**
     * A read fault finds the page-cache page locked: it drops mmap_sem, waits for the page and retries, so an
     * mprotect of another mapping (mmap_sem for write) can run in between.
     */
    static Scenario faultRetryVsPageLock() {
        return scenario("fault-retry-vs-page-lock",
                "a read fault on a locked page-cache page retries (VM_FAULT_RETRY drops mmap_sem) while mprotect takes it",
                StandardScenarios.machine(3).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int f = Setups.file(k, FileKind.REGULAR_RW, 5);
                    int a = Setups.mapFile(k, mm, f, 1, VmFlags.PROT_READ, VmFlags.MAP_SHARED);
                    Setups.read(k, mm, a);
                    int page = Setups.pfnAt(k, mm, a);
                    Setups.check(k.run(MadviseDontneed.class, mm, a, PAGE), "madvise");
                    int b = Setups.anon(k, mm, 1);
                    return List.of(ThreadSpec.of("T0", UserAccess.class, mm, a, 0, 0),
                            ThreadSpec.of("locker", PageLockUser.class, page, 0),
                            ThreadSpec.of("mprotect", Mprotect.class, mm, b, PAGE, VmFlags.PROT_READ));
                }, Expectation.pass());
    }

    /**
     * Two threads of one process read a swapped-out page: the second finds the first's new swap-cache page
     * locked while it is read in, drops mmap_sem (lock_page_or_retry) and retries.
     */
    static Scenario faultRetrySwapIn() {
        return scenario("fault-retry-swapin",
                "two reads of a swapped-out page: the second swap-in waits for the first's read without mmap_sem and retries",
                StandardScenarios.machine(2).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, 1);
                    Setups.write(k, mm, a, 4);
                    Setups.swapOut(k, mm, a);
                    return List.of(ThreadSpec.of("T0", UserAccess.class, mm, a, 0, 0),
                            ThreadSpec.of("T1", UserAccess.class, mm, a, 0, 0));
                }, Expectation.pass());
    }

    /** copy_to_user after up_read: no recursive read of mmap_sem, whatever a writer does. */
    static Scenario mmapSemReadThenCopy() {
        return scenario("mmap-sem-read-then-copy",
                "a system call copies to an unmapped user buffer after dropping mmap_sem, while mprotect waits to write it",
                StandardScenarios.machine(2).build(), k -> recursiveRead(k, UaccessUnderMmapSem.COPY_AFTER_UNLOCK),
                Expectation.pass());
    }

    /** copy_to_user under mmap_sem: the fault's down_read queues behind the waiting writer, which waits for the first. */
    static Scenario mmapSemRecursiveRead() {
        return scenario("mmap-sem-recursive-read",
                "a copy_to_user that faults under mmap_sem takes it for read again, behind mprotect's queued down_write",
                StandardScenarios.machine(2).build(), k -> recursiveRead(k, UaccessUnderMmapSem.COPY_UNDER_LOCK),
                Expectation.finds(Expectation.deadlock()));
    }

    /**
     * mlock of an inactive anonymous page races direct reclaim: whichever sees it first, the page ends up
     * mlocked on the unevictable list and mapped — reclaim culls it once VM_LOCKED is set.
     */
    static Scenario mlockVsReclaim() {
        return scenario("mlock-vs-reclaim",
                "mlock() of an inactive anonymous page races direct reclaim (cull_mlocked, the unevictable list)",
                StandardScenarios.machine(2).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, 1);
                    Setups.write(k, mm, a, 1);
                    Setups.deactivate(k, true);
                    return List.of(ThreadSpec.of("mlock", Mlock.class, mm, a, PAGE),
                            ThreadSpec.of("reclaim", ShrinkZone.class, 0, 0));
                }, Expectation.pass());
    }

    /**
     * mremap moves a mapped page-cache page down (its destination VMA comes first in the rmap walk, so it
     * takes the rmap locks) while split_huge_page's unmap step walks the rmap and must find the PTE.
     */
    static Scenario mremapVsTryToUnmap() {
        return scenario("mremap-vs-try-to-unmap",
                "mremap moves a mapped file page below its old address while try_to_unmap (split_huge_page) walks the rmap",
                StandardScenarios.machine(2).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int f = Setups.file(k, FileKind.REGULAR_RW, 7);
                    int a = Setups.check(k.mmap().doMmapPgoff(mm, f, 2 * PAGE, PAGE, VmFlags.PROT_READ,
                            VmFlags.MAP_SHARED | VmFlags.MAP_FIXED, 0), "mmap");
                    Setups.read(k, mm, a);
                    int page = Setups.pfnAt(k, mm, a);
                    return List.of(ThreadSpec.of("mremap", Mremap.class, mm, a, PAGE, PAGE),
                            ThreadSpec.of("split", UnmapPage.class, page));
                }, Expectation.pass());
    }

    private static List<ThreadSpec> recursiveRead(org.mmspec.ref.Kernel k, int order) {
        int mm = k.mms().mmAlloc();
        int buf = Setups.anon(k, mm, 1);
        int other = Setups.anon(k, mm, 1);
        return List.of(ThreadSpec.of("syscall", UaccessUnderMmapSem.class, mm, buf, order, 3),
                ThreadSpec.of("mprotect", Mprotect.class, mm, other, PAGE, VmFlags.PROT_READ));
    }
}
