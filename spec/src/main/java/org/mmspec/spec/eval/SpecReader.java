package org.mmspec.spec.eval;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.spec.ir.Instr;
import org.mmspec.spec.ir.Layout;
import org.mmspec.spec.ir.Leaf;
import org.mmspec.spec.ir.ScenarioIr;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.types.Type;

/**
 * What a state of one scenario says, read without stepping it: where each thread stands (its source
 * position, its step's name, its code points for coverage), the values of the globals and of the active
 * procedures' locals, and what changed between two states. Immutable; shared by a {@link SpecSystem} and its
 * replicas.
 */
final class SpecReader {

    private final ScenarioIr ir;
    private final Layout layout;
    private final ValueFormat format;
    private final SpecSources sources;

    SpecReader(ScenarioIr ir, Layout layout, ValueFormat format, SpecSources sources) {
        this.ir = ir;
        this.layout = layout;
        this.format = format;
        this.sources = sources;
    }

    /** {@code file:line:col} of the code {@code thread} runs next in {@code s} (its label), or empty. */
    String source(SpecState s, int thread) {
        int[] r = s.raw();
        int hdr = layout.threadBase(thread);
        if (r[hdr + Layout.STATUS] == Machine.FINISHED) {
            return "";
        }
        int top = r[hdr + Layout.TOP];
        return sources.at(top, r[layout.frameBase(thread, top) + Layout.FRAME_PC]);
    }

    /** {@code proc:label} of the point {@code thread} stands at in {@code s}. */
    String stepName(SpecState s, int thread) {
        int[] r = s.raw();
        int hdr = layout.threadBase(thread);
        if (r[hdr + Layout.STATUS] == Machine.FINISHED) {
            return "finished";
        }
        int top = r[hdr + Layout.TOP];
        int pc = r[layout.frameBase(thread, top) + Layout.FRAME_PC];
        String proc = layout.procName(top);
        Instr at = ir.procs().get(top).code().get(pc);
        if (at instanceof Instr.LockOp op && pc > 0) {
            return proc + ":" + ir.sites().get(op.site()).text();    // queued on an rwsem, trying again
        }
        return at instanceof Instr.Label l ? proc + ":" + l.name() : proc + ":entry";
    }

    /**
     * Changed globals, and changed locals of procedures running in {@code after}; a local of a procedure
     * called during the step shows {@code (new)} as its old value.
     */
    List<Change> diff(SpecState before, SpecState after) {
        int[] a = before.raw();
        int[] b = after.raw();
        List<Change> out = new ArrayList<>();
        for (Leaf l : ir.leaves()) {
            if (java.util.Arrays.equals(a, l.offset(), l.offset() + l.width(), b, l.offset(), l.offset() + l.width())) {
                continue;
            }
            if (l.thread() >= 0 && !active(b, l.thread(), l.proc())) {
                continue;
            }
            String was = l.thread() >= 0 && !active(a, l.thread(), l.proc()) ? "(new)" : format.show(l.type(), a, l.offset());
            out.add(new Change(l.name(), was, format.show(l.type(), b, l.offset())));
        }
        return out;
    }

    /** Is {@code proc} on {@code thread}'s call stack in {@code s}? */
    private boolean active(int[] s, int thread, int proc) {
        int hdr = layout.threadBase(thread);
        if (s[hdr + Layout.STATUS] != Machine.RUNNING && s[hdr + Layout.STATUS] != Machine.NOT_STARTED) {
            return false;
        }
        int p = s[hdr + Layout.TOP];
        for (int guard = 0; p >= 0 && guard <= layout.procCount(); guard++) {
            if (p == proc) {
                return true;
            }
            p = s[layout.frameBase(thread, p) + Layout.FRAME_CALLER];
        }
        return false;
    }

    /** The lock leaf at slot {@code offset}, or null. */
    Leaf lockAt(int offset) {
        for (Leaf l : ir.leaves()) {
            if (l.offset() == offset && l.type() instanceof Type.Lock) {
                return l;
            }
        }
        return null;
    }

    /** The values of every global and active local in {@code s}, one {@code name = value} per entry. */
    List<String> describe(SpecState s) {
        List<String> out = new ArrayList<>();
        int[] r = s.raw();
        for (Leaf l : ir.leaves()) {
            if (l.thread() < 0 || active(r, l.thread(), l.proc())) {
                out.add(l.name() + " = " + format.show(l.type(), r, l.offset()));
            }
        }
        return out;
    }

    /**
     * The code points on {@code thread}'s call stack in {@code s}, innermost first: {@code proc:label}
     * (or {@code proc:entry}) of each active procedure; empty when the thread has finished. For coverage.
     */
    List<String> codePoints(SpecState s, int thread) {
        int[] r = s.raw();
        int hdr = layout.threadBase(thread);
        List<String> out = new ArrayList<>();
        if (r[hdr + Layout.STATUS] == Machine.FINISHED) {
            return out;
        }
        int p = r[hdr + Layout.TOP];
        for (int guard = 0; p >= 0 && guard <= layout.procCount(); guard++) {
            int pc = r[layout.frameBase(thread, p) + Layout.FRAME_PC];
            Instr at = pc < ir.procs().get(p).code().size() ? ir.procs().get(p).code().get(pc) : null;
            out.add(layout.procName(p) + ":" + (at instanceof Instr.Label l ? l.name() : "entry"));
            p = r[layout.frameBase(thread, p) + Layout.FRAME_CALLER];
        }
        return out;
    }

    /** Every labelled code point of the scenario's procedures ({@code proc:label}), for coverage. */
    List<String> labels() {
        List<String> out = new ArrayList<>();
        for (int p = 0; p < ir.procs().size(); p++) {
            for (Instr i : ir.procs().get(p).code()) {
                if (i instanceof Instr.Label l) {
                    out.add(ir.procs().get(p).name() + ":" + l.name());
                }
            }
        }
        return out;
    }

    /** {@code proc:entry} of every procedure with steps, for coverage. */
    List<String> entries() {
        List<String> out = new ArrayList<>();
        for (var p : ir.procs()) {
            if (p.hasSteps()) {
                out.add(p.name() + ":entry");
            }
        }
        return out;
    }
}
