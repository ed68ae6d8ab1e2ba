package org.mmspec.spec.types;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.spec.diag.SourceSpan;
import org.mmspec.spec.resolve.Symbol;

/**
 * The local slots of one frame owner (a procedure, an invariant, a scenario's init block or thread
 * arguments): parameters first, then every local, loop and quantifier variable in order of appearance.
 */
public final class Frame {

    private final String owner;
    private final List<Symbol.Local> locals = new ArrayList<>();

    public Frame(String owner) {
        this.owner = owner;
    }

    public String owner() {
        return owner;
    }

    /** Adds a slot and returns its symbol. */
    public Symbol.Local add(String name, SourceSpan span, Type type) {
        Symbol.Local l = new Symbol.Local(name, span, type, locals.size());
        locals.add(l);
        return l;
    }

    public List<Symbol.Local> locals() {
        return List.copyOf(locals);
    }
}
