package org.mmspec.ref;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of the reference implementation (docs/model.md, "Layers"), as ArchUnit rules. Each
 * package belongs to exactly one layer; a layer may use the layers before it, never the ones after:
 *
 * <ol>
 * <li><b>state</b>: the state vector and its configuration ({@code state}, {@code bugs});</li>
 * <li><b>objects</b>: kernel objects over the state, each built with the objects it uses ({@code sync},
 * {@code sched}, {@code mem}, {@code lru}, {@code pgtable}, {@code swap}, {@code filemap}, {@code vma},
 * {@code rmap}, {@code mmap}, {@code slab}, {@code vmalloc}, {@code bio}, {@code pin}, {@code tlb});</li>
 * <li><b>step engine</b>: frames, {@code Ctx}, the executor ({@code threads});</li>
 * <li><b>procedures</b>: the kernel's multi-step procedures as step machines ({@code pagelock},
 * {@code pageref}, {@code alloc}, {@code rmapwalk}, {@code reclaim}, {@code fault}, {@code gup}, {@code unmap},
 * {@code fork}, {@code proc}, {@code io}, {@code swapfile}, {@code tlbflush}, {@code mremap}, {@code mlock});</li>
 * <li><b>system</b>: the assembly ({@code Kernel}, in {@code org.mmspec.ref} itself), the transition
 * system ({@code system}), the seed API facade ({@code api}), the invariants' view ({@code view}) and the
 * atomicity audit ({@code audit}).</li>
 * </ol>
 */
final class LayerRules {

    static final String STATE = "state";
    static final String OBJECTS = "objects";
    static final String ENGINE = "step engine";
    static final String PROCEDURES = "procedures";
    static final String SYSTEM = "system";

    private static final String REF = "org.mmspec.ref";

    /** The five layers, each using only the layers before it; every class is in one. */
    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .ensureAllClassesAreContainedInArchitecture()
            .layer(STATE).definedBy(pkgs("state", "bugs"))
            .layer(OBJECTS).definedBy(pkgs("sync", "sched", "mem", "lru", "pgtable", "swap", "filemap", "vma", "rmap",
                    "mmap", "slab", "vmalloc", "bio", "pin", "tlb"))
            .layer(ENGINE).definedBy(pkgs("threads"))
            .layer(PROCEDURES).definedBy(pkgs("pagelock", "pageref", "alloc", "rmapwalk", "reclaim", "fault", "gup",
                    "unmap", "fork", "proc", "io", "swapfile", "tlbflush", "mremap", "mlock"))
            .layer(SYSTEM).definedBy(REF, REF + ".system..", REF + ".api..", REF + ".view..", REF + ".audit..")
            .whereLayer(SYSTEM).mayNotBeAccessedByAnyLayer()
            .whereLayer(PROCEDURES).mayOnlyBeAccessedByLayers(SYSTEM)
            .whereLayer(ENGINE).mayOnlyBeAccessedByLayers(PROCEDURES, SYSTEM)
            .whereLayer(OBJECTS).mayOnlyBeAccessedByLayers(ENGINE, PROCEDURES, SYSTEM)
            .whereLayer(STATE).mayOnlyBeAccessedByLayers(OBJECTS, ENGINE, PROCEDURES, SYSTEM)
            .because("dependencies run one way: state, objects, step engine, procedures, system (STYLE.md)");

    /** No two packages depend on each other, directly or through others (inside a layer too). */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("org.mmspec.(**)").should().beFreeOfCycles()
            .because("a package cycle is a dependency that runs both ways");

    /**
     * Procedures reach the state only through kernel objects (and their frame through {@code Ctx}): never
     * the raw state vector.
     */
    static final ArchRule PROCEDURES_USE_OBJECTS = noClasses().that().resideInAnyPackage(pkgs("pagelock", "pageref",
                    "alloc", "rmapwalk", "reclaim", "fault", "gup", "unmap", "fork", "proc", "io", "swapfile", "tlbflush",
                    "mremap", "mlock"))
            .should().dependOnClassesThat().haveFullyQualifiedName(REF + ".state.Mem")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(REF + ".state.Layout")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(REF + ".state.KernelState")
            .because("procedures reach shared state through a few narrow collaborator objects");

    /** STYLE.md: no mutable statics. */
    static final ArchRule NO_MUTABLE_STATICS = fields().that().areStatic().should().beFinal()
            .because("no mutable statics (STYLE.md): pass what is needed");

    /** A static array can be changed by whoever sees it: only private ones (lookup tables) are allowed. */
    static final ArchRule NO_SHARED_STATIC_ARRAYS = noFields().that().areStatic()
            .and().doNotHaveModifier(JavaModifier.PRIVATE).and().doNotHaveModifier(JavaModifier.SYNTHETIC)
            .should().haveRawType(DescribedPredicate.describe("an array", JavaClass::isArray))
            .because("a static array visible outside its class is mutable static state");

    private LayerRules() {
    }

    private static String[] pkgs(String... names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = REF + "." + names[i] + "..";
        }
        return out;
    }
}
