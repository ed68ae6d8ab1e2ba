package org.mmspec.spec.eval;

import org.mmspec.spec.ir.Leaf;
import org.mmspec.spec.ir.ScenarioIr;
import org.mmspec.spec.ir.Site;

/** Turns the fault recorded in a state (error, site, numbers) into a one-line message. */
final class Faults {

    private Faults() {
    }

    static String message(ScenarioIr ir, RuntimeError error, int site, int a, int b, int c) {
        if (error.audit()) {
            return AuditReport.message(ir, error, site, a, b, c);
        }
        if (error == RuntimeError.FINISHED_HOLDING) {
            String lock = "a lock";
            for (Leaf l : ir.leaves()) {
                if (l.offset() == a) {
                    lock = l.name();
                }
            }
            return error.format(lock, 0, 0, 0);
        }
        if (error == RuntimeError.STEP_TOO_LONG) {
            return error.format("a step", a, b, c) + " (a loop without a label?)";
        }
        if (error == RuntimeError.FUEL_EXHAUSTED) {
            return error.format("the evaluation", a, b, c) + ": a quantifier or `with` over a huge range, an"
                    + " expression evaluated in a long loop, or `either` inside a loop?";
        }
        if (error == RuntimeError.NESTING_TOO_DEEP) {
            return error.format("the evaluation", a, b, c) + " (a chain of calls too long?)";
        }
        if (site < 0 || site >= ir.sites().size()) {
            return error.format("argument", a, b, c);
        }
        Site s = ir.sites().get(site);
        return error.format(s.text(), a, b, c) + " at " + s.span().where();
    }
}
