package org.mmspec.ref.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.api.KernelApi;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.proc.PageLockUser;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Fingerprint;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.sync.KernelBlock;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.ThreadPhase;

/** The reference implementation seen as a transition system. */
class KernelSystemTest {

    private static KernelSystem twoLockers(boolean holdFirst) {
        Config c = Config.small().toBuilder().nrThreads(2).stackDepth(10).build();
        Kernel k = Kernel.boot(c);
        int page = KernelApi.allocPages(k, Gfp.GFP_KERNEL, 0).value();
        if (holdFirst) {
            KernelApi.lockPage(k, page).value();
        }
        k.spawn(0, PageLockUser.class, page, 0, 0, 0);
        k.spawn(1, PageLockUser.class, page, 0, 0, 0);
        return new KernelSystem(c, k.state(), List.of("A", "B"));
    }

    @Test
    void stepsAreDeterministicAndStatesAreValues() {
        KernelSystem sys = twoLockers(false);
        KernelState s0 = sys.initialState();
        KernelState a = sys.step(s0, 0);
        KernelState b = sys.step(s0, 0);
        assertEquals(a, b);
        assertEquals(a.fingerprint(), b.fingerprint());
        assertNotEquals(s0, a);
        assertEquals(s0, sys.initialState(), "stepping does not change the state stepped from");
    }

    @Test
    void theIncrementalFingerprintEqualsTheFullOne() {
        KernelSystem sys = twoLockers(false);
        KernelState s = sys.initialState();
        for (int i = 0; i < 6; i++) {
            KernelState next = sys.step(s, i % 2);
            if (next != null) {
                s = next;
            }
            int[] words = new int[s.size()];
            for (int w = 0; w < words.length; w++) {
                words[w] = s.word(w);
            }
            assertEquals(Fingerprint.of(words), s.fingerprint());
        }
    }

    @Test
    void aThreadSleepingOnAPageLockCannotMoveAndSaysWhy() {
        KernelSystem sys = twoLockers(true);
        KernelState s = sys.initialState();
        assertEquals(ThreadPhase.NOT_STARTED, sys.phase(s, 0));
        s = sys.step(s, 0); // trylock_page fails
        s = sys.step(s, 0); // prepare_to_wait: queued, TASK_UNINTERRUPTIBLE
        s = sys.step(s, 0); // test_bit: still locked
        s = sys.step(s, 0); // io_schedule: asleep
        assertEquals(ThreadPhase.RUNNING, sys.phase(s, 0));
        assertNull(sys.step(s, 0));
        KernelBlock.OnPageLock reason = assertInstanceOf(KernelBlock.OnPageLock.class, sys.blockReason(s, 0));
        assertTrue(reason.describe().contains("sleeps on PG_locked"), reason.describe());
        assertNotNull(sys.step(s, 1), "B can still queue up");
    }

    @Test
    void labelsNameTheKernelCodePointAndDiffsUseKernelNames() {
        KernelSystem sys = twoLockers(false);
        KernelState s0 = sys.initialState();
        KernelState s1 = sys.step(s0, 0);
        // the step starts in page_lock_user and takes the lock in lock_page(): it is named after the code
        // that changed the page, with that code's Java source line
        ActionLabel label = sys.label(s0, 0, s1);
        assertEquals("lock_page:trylock_page", label.step());
        assertTrue(label.source().matches("org/mmspec/ref/pagelock/LockPage\\.java:\\d+"), label.source());
        List<Change> changes = sys.diff(s0, s1);
        assertTrue(changes.stream().anyMatch(c -> c.variable().endsWith(".flags") && c.after().contains("locked")),
                changes.toString());
        assertTrue(changes.stream().anyMatch(c -> c.variable().endsWith(".locked_by") && c.after().equals("A")),
                changes.toString());
    }

    @Test
    void aKernelBugInAStepIsAFaultOfTheState() {
        Config c = Config.small().toBuilder().nrThreads(2).stackDepth(10).build();
        Kernel k = Kernel.boot(c);
        int page = KernelApi.allocPages(k, Gfp.GFP_KERNEL, 0).value();
        k.spawn(0, UnlockPage.class, page, 0, 0, 0);
        int mm = k.mms().mmAlloc();
        int a = k.mmap().doMmapPgoff(mm, -1, 0, 4096, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
                VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS, 0);
        k.spawn(1, UserAccess.class, mm, a, 1, 5);
        KernelSystem sys = new KernelSystem(c, k.state(), List.of("unlocker", "user"));
        KernelState s = sys.step(sys.initialState(), 0);
        Fault f = sys.fault(s);
        assertNotNull(f);
        assertEquals(Fault.Kind.KERNEL_BUG, f.kind());
        assertTrue(f.message().contains("unlock_page on pfn " + page), f.message());
        assertEquals(ThreadPhase.FINISHED, sys.phase(s, 0));
        assertNull(sys.step(s, 1), "nothing runs after an oops");
    }
}
