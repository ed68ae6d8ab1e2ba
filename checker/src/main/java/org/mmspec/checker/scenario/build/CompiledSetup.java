package org.mmspec.checker.scenario.build;

import org.mmspec.checker.scenario.SetupFailure;
import java.util.ArrayList;
import java.util.List;
import org.mmspec.checker.scenario.Setup;
import org.mmspec.checker.scenario.ThreadSpec;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.Outcome;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.spec.diag.SourceSpan;

/**
 * A compiled scenario set-up: runs its statements in order on a freshly booted machine (kernel
 * procedures to completion, set-up actions directly), keeping results in the set-up variables, then
 * evaluates the threads' arguments. A statement that does not succeed throws {@link StatementFailed},
 * which names the statement's place.
 */
final class CompiledSetup implements Setup {

    /** A set-up statement: the call and the variable slot its result goes to (-1: none). */
    record Stmt(BoundCall call, int target) {
    }

    /** A thread: its name and the call it runs. */
    record Thread(String name, BoundCall call) {
    }

    /** A set-up statement failed; {@code span} is where it is written. */
    static final class StatementFailed extends SetupFailure {
        private static final long serialVersionUID = 1L;
        private final transient SourceSpan span;
        private final String reason;

        StatementFailed(SourceSpan span, String reason) {
            super(span.where() + ": set-up failed: " + reason);
            this.span = span;
            this.reason = reason;
        }

        /** The statement's place already says where: the scenario's name adds nothing. */
        @Override
        public SetupFailure inScenario(String name) {
            return this;
        }

        SourceSpan span() {
            return span;
        }

        String reason() {
            return reason;
        }
    }

    private final List<Stmt> stmts;
    private final List<Thread> threads;
    private final int vars;

    CompiledSetup(List<Stmt> stmts, List<Thread> threads, int vars) {
        this.stmts = List.copyOf(stmts);
        this.threads = List.copyOf(threads);
        this.vars = vars;
    }

    @Override
    public List<ThreadSpec> prepare(Kernel k) {
        int[] values = new int[vars];
        for (Stmt s : stmts) {
            int result = run(k, s.call(), values);
            if (s.target() >= 0) {
                values[s.target()] = result;
            }
        }
        List<ThreadSpec> out = new ArrayList<>();
        for (Thread t : threads) {
            Class<? extends Procedure> p = t.call().op().procedure().orElseThrow();
            int[] a = evaluate(t.call(), values);
            out.add(new ThreadSpec(t.name(), p, a[0], a[1], a[2], a[3]));
        }
        return out;
    }

    private static int[] evaluate(BoundCall call, int[] values) {
        try {
            return call.locals(values);
        } catch (SetupFailure e) {
            throw new StatementFailed(call.span(), e.getMessage());
        }
    }

    private static int run(Kernel k, BoundCall call, int[] values) {
        Operation op = call.op();
        try {
            if (op.procedure().isEmpty()) {
                return op.action().apply(k, call.eval(values));
            }
            int[] a = call.locals(values);
            Outcome o = k.run(op.procedure().get(), a[0], a[1], a[2], a[3]);
            return switch (o) {
                case Outcome.Returned r when r.value() >= 0 -> r.value();
                case Outcome.Returned r -> throw new SetupFailure(op.name() + " returned " + r.value() + " ("
                        + SetupActions.errno(r.value()) + ")");
                case Outcome.WouldBlock w -> throw new SetupFailure(op.name() + " would block: "
                        + w.reason().describe() + " (the set-up runs one call at a time)");
                case Outcome.KernelBug b -> throw new SetupFailure(op.name() + " hit a kernel BUG: " + b.fault().message());
            };
        } catch (StatementFailed e) {
            throw e;
        } catch (SetupFailure e) {
            throw new StatementFailed(call.span(), e.getMessage());
        } catch (RuntimeException e) {
            throw new StatementFailed(call.span(), op.name() + " failed: " + e.getMessage());
        }
    }
}
