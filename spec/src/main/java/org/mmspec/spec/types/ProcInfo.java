package org.mmspec.spec.types;

import java.util.List;
import org.mmspec.spec.ast.Decl;

/**
 * A checked procedure.
 *
 * @param decl its declaration
 * @param returnType {@link Type.Void} for {@code void}
 * @param paramTypes parameter types (the first locals of {@code frame})
 * @param frame all its local slots
 * @param function true when it has no steps and writes no globals: callable in expressions
 * @param hasSteps true when it (or a callee) has labels, awaits, locks or nondeterminism
 */
public record ProcInfo(Decl.Proc decl, Type returnType, List<Type> paramTypes, Frame frame, boolean function,
        boolean hasSteps) {

    public String name() {
        return decl.name().text();
    }
}
