package org.mmspec.ref;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link LayerRules} can fail: production classes plus one fixture that breaks the rule (a
 * test class named {@code *Fixture}, placed in a production package) violate it, and the report names the
 * fixture. {@link ArchitectureTest} checks the production classes alone against the same rules.
 */
class ArchitectureRulesTest {

    /** The production classes of {@code packages} and the one fixture {@code fixture}. */
    private static JavaClasses productionAnd(String fixture, String... packages) {
        ImportOption production = new ImportOption.DoNotIncludeTests();
        String file = "/" + fixture.replace('.', '/') + ".class";
        return new ClassFileImporter()
                .withImportOption(location -> production.includes(location) || location.contains(file))
                .importPackages(packages);
    }

    private static void assertViolates(ArchRule rule, JavaClasses classes, String mentioned) {
        EvaluationResult result = rule.evaluate(classes);
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(result.hasViolation(), "the rule should fail: " + rule.getDescription());
        assertTrue(report.contains(mentioned), report);
    }

    @Test
    void anObjectThatReachesTheWholeKernelBreaksTheLayering() {
        assertViolates(LayerRules.LAYERS, productionAnd("org.mmspec.ref.mem.KernelLocatorFixture", "org.mmspec.ref"),
                "KernelLocatorFixture.k> has type <org.mmspec.ref.Kernel>");
    }

    @Test
    void memCallingBackIntoLruIsAPackageCycle() {
        assertViolates(LayerRules.NO_PACKAGE_CYCLES, productionAnd("org.mmspec.ref.mem.LruCycleFixture",
                "org.mmspec.ref.mem", "org.mmspec.ref.lru"), "LruCycleFixture");
    }

    @Test
    void aProcedureWritingTheStateVectorIsRejected() {
        assertViolates(LayerRules.PROCEDURES_USE_OBJECTS, productionAnd("org.mmspec.ref.fault.RawStateFixture",
                "org.mmspec.ref.fault"), "RawStateFixture");
    }

    @Test
    void mutableStaticsAreRejected() {
        JavaClasses mem = productionAnd("org.mmspec.ref.mem.MutableStaticFixture", "org.mmspec.ref.mem");
        assertViolates(LayerRules.NO_MUTABLE_STATICS, mem, "nextId");
        assertViolates(LayerRules.NO_SHARED_STATIC_ARRAYS, mem, "SIZES");
    }
}
