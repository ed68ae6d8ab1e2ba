package org.mmspec.ref.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.proc.PageLockUser;
import org.mmspec.ref.proc.UserAccess;
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
        st.runUntil(1, "page_lock_user:critical_section");
        StringBuilder seen = new StringBuilder();
        while (!st.next(0).equals("wait_on_page_bit_common:io_schedule")) {
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
}
