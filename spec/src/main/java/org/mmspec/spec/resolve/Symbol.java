package org.mmspec.spec.resolve;

import org.mmspec.spec.ast.Decl;
import org.mmspec.spec.ast.Declarator;
import org.mmspec.spec.diag.SourceSpan;
import org.mmspec.spec.types.Builtin;
import org.mmspec.spec.types.Type;

/** What a name means. Built-in symbols have a null span. */
public sealed interface Symbol {

    String name();

    SourceSpan span();

    /** "constant", "type", "procedure", ... for messages. */
    String kind();

    record Const(String name, SourceSpan span, Decl.Const decl) implements Symbol {
        public String kind() {
            return "constant";
        }
    }

    record EnumMember(String name, SourceSpan span, String enumName, int ordinal) implements Symbol {
        public String kind() {
            return "enum member";
        }
    }

    /** A declared or built-in type; {@code decl} is the Enum/Record/Typedef declaration or null. */
    record TypeName(String name, SourceSpan span, Decl decl, Type builtin) implements Symbol {
        public String kind() {
            return "type";
        }
    }

    /** A global state variable; {@code index} orders globals in the state. */
    record Global(String name, SourceSpan span, Decl.Global decl, Declarator declarator, int index)
            implements Symbol {
        public String kind() {
            return "global variable";
        }
    }

    record Proc(String name, SourceSpan span, Decl.Proc decl) implements Symbol {
        public String kind() {
            return "procedure";
        }
    }

    record BuiltinFn(String name, Builtin builtin) implements Symbol {
        public SourceSpan span() {
            return null;
        }

        public String kind() {
            return "built-in function";
        }
    }

    /** {@code PTE_NONE}. */
    record BuiltinConst(String name, Type type, int value) implements Symbol {
        public SourceSpan span() {
            return null;
        }

        public String kind() {
            return "constant";
        }
    }

    /**
     * A procedure parameter, local, loop or quantifier variable: slot {@code index} of its owner's frame
     * (the owner is a procedure, an invariant, or a scenario's init block).
     */
    record Local(String name, SourceSpan span, Type type, int index) implements Symbol {
        public String kind() {
            return "local variable";
        }
    }
}
