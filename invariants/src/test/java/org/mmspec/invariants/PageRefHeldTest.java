package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.io.PipeRead;
import org.mmspec.ref.pin.GupPins;

class PageRefHeldTest {

    private final PageRefHeld inv = new PageRefHeld();

    @Test
    void holdsAcrossFaultsReclaimAndTheIoCompletion() {
        Kernel k = Machines.boot();
        int mm = k.mms().mmAlloc();
        int a = Machines.anon(k, mm, 2);
        Machines.store(k, mm, a, 7);
        Machines.store(k, mm, a + Machines.PAGE, 8);
        Machines.reclaim(k, 4);
        Machines.load(k, mm, a);
        Machines.fork(k, mm);
        assertHolds(inv, k);
    }

    @Test
    void catchesAPipeReaderCopyingOutOfAPageItsBufferNeverTookAReferenceTo() {
        Kernel k = Machines.boot();
        int free = Machines.freePfn(k);
        k.gupPins().hold(0, free, GupPins.PIPE_BUF, 1, 0x1000);
        k.spawn(0, PipeRead.class, 0, 0, 0, 0);
        k.executor().step(0);
        assertTrue(k.buddy().isFree(free));
        assertViolated(inv, k, Names.pfn(free));
    }
}
