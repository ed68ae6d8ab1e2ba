package org.mmspec.spec;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The spec module's production classes obey {@link SpecRules}. */
@AnalyzeClasses(packages = "org.mmspec.spec", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule specKnowsNoOtherModule = SpecRules.SPEC_KNOWS_NO_OTHER_MODULE;

    @ArchTest
    static final ArchRule noMutableStatics = SpecRules.NO_MUTABLE_STATICS;
}
