package org.mmspec.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** {@link SpecRules} can fail: a spec class that depends on the checker is reported. */
class ArchitectureRulesTest {

    @Test
    void aSpecClassUsingTheCheckerIsRejected() {
        EvaluationResult result = SpecRules.SPEC_KNOWS_NO_OTHER_MODULE.evaluate(
                new ClassFileImporter().importClasses(CheckerDependencyFixture.class));
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(result.hasViolation(), "depending on the checker should break the rule");
        assertTrue(report.contains("CheckerDependencyFixture") && report.contains("org.mmspec.checker"), report);
    }
}
