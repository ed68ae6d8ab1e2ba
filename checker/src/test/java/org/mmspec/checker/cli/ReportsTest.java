package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.checker.result.Statistics;

/** The storage line of a check, and its warning when a fingerprint collision has become plausible. */
class ReportsTest {

    private static Statistics withCollision(long distinct, long generated) {
        double p = distinct * (double) (generated - distinct) / 0x1p64;
        return new Statistics(generated, distinct, 40, generated - 1, 10, 1 << 20, -1, 0, p);
    }

    @Test
    void aSmallSearchGetsOneLineWithoutWarning() {
        String line = Reports.storage(withCollision(10_000_000, 30_000_000));
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("fingerprint collision probability 1.1e-05"), line);
        assertFalse(line.contains("warning"), line);
    }

    @Test
    void aSearchPastTheThresholdIsWarnedThatAStateMayHaveBeenSkipped() {
        // 5 * 10^8 distinct, 2 * 10^9 generated: about 4e-2, the size of the benchmark model's 'huge' search
        String text = Reports.storage(withCollision(500_000_000, 2_000_000_000));
        String[] lines = text.split("\n");
        assertEquals(2, lines.length, text);
        assertTrue(lines[0].startsWith("fingerprint collision probability 4.1e-02"), text);
        assertTrue(lines[1].startsWith("warning: with a fingerprint collision probability of 4.1e-02, a state"), text);
    }

    @Test
    void theWarningStartsAtTheThreshold() {
        double below = Math.nextDown(Reports.COLLISION_WARNING);
        Statistics justBelow = new Statistics(3, 2, 1, 2, 1, 64, -1, 0, below);
        Statistics at = new Statistics(3, 2, 1, 2, 1, 64, -1, 0, Reports.COLLISION_WARNING);
        assertFalse(Reports.storage(justBelow).contains("warning"));
        assertTrue(Reports.storage(at).contains("warning"));
    }
}
