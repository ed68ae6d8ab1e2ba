package org.mmspec.invariants;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The invariant catalog's production classes obey {@link ViewRules}. */
@AnalyzeClasses(packages = "org.mmspec.invariants", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule invariantsReadOnlyTheView = ViewRules.INVARIANTS_READ_ONLY_THE_VIEW;

    @ArchTest
    static final ArchRule noMutableStatics = ViewRules.NO_MUTABLE_STATICS;
}
