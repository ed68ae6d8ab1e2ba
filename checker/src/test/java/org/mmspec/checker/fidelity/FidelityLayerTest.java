package org.mmspec.checker.fidelity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** A fidelity layer that checked nothing never looks like one that passed: under CI=true it fails. */
class FidelityLayerTest {

    @Test
    void aLayerThatRanNothingFailsUnderCi() {
        FidelityLayer layer = new FidelityLayer("fidelity test layer");
        layer.skipped("the host lacks [MADV_COLD]");
        layer.skipped("the host lacks [MADV_COLD]");
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> layer.finish(Map.of("CI", "true")));
        assertTrue(e.getMessage().contains("0 checks ran, 2 skipped (2: the host lacks [MADV_COLD])"), e.getMessage());
        assertDoesNotThrow(() -> layer.finish(Map.of()), "outside CI the line is printed, nothing fails");
    }

    @Test
    void aLayerThatRanChecksPassesAndSaysWhatItSkipped() {
        FidelityLayer layer = new FidelityLayer("fidelity test layer");
        layer.ran();
        layer.skipped("no golden set");
        assertDoesNotThrow(() -> layer.finish(Map.of("CI", "true")));
        assertEquals("mmspec fidelity test layer: 1 check ran, 1 skipped (1: no golden set)", layer.summary());
    }
}
