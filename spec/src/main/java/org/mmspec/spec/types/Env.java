package org.mmspec.spec.types;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import org.mmspec.spec.diag.SourceSpan;
import org.mmspec.spec.resolve.Symbol;

/**
 * Where a body is being checked: the frame receiving new locals, the lexical scopes, and what the
 * context allows ({@code self} and locks only in procedures; no steps in init blocks).
 */
final class Env {

    /** The kinds of body. */
    enum Kind {
        PROCEDURE, INIT, INVARIANT, THREAD_ARGS, ANNOTATION
    }

    final Frame frame;
    final Kind kind;
    final String procName;
    final Type returnType;
    private final Deque<Map<String, Symbol.Local>> scopes = new ArrayDeque<>();
    final Set<String> labels = new HashSet<>();
    int loops;

    Env(Frame frame, Kind kind, String procName, Type returnType) {
        this.frame = frame;
        this.kind = kind;
        this.procName = procName;
        this.returnType = returnType;
        scopes.push(new HashMap<>());
    }

    boolean inProcedure() {
        return kind == Kind.PROCEDURE;
    }

    /** Whether {@code self} means something: in procedures and in discipline annotations (the accessing thread). */
    boolean hasThread() {
        return kind == Kind.PROCEDURE || kind == Kind.ANNOTATION;
    }

    void push() {
        scopes.push(new HashMap<>());
    }

    void pop() {
        scopes.pop();
    }

    Symbol.Local find(String name) {
        for (Map<String, Symbol.Local> s : scopes) {
            Symbol.Local l = s.get(name);
            if (l != null) {
                return l;
            }
        }
        return null;
    }

    /**
     * Declares a local in the innermost scope. Returns null (after declaring it anyway, so later uses
     * resolve) when a local of that name is already visible: shadowing is an error, reuse in a sibling
     * scope is not.
     */
    Symbol.Local declare(String name, SourceSpan span, Type type) {
        boolean clash = find(name) != null;
        Symbol.Local l = frame.add(name, span, type);
        scopes.peek().put(name, l);
        return clash ? null : l;
    }

    /** The local just declared under {@code name} in the innermost scope. */
    Symbol.Local innermost(String name) {
        return scopes.peek().get(name);
    }

    /** An anonymous slot (loop counters). */
    Symbol.Local hidden(String name, SourceSpan span, Type type) {
        return frame.add(name, span, type);
    }

    List<String> visibleNames() {
        List<String> out = new ArrayList<>();
        for (Map<String, Symbol.Local> s : scopes) {
            out.addAll(s.keySet());
        }
        return out;
    }
}
