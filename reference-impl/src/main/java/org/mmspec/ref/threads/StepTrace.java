package org.mmspec.ref.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.sync.Ghost;
import org.mmspec.ref.sync.Oops;

/**
 * Re-runs one atomic step of one thread, as {@link Executor#step} does, and records its
 * <em>segments</em>: each run of a procedure from one program point until it continues elsewhere
 * (a call, a return, the next point), yields, blocks or hits a BUG. For every segment it keeps the
 * procedure, the point, the frame's trace detail, the machine state after it and the Java source line
 * where control left the procedure's code. A trace names a step after the segment whose code produced
 * its changes, not after the point where it started. Used to build trace labels only: it is off the
 * search's hot path (a {@link Ctx} hook costs one null check per segment otherwise).
 */
public final class StepTrace {

    /**
     * One segment of a step.
     *
     * @param procedure the procedure that ran
     * @param pc the program point it ran from
     * @param depth the frame's depth (1 = the thread's entry procedure)
     * @param detail the trace detail of the frame's locals when the segment started
     * @param source {@code package/path/Class.java:line} where control left the procedure, or empty
     * @param after the state after the segment (the state the BUG left, for a segment that hit one)
     * @param hitBug whether the segment ended in a kernel BUG
     */
    public record Segment(Procedure procedure, int pc, int depth, String detail, String source, KernelState after,
            boolean hitBug) {

        /** {@code procedure:point}. */
        public String codePoint() {
            return procedure.name() + ":" + procedure.point(pc);
        }
    }

    /**
     * The segments of a step, and the state it started from once the thread was made running.
     */
    public record Trace(KernelState start, List<Segment> segments) {
        public Trace {
            segments = List.copyOf(segments);
        }
    }

    private static final int MAX_SEGMENTS = 10_000;
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private StepTrace() {
    }

    /**
     * Re-runs {@code tid}'s step from {@code before} on the executor's machine (which is left at an
     * unspecified state); {@link Executor#trace} passes its collaborators.
     */
    static Trace trace(Mem m, Threads threads, Ghost ghost, Ctx c, ProcedureTable procedures, KernelState before,
            int tid) {
        m.load(before);
        if (threads.status(tid) == ThreadStatus.READY) {
            threads.setStatus(tid, ThreadStatus.RUNNING);
        }
        ghost.clearEvents();
        c.enter(tid);
        KernelState start = m.snapshot();
        List<Segment> out = new ArrayList<>();
        String[] source = new String[1];
        c.setFlowHook(() -> {
            if (source[0] == null) {
                source[0] = callerLocation();
            }
        });
        try {
            for (int n = 0; n < MAX_SEGMENTS && c.hasFrame(); n++) {
                if (!segment(m, threads, c, procedures, tid, source, out)) {
                    break;
                }
            }
        } finally {
            c.setFlowHook(null);
        }
        return new Trace(start, out);
    }

    /** Runs one segment; false when the step ends with it. */
    private static boolean segment(Mem m, Threads threads, Ctx c, ProcedureTable procedures, int tid, String[] source,
            List<Segment> out) {
        Procedure p = procedures.byId(c.procId());
        int pc = c.pc();
        int depth = threads.depth(tid);
        String detail = p.describe(c::localForLabel);
        source[0] = null;
        Flow f;
        try {
            f = p.run(c, pc);
        } catch (Oops o) {
            out.add(new Segment(p, pc, depth, detail, orEmpty(source[0]), m.snapshot(), true));
            return false;
        }
        out.add(new Segment(p, pc, depth, detail, orEmpty(source[0]), m.snapshot(), false));
        return f == Flow.CONTINUE;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** {@code org/mmspec/ref/fault/DoFault.java:120}: the innermost frame of a {@link Procedure}'s code. */
    private static String callerLocation() {
        Optional<StackWalker.StackFrame> frame = WALKER.walk(s -> s
                .filter(f -> Procedure.class.isAssignableFrom(f.getDeclaringClass()))
                .findFirst());
        return frame.map(f -> {
            String pkg = f.getDeclaringClass().getPackageName().replace('.', '/');
            return pkg + "/" + f.getFileName() + ":" + f.getLineNumber();
        }).orElse("");
    }
}
