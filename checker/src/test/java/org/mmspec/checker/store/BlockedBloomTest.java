package org.mmspec.checker.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockedBloomTest {

    @Test
    void neverSaysAbsentForAnAddedKeyAndRarelyPresentForAnother() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 100_000;
        BlockedBloom bloom = BlockedBloom.allocate(n);
        long[] added = new long[n];
        for (int i = 0; i < n; i++) {
            added[i] = FingerprintSet.mix(random.nextLong());
            bloom.add(added[i]);
        }
        for (long k : added) {
            assertTrue(bloom.mightContain(k));
        }
        int falsePositives = 0;
        for (int i = 0; i < n; i++) {
            if (bloom.mightContain(FingerprintSet.mix(random.nextLong()))) {
                falsePositives++;
            }
        }
        // 8 bits and 4 probes per key in one 64-bit word: about 3.3 % expected.
        assertTrue(falsePositives < n / 20, falsePositives + " false positives in " + n);
        assertTrue(falsePositives > 0, "a filter this small must err sometimes");
        bloom.free();
    }
}
