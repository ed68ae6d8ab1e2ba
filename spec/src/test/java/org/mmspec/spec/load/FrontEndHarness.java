package org.mmspec.spec.load;

import java.util.List;
import org.mmspec.spec.diag.Diagnostic;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.DiagnosticRenderer;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Feeds one input to the whole front-end and, when it loads, drives every scenario a few steps through
 * every method of the transition system. Returns normally when the input ended in a program or in
 * diagnostics; throws (AssertionError, or whatever escaped) otherwise.
 */
public final class FrontEndHarness {

    private static final int STEPS = 12;

    private FrontEndHarness() {
    }

    /** Returns true when the input loaded (and was driven), false when it was rejected. */
    public static boolean exercise(byte[] input) {
        LoadResult r = SpecLoader.loadBytes("input.mmspec", input);
        switch (r) {
            case LoadResult.Rejected rej -> {
                List<Diagnostic> ds = rej.diagnostics();
                if (ds.isEmpty()) {
                    throw new AssertionError("rejected without a diagnostic");
                }
                for (Diagnostic d : ds) {
                    if (d.code() == DiagnosticCode.INTERNAL_ERROR) {
                        throw new AssertionError("internal error: " + d.message());
                    }
                }
                DiagnosticRenderer.renderAll(ds);
                return false;
            }
            case LoadResult.Loaded l -> {
                l.program().scenarios().forEach(FrontEndHarness::drive);
                return true;
            }
        }
    }

    private static void drive(SpecScenario sc) {
        TransitionSystem<SpecState> ts = sc.system();
        SpecState s = ts.initialState();
        for (int step = 0; step < STEPS; step++) {
            ts.fault(s);
            for (Invariant<SpecState> inv : sc.invariants()) {
                inv.check(s);
            }
            SpecState next = null;
            int by = -1;
            for (int t = 0; t < ts.threadCount(); t++) {
                ts.phase(s, t);
                ts.blockReason(s, t);
                List<SpecState> succ = ts.successors(s, t);
                if (next == null && !succ.isEmpty()) {
                    next = succ.get(succ.size() - 1);
                    by = t;
                }
            }
            if (next == null) {
                return;
            }
            ts.label(s, by, next);
            ts.diff(s, next);
            ts.fingerprint(next);
            s = next;
        }
    }
}
