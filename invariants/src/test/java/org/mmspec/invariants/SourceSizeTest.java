package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.SourceSizes;

/** This module's main sources keep the house-style sizes of {@link SourceSizes} (classes and methods). */
class SourceSizeTest {

    /** Oversized classes or methods that cannot be split yet, each with the reason. Keep it short. */
    private static final Map<String, String> ALLOWED = Map.of();

    @Test
    void classesAndMethodsKeepTheHouseSizes() {
        List<String> oversized = SourceSizes.oversized(Path.of("src/main/java"), ALLOWED);
        assertEquals(List.of(), oversized, String.join("\n", oversized));
    }
}
