package org.mmspec.spec.ast;

import java.util.List;
import org.mmspec.spec.diag.SourceSpan;

/** The parts of a {@code scenario} block. */
public sealed interface ScenarioItem {

    SourceSpan span();

    record Memory(SourceSpan span, List<Decl.SizeItem> sizes) implements ScenarioItem {
    }

    record Init(SourceSpan span, Stmt.Block body) implements ScenarioItem {
    }

    record Thread(SourceSpan span, Ident name, Ident proc, List<Expr> args) implements ScenarioItem {
    }

    record Bounds(SourceSpan span, List<Decl.SizeItem> items) implements ScenarioItem {
    }

    /** {@code check all;} (all true), {@code check none;} (all false, no names) or {@code check a, b;}. */
    record Check(SourceSpan span, boolean all, List<Ident> names) implements ScenarioItem {
    }

    /** {@code expect pass | violation NAME | deadlock | fault KIND}; name is null for pass and deadlock. */
    record Expect(SourceSpan span, Kind kind, Ident name) implements ScenarioItem {
        /** The expected outcome's form. */
        public enum Kind {
            PASS, VIOLATION, DEADLOCK, FAULT
        }
    }

    /** {@code cover "proc:label", ...;}: code points a pass must have reached; {@code spans} of each string. */
    record Cover(SourceSpan span, List<String> points, List<SourceSpan> spans) implements ScenarioItem {
        public Cover {
            points = List.copyOf(points);
            spans = List.copyOf(spans);
        }
    }

    record Strategy(SourceSpan span, Ident name) implements ScenarioItem {
    }
}
