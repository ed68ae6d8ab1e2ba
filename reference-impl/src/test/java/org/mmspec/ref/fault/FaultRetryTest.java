package org.mmspec.ref.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.proc.PageLockUser;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.system.Stepper;
import org.mmspec.ref.unmap.MadviseDontneed;
import org.mmspec.ref.vma.VmFlags;

/**
 * Fault retry (Linux 4.9): a fault that finds its page-cache page locked drops {@code mmap_sem}, waits for
 * the page without taking it, returns {@code VM_FAULT_RETRY}, and {@code do_page_fault} takes
 * {@code mmap_sem} again and retries with {@code FAULT_FLAG_TRIED}.
 */
class FaultRetryTest {

    private static final int PAGE = 4096;

    @Test
    void aFaultOnALockedPageDropsMmapSemWaitsAndRetries() {
        Kernel k = Kernel.boot(Config.small().toBuilder().nrThreads(2).stackDepth(10).build());
        int mm = k.mms().mmAlloc();
        int file = k.pageCache().createFile(FileKind.REGULAR_RW, new int[] {5});
        int a = k.mmap().doMmapPgoff(mm, file, 0, PAGE, VmFlags.PROT_READ, VmFlags.MAP_SHARED, 0);
        assertEquals(5, k.run(UserAccess.class, mm, a, 0, 0).value());
        int page = k.pageCache().lookup(file, 0);
        k.run(MadviseDontneed.class, mm, a, PAGE).value();
        k.spawn(0, UserAccess.class, mm, a, 0, 0);
        k.spawn(1, PageLockUser.class, page, 0, 0, 0);
        Stepper st = new Stepper(k);
        st.runUntil(1, kk -> kk.pages().pageFlag(page, PageFlag.LOCKED));
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 100 && st.kernel().threads().status(0) != ThreadStatus.SLEEPING; i++) {
            seen.append(st.step(0)).append('\n');
        }
        Kernel waiting = st.kernel();
        assertEquals(0, waiting.mem().get(waiting.layout().mm(mm, Layout.MM_SEM_READERS)), "mmap_sem is dropped: " + seen);
        assertEquals(ThreadStatus.SLEEPING, waiting.threads().status(0), "the fault sleeps on the page without mmap_sem");
        st.finish(1);
        assertEquals(ThreadStatus.RUNNING, st.kernel().threads().status(0), "unlock_page woke it");
        String label = "";
        while (!label.startsWith("do_page_fault:down_read_mmap_sem")) {
            label = st.step(0);
        }
        assertTrue(st.kernel().mem().get(st.kernel().layout().mm(mm, Layout.MM_SEM_READERS)) != 0,
                "do_page_fault takes mmap_sem again");
        st.finish(0);
        assertEquals(5, st.kernel().threads().returnValue(0), "the retried fault maps the page");
    }

    /** Two swap-ins of one entry: the second finds the first's new swap-cache page locked during its read. */
    @Test
    void theSwapInPathRetriesWhenAnotherSwapInHoldsThePage() {
        Kernel k = Kernel.boot(Config.small().toBuilder().nrThreads(3).stackDepth(10).build());
        int mm = k.mms().mmAlloc();
        int a = k.mmap().doMmapPgoff(mm, -1, 0, PAGE, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
                VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS, 0);
        assertEquals(0, k.run(UserAccess.class, mm, a, 1, 6).value());
        // unmapped and written out by one pass, freed from the swap cache by a later one (asynchronous write-back)
        for (int i = 0; i < 8 && !(Pte.isSwapPte(k.pageTables().pteValue(mm, a))
                && k.swap().cachePage(Pte.swpOffset(k.pageTables().pteValue(mm, a))) < 0); i++) {
            k.run(ShrinkZone.class, 0, 1).value();
        }
        assertTrue(Pte.isSwapPte(k.pageTables().pteValue(mm, a)), "swapped out");
        assertTrue(k.swap().cachePage(Pte.swpOffset(k.pageTables().pteValue(mm, a))) < 0, "and out of the swap cache");
        k.spawn(0, UserAccess.class, mm, a, 0, 0);
        k.spawn(1, UserAccess.class, mm, a, 0, 0);
        k.spawn(2, org.mmspec.ref.io.IoCompletion.class, 0, 0, 0, 0);
        Stepper st = new Stepper(k);
        st.runUntil(0, kk -> kk.bios().count() > 0);    // T0's swap_readpage submitted: the page is locked
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 40 && !st.next(1).equals("wait_on_page_bit_common:io_schedule"); i++) {
            seen.append(st.step(1)).append('\n');
        }
        assertTrue(seen.toString().contains("lock_page_or_retry:wait_on_page_locked"), "swap-in waits: " + seen);
        Kernel waiting = st.kernel();
        assertEquals(1, waiting.mem().get(waiting.layout().mm(mm, Layout.MM_SEM_READERS)),
                "only T0 still holds mmap_sem: do_swap_page's lock_page_or_retry dropped T1's: " + seen);
        // the swap-in read completes in the I/O completion context (thread 2)
        for (int t : new int[] {0, 1}) {
            for (int i = 0; i < 500 && st.kernel().threads().status(t) != ThreadStatus.FINISHED; i++) {
                st.step(st.canMove(t) ? t : 2);
            }
        }
        assertEquals(6, st.kernel().threads().returnValue(0));
        assertEquals(6, st.kernel().threads().returnValue(1), "the retried fault reads the data back");
    }
}
