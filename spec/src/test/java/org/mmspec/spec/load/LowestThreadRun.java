package org.mmspec.spec.load;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.semantics.BlockReason;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;
import org.mmspec.spec.semantics.Witness;

/**
 * A fixed, deterministic schedule for tests: always step the lowest-numbered thread that can move,
 * taking its first successor, checking the scenario's invariants on every state. This is one run, not
 * a search: it says what the interpreter does along one schedule, and nothing about other schedules.
 */
final class LowestThreadRun {

    /** How the run ended. */
    enum End {
        FINISHED, FAULT, VIOLATION, STUCK, STEP_LIMIT
    }

    record Result(End end, Fault fault, String invariant, int steps, List<String> lines) {
    }

    private LowestThreadRun() {
    }

    static Result run(SpecScenario scenario, int maxSteps) {
        TransitionSystem<SpecState> ts = scenario.system();
        List<String> lines = new ArrayList<>();
        SpecState s = ts.initialState();
        Result early = check(ts, scenario, s, 0, lines);
        if (early != null) {
            return early;
        }
        for (int step = 1; step <= maxSteps; step++) {
            int thread = -1;
            SpecState next = null;
            for (int t = 0; t < ts.threadCount() && next == null; t++) {
                List<SpecState> succ = ts.successors(s, t);
                if (!succ.isEmpty()) {
                    thread = t;
                    next = succ.get(0);
                }
            }
            if (next == null) {
                return stuck(ts, s, step - 1, lines);
            }
            lines.add("#" + step + " " + ts.label(s, thread, next));
            for (Change c : ts.diff(s, next)) {
                lines.add("    " + c);
            }
            s = next;
            Result r = check(ts, scenario, s, step, lines);
            if (r != null) {
                return r;
            }
        }
        lines.add("stopped after " + maxSteps + " steps");
        return new Result(End.STEP_LIMIT, null, null, maxSteps, lines);
    }

    private static Result check(TransitionSystem<SpecState> ts, SpecScenario scenario, SpecState s, int step,
            List<String> lines) {
        Fault f = ts.fault(s);
        if (f != null) {
            String who = f.thread() < 0 ? "initialisation" : ts.threadName(f.thread());
            lines.add("fault " + f.kind() + " in " + who + ": " + f.message());
            return new Result(End.FAULT, f, null, step, lines);
        }
        for (Invariant<SpecState> inv : scenario.invariants()) {
            Witness w = inv.check(s);
            if (w != null) {
                lines.add("invariant " + inv.id() + " violated: " + w);
                return new Result(End.VIOLATION, null, inv.id(), step, lines);
            }
        }
        return null;
    }

    private static Result stuck(TransitionSystem<SpecState> ts, SpecState s, int steps, List<String> lines) {
        boolean allFinished = true;
        for (int t = 0; t < ts.threadCount(); t++) {
            allFinished &= ts.phase(s, t) == ThreadPhase.FINISHED;
        }
        if (allFinished) {
            lines.add("all threads finished after " + steps + " steps");
            return new Result(End.FINISHED, null, null, steps, lines);
        }
        lines.add("no thread can move after " + steps + " steps:");
        for (int t = 0; t < ts.threadCount(); t++) {
            BlockReason b = ts.blockReason(s, t);
            lines.add("    " + ts.threadName(t) + ": " + (b == null ? ts.phase(s, t).name().toLowerCase() : b.describe()));
        }
        return new Result(End.STUCK, null, null, steps, lines);
    }
}
