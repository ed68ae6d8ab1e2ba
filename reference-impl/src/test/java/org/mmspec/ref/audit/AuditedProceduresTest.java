package org.mmspec.ref.audit;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.fork.Fork;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.AllocFree;
import org.mmspec.ref.proc.FileWrite;
import org.mmspec.ref.proc.PageLockUser;
import org.mmspec.ref.proc.SendSignal;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.reclaim.MadvisePageout;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.system.KernelSystem;
import org.mmspec.ref.unmap.MadviseDontneed;
import org.mmspec.ref.unmap.Mprotect;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.spec.semantics.Fault;

/**
 * The audit over procedures and paths the standard suite does not reach (MADV_PAGEOUT and MADV_COLD, a
 * file write, mprotect, swap-in by a write and a read, fork and two COW writes, high-order allocations, a
 * signal to a killable page-lock waiter): every interleaving of a small machine, explored exhaustively,
 * has no atomicity model error and no kernel BUG.
 */
class AuditedProceduresTest {

    private static final int PAGE = 4096;

    /** A machine: an mm with two anonymous pages (the first written) and a written shared file page. */
    private record Machine(Kernel k, int mm, int anon, int file, int fileMap) {
    }

    static Stream<Arguments> races() {
        return Stream.of(
                race("MADV_PAGEOUT vs a store", (m, k) -> {
                    k.spawn(0, MadvisePageout.class, m.mm(), m.anon(), 2 * PAGE, MadvisePageout.MADV_PAGEOUT);
                    k.spawn(1, UserAccess.class, m.mm(), m.anon(), 1, 9);
                }),
                race("MADV_COLD", (m, k) -> k.spawn(0, MadvisePageout.class, m.mm(), m.anon(), 2 * PAGE,
                        MadvisePageout.MADV_COLD)),
                race("write(2) vs a load of the shared mapping", (m, k) -> {
                    k.spawn(0, FileWrite.class, m.file(), 0, 42, 0);
                    k.spawn(1, UserAccess.class, m.mm(), m.fileMap(), 0, 0);
                }),
                race("mprotect vs a store", (m, k) -> {
                    k.spawn(0, Mprotect.class, m.mm(), m.anon(), 2 * PAGE, VmFlags.PROT_READ);
                    k.spawn(1, UserAccess.class, m.mm(), m.anon() + PAGE, 1, 3);
                }),
                race("munmap of the file vs write(2)", (m, k) -> {
                    k.spawn(0, Munmap.class, m.mm(), m.fileMap(), PAGE, 0);
                    k.spawn(1, FileWrite.class, m.file(), 0, 42, 0);
                }),
                race("swap-in by a store vs a load", (m, k) -> {
                    k.run(MadvisePageout.class, m.mm(), m.anon(), PAGE, MadvisePageout.MADV_PAGEOUT);
                    assertTrue(Pte.isSwapPte(k.pageTables().pteValue(m.mm(), m.anon())));
                    k.spawn(0, UserAccess.class, m.mm(), m.anon(), 1, 9);
                    k.spawn(1, UserAccess.class, m.mm(), m.anon(), 0, 0);
                }),
                race("swap-in by a store vs MADV_DONTNEED", (m, k) -> {
                    k.run(MadvisePageout.class, m.mm(), m.anon(), PAGE, MadvisePageout.MADV_PAGEOUT);
                    k.spawn(0, UserAccess.class, m.mm(), m.anon(), 1, 9);
                    k.spawn(1, MadviseDontneed.class, m.mm(), m.anon(), PAGE, 0);
                }),
                race("COW stores by parent and child", (m, k) -> {
                    int child = k.run(Fork.class, m.mm(), 0, 0, 0).value();
                    k.spawn(0, UserAccess.class, m.mm(), m.anon(), 1, 9);
                    k.spawn(1, UserAccess.class, child, m.anon(), 1, 10);
                }),
                race("order-0 and order-1 allocations", (m, k) -> {
                    k.spawn(0, AllocFree.class, Gfp.GFP_KERNEL, 0, 1, 0);
                    k.spawn(1, AllocFree.class, Gfp.GFP_KERNEL, 1, 1, 0);
                }),
                race("SIGKILL to a killable page-lock waiter", (m, k) -> {
                    int pfn = Pte.ptePfn(k.pageTables().pteValue(m.mm(), m.anon()));
                    k.spawn(0, PageLockUser.class, pfn, 0, 0, 0);
                    k.spawn(1, PageLockUser.class, pfn, 1, 0, 0);
                    k.spawn(2, SendSignal.class, 1, 0, 0, 0);
                }));
    }

    private static Arguments race(String name, BiConsumer<Machine, Kernel> threads) {
        return Arguments.of(name, threads);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("races")
    void everyStepIsReducible(String name, BiConsumer<Machine, Kernel> threads) {
        Config c = Config.small().toBuilder().nrThreads(3).stackDepth(12).waitQueueSlots(4).build();
        Kernel k = Kernel.boot(c);
        int mm = k.mms().mmAlloc();
        int anon = k.mmap().doMmapPgoff(mm, -1, 0, 2 * PAGE, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
                VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS, 0);
        int file = k.pageCache().createFile(FileKind.REGULAR_RW, new int[] {10, 11});
        int fileMap = k.mmap().doMmapPgoff(mm, file, 0, PAGE, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
                VmFlags.MAP_SHARED, 0);
        k.run(UserAccess.class, mm, anon, 1, 5);
        k.run(UserAccess.class, mm, fileMap, 1, 6);
        threads.accept(new Machine(k, mm, anon, file, fileMap), k);
        KernelSystem sys = new KernelSystem(c, k.state(), List.of("T0", "T1", "T2"), AuditMode.CHECK);
        Deque<KernelState> queue = new ArrayDeque<>(List.of(sys.initialState()));
        Set<KernelState> seen = new HashSet<>(queue);
        while (!queue.isEmpty()) {
            KernelState s = queue.poll();
            Fault f = sys.fault(s);
            assertNull(f, () -> name + ": " + f.message());
            for (int t = 0; t < sys.threadCount(); t++) {
                KernelState next = sys.step(s, t);
                if (next != null && seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        assertTrue(seen.size() > 2 && sys.audit().orElseThrow().steps() > 0, name + ": nothing was explored");
    }
}
