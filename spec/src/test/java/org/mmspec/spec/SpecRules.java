package org.mmspec.spec;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The spec module is the bottom of the project: the shared semantics API and the spec language know
 * nothing of the reference implementation, the invariant catalog or the checker.
 */
final class SpecRules {

    static final ArchRule SPEC_KNOWS_NO_OTHER_MODULE = noClasses().that().resideInAPackage("org.mmspec.spec..")
            .should().dependOnClassesThat().resideInAnyPackage("org.mmspec.ref..", "org.mmspec.invariants..",
                    "org.mmspec.checker..")
            .because("modules depend one way: spec, reference-impl, invariants, checker");

    /** STYLE.md: no mutable statics — except in the ANTLR-generated lexer and parser, which are never edited. */
    static final ArchRule NO_MUTABLE_STATICS = fields().that().areStatic()
            .and().areDeclaredInClassesThat().resideOutsideOfPackage("org.mmspec.spec.syntax..")
            .should().beFinal()
            .because("no mutable statics (STYLE.md)");

    private SpecRules() {
    }
}
