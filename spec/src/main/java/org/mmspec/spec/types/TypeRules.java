package org.mmspec.spec.types;

/** Compatibility rules shared by the checkers. */
final class TypeRules {

    private TypeRules() {
    }

    static boolean isError(Type t) {
        return t instanceof Type.Error;
    }

    /**
     * The type of {@code e} where a value of {@code want} is expected: an integer literal stands for an
     * id there ({@code refcount[0]}, {@code ps += 1}); everything else keeps its type {@code t}.
     */
    static Type literalAs(Type t, org.mmspec.spec.ast.Expr e, Type want) {
        return want instanceof Type.Id && e instanceof org.mmspec.spec.ast.Expr.IntLit ? want : t;
    }

    /** May a value of type {@code from} be stored where {@code to} is expected? */
    static boolean assignable(Type to, Type from) {
        if (isError(to) || isError(from) || to.equals(from)) {
            return true;
        }
        return switch (to) {
            case Type.Int i -> from instanceof Type.Int;
            case Type.Id id -> from instanceof Type.Null;
            case Type.SetOf s -> from instanceof Type.SetOf f && isError(f.elem());
            default -> false;
        };
    }

    /** May {@code a} and {@code b} be compared with {@code ==}? */
    static boolean comparable(Type a, Type b) {
        return assignable(a, b) || assignable(b, a);
    }

    /** The element type of a set-like operand: a set's element, or an enum value (as a singleton). */
    static Type setElem(Type t) {
        return switch (t) {
            case Type.SetOf s -> s.elem();
            case Type.Enum e -> e;
            default -> null;
        };
    }

    /** Is {@code t} a type whose values can be set members or iterated (finite scalar)? */
    static boolean finiteScalar(Type t) {
        return t instanceof Type.Bool || t instanceof Type.Enum || t instanceof Type.Id
                || t instanceof Type.Int i && !i.unbounded() || isError(t);
    }
}
