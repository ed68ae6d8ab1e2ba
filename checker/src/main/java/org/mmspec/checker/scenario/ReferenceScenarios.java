package org.mmspec.checker.scenario;

import static org.mmspec.checker.scenario.Setups.PAGE;

import java.util.List;
import java.util.Optional;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.alloc.FreePages;
import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.fork.Fork;
import org.mmspec.ref.io.DirectIo;
import org.mmspec.ref.io.FilemapWriteAndWait;
import org.mmspec.ref.io.Vmsplice;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.proc.CompoundUser;
import org.mmspec.ref.proc.FileWrite;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.swapfile.Swapoff;
import org.mmspec.ref.swapfile.Swapon;
import org.mmspec.ref.unmap.MadviseFree;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.unmap.TruncateRange;
import org.mmspec.ref.vma.VmFlags;

/**
 * The standard scenarios of references that outlive the locks that produced them (issue 10): GUP
 * references kept after {@code mmap_sem} is dropped, the lockless {@code get_user_pages_fast()}, I/O
 * completing in a context of its own, waits on {@code PG_writeback}. Each runs on a machine of
 * {@link Config#small()} size.
 */
final class ReferenceScenarios {

    private ReferenceScenarios() {
    }

    /** The scenarios, in the order the suite runs them. */
    static List<Scenario> all() {
        return List.of(dioReadVsFork(), gupFastVsMunmap(), fsyncVsTruncate(), madvFreeVsReclaim(), madvFreeVsDio(),
                swapoffVsFault(), syncSwapinVsFault(), compoundPutVsFree(), shmemWriteoutVsFault(), dioWriteVsMunmap());
    }

    private static Config.Builder machine(int threads) {
        return Config.small().toBuilder().nrThreads(threads).stackDepth(10).waitQueueSlots(Math.max(4, threads));
    }

    static Scenario dioReadVsFork() {
        return dioReadVsFork(DirectIo.PIN);
    }

    /**
     * The direct-I/O read racing fork, with the reference the request takes: {@link DirectIo#PIN} (what
     * the standard scenario uses) or 0 ({@code FOLL_GET}, as 4.x–6.x direct I/O took it — fork cannot see
     * such a reference, and the read can land in the child's page).
     */
    static Scenario dioReadVsFork(int mode) {
        return new Scenario("dio-read-vs-fork",
                "an asynchronous O_DIRECT read into an anonymous page (pin_user_pages_fast, FOLL_PIN) races fork;"
                        + " the read completes in the I/O context",
                machine(3).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, 1);
                    Setups.write(k, mm, a, 1);
                    int f = Setups.file(k, FileKind.REGULAR_RW, 42);
                    return List.of(ThreadSpec.of("dio", DirectIo.class, mm, a, Bios.fileBlock(f, 0), mode),
                            ThreadSpec.of("fork", Fork.class, mm), Setups.io());
                }, Optional.of(BugId.GUP_FAST_FORK),
                Expectation.finds(Expectation.invariant("cow_isolation"), Expectation.invariant("dirty_not_lost")),
                List.of(), SearchOptions.defaults());
    }

    static Scenario gupFastVsMunmap() {
        return plain("gup-fast-vs-munmap",
                "vmsplice (get_user_pages_fast: lockless walk with interrupts off, speculative reference, PTE"
                        + " re-check) races munmap, which zaps the page and frees the page table after the IPI",
                machine(2).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, 1);
                    Setups.write(k, mm, a, 3);
                    return List.of(ThreadSpec.of("splice", Vmsplice.class, mm, a, 0),
                            ThreadSpec.of("munmap", Munmap.class, mm, a, PAGE));
                });
    }

    static Scenario fsyncVsTruncate() {
        return plain("fsync-vs-truncate",
                "fsync (filemap_write_and_wait_range: write-back, wait_on_page_writeback) races truncation, which"
                        + " waits for the write-back too; the write completes in the I/O context",
                machine(3).build(), k -> {
                    int f = Setups.file(k, FileKind.REGULAR_RW, 5);
                    Setups.check(k.run(FileWrite.class, f, 0, 6), "write");
                    return List.of(ThreadSpec.of("fsync", FilemapWriteAndWait.class, f, 0),
                            ThreadSpec.of("truncate", TruncateRange.class, f, 0, 1), Setups.io());
                });
    }

    static Scenario madvFreeVsReclaim() {
        return plain("madv-free-vs-reclaim",
                "MADV_FREE of a written anonymous page races a store to it and direct reclaim, which discards the page"
                        + " unless it was written again (lazy free, 4.12)",
                machine(4).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, 1);
                    Setups.write(k, mm, a, 5);
                    return List.of(ThreadSpec.of("madvise", MadviseFree.class, mm, a, PAGE),
                            ThreadSpec.of("user", UserAccess.class, mm, a, 1, 9),
                            ThreadSpec.of("reclaim", ShrinkZone.class, 0, 0), Setups.io());
                });
    }

    static Scenario madvFreeVsDio() {
        return new Scenario("madv-free-vs-dio",
                "reclaim of an MADV_FREE page races an asynchronous O_DIRECT read into it (get_user_pages_fast,"
                        + " FOLL_GET); the read completes in the I/O context",
                machine(3).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, 1);
                    Setups.write(k, mm, a, 5);
                    Setups.check(k.run(MadviseFree.class, mm, a, PAGE), "madvise(MADV_FREE)");
                    int f = Setups.file(k, FileKind.REGULAR_RW, 42);
                    return List.of(ThreadSpec.of("dio", DirectIo.class, mm, a, Bios.fileBlock(f, 0), 0),
                            ThreadSpec.of("reclaim", ShrinkZone.class, 0, 0), Setups.io());
                }, Optional.of(BugId.MADV_FREE_GUP), Expectation.finds(Expectation.invariant("dirty_not_lost")),
                List.of(), SearchOptions.defaults());
    }

    static Scenario swapoffVsFault() {
        return new Scenario("swapoff-vs-fault",
                "swapoff (try_to_unuse brings every swapped-out page back, then tears the device down) races a fault"
                        + " on a swapped-out page (do_swap_page under get_swap_device)",
                machine(3).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, 1);
                    Setups.write(k, mm, a, 7);
                    Setups.swapOut(k, mm, a);
                    return List.of(ThreadSpec.of("swapoff", Swapoff.class),
                            ThreadSpec.of("user", UserAccess.class, mm, a, 0, 0), Setups.io());
                }, Optional.of(BugId.SWAPOFF_RACE), Expectation.finds(Expectation.kernelBug()), List.of(),
                SearchOptions.defaults());
    }

    static Scenario syncSwapinVsFault() {
        return plain("sync-swapin-vs-fault",
                "two threads fault on the same swapped-out page of a SWP_SYNCHRONOUS_IO device: both skip the swap"
                        + " cache and read it in themselves; one PTE wins",
                machine(2).build(), k -> {
                    Setups.check(k.run(Swapoff.class, 0), "swapoff");
                    Setups.check(k.run(Swapon.class, 1), "swapon");
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, 1);
                    Setups.write(k, mm, a, 7);
                    Setups.swapOut(k, mm, a);
                    return List.of(ThreadSpec.of("T0", UserAccess.class, mm, a, 0, 0),
                            ThreadSpec.of("T1", UserAccess.class, mm, a, 1, 8));
                });
    }

    static Scenario compoundPutVsFree() {
        return plain("compound-put-vs-free",
                "a user of a tail page of a compound page (get_page/put_page through compound_head) races the owner's"
                        + " __free_pages() of the whole block",
                machine(2).build(), k -> {
                    int head = Setups.check(k.run(AllocPages.class, Gfp.GFP_KERNEL | Gfp.__GFP_COMP, 1), "alloc_pages");
                    k.pages().getPage(head + 1);
                    return List.of(ThreadSpec.of("owner", FreePages.class, head, 1),
                            ThreadSpec.of("user", CompoundUser.class, head + 1));
                });
    }

    static Scenario shmemWriteoutVsFault() {
        return plain("shmem-writeout-vs-fault",
                "kswapd writes a dirty shmem page out to swap (shmem_writepage: the page cache keeps the swap entry)"
                        + " while the process reads it back through its shared mapping (shmem_swapin)",
                machine(3).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.sharedAnon(k, mm, 1);
                    Setups.write(k, mm, a, 3);
                    Setups.check(k.run(ShrinkZone.class, 0, 1), "shrink_zone (the young PTE activates the page)");
                    Setups.deactivate(k, true);
                    return List.of(ThreadSpec.of("kswapd", ShrinkZone.class, 0, 1),
                            ThreadSpec.of("user", UserAccess.class, mm, a, 0, 0), Setups.io());
                });
    }

    static Scenario dioWriteVsMunmap() {
        return plain("dio-write-vs-munmap",
                "an asynchronous O_DIRECT write of a cached file page (write-back, invalidate_inode_pages2,"
                        + " get_user_pages_fast) races munmap of the user buffer; the write completes in the I/O context",
                machine(3).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int buf = Setups.anon(k, mm, 1);
                    Setups.write(k, mm, buf, 9);
                    int f = Setups.file(k, FileKind.REGULAR_RW, 5);
                    Setups.cacheFilePage(k, f, 0);
                    return List.of(ThreadSpec.of("dio", DirectIo.class, mm, buf, Bios.fileBlock(f, 0), DirectIo.WRITE),
                            ThreadSpec.of("munmap", Munmap.class, mm, buf, PAGE), Setups.io());
                });
    }

    /**
     * Not a standard scenario: with 4.9's direct I/O a buffered read racing an asynchronous direct write
     * caches the file's old contents after the write invalidated the page cache and before it completed
     * (4.14, 332391a9935d, invalidates again from the completion; the page cache and the disk still
     * disagree until then), so it does not pass.
     */
    static Scenario dioWriteVsFault() {
        return plain("dio-write-vs-fault",
                "an asynchronous O_DIRECT write (write-back, invalidate_inode_pages2, get_user_pages_fast) races a read"
                        + " fault on a shared mapping of the same file page",
                machine(3).build(), k -> {
                    int mm = k.mms().mmAlloc();
                    int buf = Setups.anon(k, mm, 1);
                    Setups.write(k, mm, buf, 9);
                    int f = Setups.file(k, FileKind.REGULAR_RW, 5);
                    int shared = Setups.mapFile(k, mm, f, 1, VmFlags.PROT_READ, VmFlags.MAP_SHARED);
                    Setups.read(k, mm, shared);
                    return List.of(ThreadSpec.of("dio", DirectIo.class, mm, buf, Bios.fileBlock(f, 0), DirectIo.WRITE),
                            ThreadSpec.of("reader", UserAccess.class, mm, shared, 0, 0), Setups.io());
                });
    }

    private static Scenario plain(String name, String summary, Config config, Setup setup) {
        return new Scenario(name, summary, config, setup, Optional.empty(), Expectation.pass(), List.of(),
                SearchOptions.defaults());
    }
}
