package org.mmspec.ref;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The reference implementation's production classes obey the layering rules of {@link LayerRules}. */
@AnalyzeClasses(packages = "org.mmspec.ref", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layersRunOneWay = LayerRules.LAYERS;

    @ArchTest
    static final ArchRule packagesAreAcyclic = LayerRules.NO_PACKAGE_CYCLES;

    @ArchTest
    static final ArchRule proceduresUseObjectsNotTheStateVector = LayerRules.PROCEDURES_USE_OBJECTS;

    @ArchTest
    static final ArchRule noMutableStatics = LayerRules.NO_MUTABLE_STATICS;

    @ArchTest
    static final ArchRule noSharedStaticArrays = LayerRules.NO_SHARED_STATIC_ARRAYS;
}
