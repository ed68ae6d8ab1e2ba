package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** {@link ViewRules} can fail: an invariant-package class reading a kernel object is reported. */
class ArchitectureRulesTest {

    @Test
    void anInvariantReadingAKernelObjectIsRejected() {
        EvaluationResult result = ViewRules.INVARIANTS_READ_ONLY_THE_VIEW.evaluate(
                new ClassFileImporter().importClasses(KernelObjectFixture.class, MapcountLeRefcount.class));
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(result.hasViolation(), "reading Pages should break the rule");
        assertTrue(report.contains("KernelObjectFixture") && report.contains("org.mmspec.ref.mem.Pages"), report);
        assertTrue(!report.contains("MapcountLeRefcount"), report);
    }
}
