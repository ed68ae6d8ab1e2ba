package org.mmspec.spec.load;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the whole front-end (and a few interpreter steps of whatever loads).
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the committed inputs under
 * {@code src/test/resources/org/mmspec/spec/load/SpecFrontEndFuzzTestInputs/loadNeverThrows/} (the seed
 * corpus and every crash found so far) as regression tests. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl spec test -Dtest=SpecFrontEndFuzzTest}.
 */
class SpecFrontEndFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void loadNeverThrows(byte[] input) {
        FrontEndHarness.exercise(input);
    }
}
