package org.mmspec.invariants;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;

import com.tngtech.archunit.lang.ArchRule;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.vma.VmFlags;

/**
 * What the invariant catalog may see of the reference implementation: only the read-only view
 * ({@code org.mmspec.ref.view}) and the immutable value types the view's queries take or return —
 * the configuration and the state ({@link Config}, {@link KernelState}), the address-space
 * {@link Geometry}, and the encodings of the raw words it returns ({@link Pte}, {@link PageFlag},
 * {@link Mapping}, {@link VmFlags}, {@link FileKind}, {@link LockClass}, {@link ThreadStatus}). Never a
 * kernel object, a procedure or the machine: an invariant cannot change the state it checks.
 */
final class ViewRules {

    static final ArchRule INVARIANTS_READ_ONLY_THE_VIEW = classes().that().resideInAPackage("org.mmspec.invariants..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "org.mmspec.invariants..",
                    "org.mmspec.spec.semantics..", "org.mmspec.ref.view..")
                    .or(belongToAnyOf(Config.class, KernelState.class, Geometry.class, Pte.class, PageFlag.class,
                            Mapping.class, VmFlags.class, FileKind.class, LockClass.class, ThreadStatus.class)))
            .because("invariants read the state only through the view (docs/model.md, Layers)");

    static final ArchRule NO_MUTABLE_STATICS = fields().that().areStatic().should().beFinal()
            .because("no mutable statics (STYLE.md)");

    private ViewRules() {
    }
}
