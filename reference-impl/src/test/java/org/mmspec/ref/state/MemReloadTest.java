package org.mmspec.ref.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reloading a state restores it exactly, through the undo log or, past it, by a full copy. */
class MemReloadTest {

    private static KernelState randomState(Random r, int n) {
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.nextInt(4) == 0 ? r.nextInt() : 0;
        }
        return KernelState.ofWords(w);
    }

    private static int[] words(KernelState s) {
        int[] out = new int[s.size()];
        s.copyWords(out);
        return out;
    }

    private static void assertLoaded(Mem m, KernelState s) {
        KernelState now = m.snapshot();
        assertArrayEquals(words(s), words(now));
        assertEquals(s.fingerprint(), now.fingerprint());
        assertEquals(Fingerprint.of(words(now)), m.fingerprint());
    }

    @Test
    void reloadingTheSameStateUndoesEveryWrite() {
        Random r = new Random(11);
        for (int writes : new int[] {0, 1, 10, 255, 256, 257, 1000}) {
            KernelState s = randomState(r, 2000);
            Mem m = new Mem(new int[2000]);
            for (int round = 0; round < 3; round++) {
                m.load(s);
                assertLoaded(m, s);
                for (int k = 0; k < writes; k++) {
                    m.set(r.nextInt(2000), r.nextInt(3));
                }
            }
            m.load(s);
            assertLoaded(m, s);
        }
    }

    @Test
    void loadingAnotherStateCopiesIt() {
        Random r = new Random(5);
        KernelState a = randomState(r, 500);
        KernelState b = randomState(r, 500);
        Mem m = new Mem(new int[500]);
        m.load(a);
        m.set(3, 77);
        m.load(b);
        assertLoaded(m, b);
        m.set(4, 1);
        m.load(a);
        assertLoaded(m, a);
    }

    @Test
    void aTransientViewIsTheWorkingVectorUntilTheNextLoad() {
        Random r = new Random(9);
        KernelState s = randomState(r, 300);
        Mem m = new Mem(new int[300]);
        m.load(s);
        m.set(7, 12345);
        KernelState view = m.transientView();
        assertEquals(12345, view.word(7));
        assertEquals(m.fingerprint(), view.fingerprint());
        KernelState kept = m.snapshot();
        m.load(s);
        assertEquals(s.word(7), view.word(7), "the view follows the machine: it is transient");
        assertEquals(12345, kept.word(7), "a snapshot is not");
    }
}
