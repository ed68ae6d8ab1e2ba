package org.mmspec.spec.types;

import java.util.List;
import java.util.Map;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.ast.ScenarioItem;
import org.mmspec.spec.ast.Stmt;
import org.mmspec.spec.diag.SourceSpan;

/**
 * A checked scenario.
 *
 * @param name its name
 * @param span where it is declared
 * @param sizes memory sizes (program-wide, overridden by the scenario), by name ({@code pages}, ...)
 * @param init the init block or null; its locals are in {@code initFrame}
 * @param initFrame slots for init's locals and for evaluating thread arguments
 * @param threads the threads in order
 * @param preemptions the preemption bound or -1
 * @param depth the depth bound or -1
 * @param strategy the strategy hint ({@code bfs}, ...) or null
 * @param checks the invariants to check, in declaration order
 * @param expect the expectation or null
 */
public record CheckedScenario(String name, SourceSpan span, Map<String, Integer> sizes, Stmt.Block init,
        Frame initFrame, List<ThreadSpec> threads, int preemptions, int depth, String strategy,
        List<String> checks, ScenarioItem.Expect expect) {

    /** One thread: its name, entry procedure and argument expressions. */
    public record ThreadSpec(String name, SourceSpan span, String proc, List<Expr> args) {
    }
}
