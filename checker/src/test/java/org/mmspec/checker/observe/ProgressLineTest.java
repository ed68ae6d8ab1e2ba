package org.mmspec.checker.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void formatsWithCommaGroupingWhateverTheLocale() {
        ProgressSnapshot s = new ProgressSnapshot(12_345, 40_000, 17, 1_024, 12_345 / 210_000.0, -1);
        assertEquals("distinct=12,345 states/s=210,000 depth=17 queue=1,024", ProgressLine.format(s));
    }

    @Test
    void showsTheBoundOfAPreemptionBoundedSearch() {
        ProgressSnapshot s = new ProgressSnapshot(5, 9, 2, 0, 0, 1);
        assertEquals("distinct=5 states/s=0 depth=2 queue=0 bound=1", ProgressLine.format(s));
    }
}
