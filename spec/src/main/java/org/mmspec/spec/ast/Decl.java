package org.mmspec.spec.ast;

import java.util.List;
import org.mmspec.spec.diag.SourceSpan;

/** Top-level declarations of a spec file. */
public sealed interface Decl {

    SourceSpan span();

    record Const(SourceSpan span, Ident name, Expr value) implements Decl {
    }

    record Enum(SourceSpan span, Ident name, List<Ident> members) implements Decl {
    }

    record Record(SourceSpan span, Ident name, List<FieldDecl> fields) implements Decl {
    }

    record Typedef(SourceSpan span, TypeNode target, Ident name) implements Decl {
    }

    /** {@code memory { pages = 3; mms = 1; }}: the sizes of the built-in id domains. */
    record Memory(SourceSpan span, List<SizeItem> sizes) implements Decl {
    }

    /** A procedure; {@code returnType} is null for {@code void}. */
    record Proc(SourceSpan span, TypeNode returnType, Ident name, List<Param> params, Stmt.Block body)
            implements Decl {
    }

    /** Global variables; {@code annotations} are their protection discipline (empty: none declared). */
    record Global(SourceSpan span, TypeNode type, List<Declarator> vars, List<Annotation> annotations)
            implements Decl {
        public Global {
            annotations = List.copyOf(annotations);
        }
    }

    /**
     * {@code invariant name "statement": body}; doc may be null, then the body's text is the statement.
     * With {@code limit} set it is {@code limit name "statement": body}: a capacity of the specification
     * checked once per scenario when the file is loaded (on the initial state), not during the search.
     */
    record Invariant(SourceSpan span, Ident name, String doc, Expr body, String bodyText, boolean limit) implements Decl {

        /** An invariant (not a limit). */
        public Invariant(SourceSpan span, Ident name, String doc, Expr body, String bodyText) {
            this(span, name, doc, body, bodyText, false);
        }
    }

    record Scenario(SourceSpan span, Ident name, List<ScenarioItem> items) implements Decl {
    }

    /** A record field. */
    record FieldDecl(SourceSpan span, TypeNode type, Ident name, List<Expr> dims) {
    }

    /** A procedure parameter. */
    record Param(SourceSpan span, TypeNode type, Ident name, List<Expr> dims) {
    }

    /** {@code name = value;} inside {@code memory} and {@code bounds}. */
    record SizeItem(SourceSpan span, Ident name, Expr value) {
    }
}
