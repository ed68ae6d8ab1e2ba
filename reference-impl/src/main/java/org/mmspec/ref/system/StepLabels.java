package org.mmspec.ref.system;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.threads.StepTrace;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.Change;

/**
 * Names a step of the reference implementation for a trace, and attributes its changes to the code that
 * made them. A step runs through several <em>segments</em> ({@link StepTrace}: a procedure running from
 * one program point until it calls, returns, yields or blocks). The step is named after the segment
 * that hit a kernel BUG if one did, else the first segment that changed something visible (pages,
 * PTEs, locks, lists), else — a step that changed nothing visible, such as a lockless peek — the point
 * it started at; the label carries that frame's detail and the Java source line
 * ({@code org/mmspec/ref/fault/DoFault.java:120}) where that code handed control on. A change made by
 * another segment of the step names that segment's code point and source ({@link Change#at}), so that
 * a page-cache insertion after an allocation shows under {@code filemap_fault}, not under
 * {@code __alloc_pages_nodemask:rmqueue}.
 *
 * <p>Keeps the last step traced, since a trace asks for the label and then the changes of each step.
 */
final class StepLabels {

    private final Config config;
    private final StateNames names;
    private final List<String> threadNames;
    private KernelState lastBefore;
    private int lastThread = -1;
    private StepTrace.Trace lastTrace;
    private Kernel k;

    StepLabels(Config config, StateNames names, List<String> threadNames) {
        this.config = config;
        this.names = names;
        this.threadNames = threadNames;
    }

    ActionLabel label(KernelState before, int thread) {
        StepTrace.Trace trace = trace(before, thread);
        String name = threadNames.get(thread);
        if (trace.segments().isEmpty()) {
            return new ActionLabel(thread, name, "exit", "", "");
        }
        StepTrace.Segment s = trace.segments().get(chosen(trace));
        return new ActionLabel(thread, name, s.codePoint(), s.detail(), s.source());
    }

    /** The step's changes, segment by segment, each attributed unless made by the labelled segment. */
    List<Change> changes(KernelState before, int thread, KernelState after) {
        StepTrace.Trace trace = trace(before, thread);
        List<StepTrace.Segment> segs = trace.segments();
        if (segs.isEmpty()) {
            return names.diff(before, after);
        }
        int chosen = chosen(trace);
        List<Change> out = new ArrayList<>(names.diff(before, trace.start()));
        KernelState prev = trace.start();
        for (int i = 0; i < segs.size(); i++) {
            StepTrace.Segment s = segs.get(i);
            String at = s.detail().isEmpty() ? s.codePoint() : s.codePoint() + " " + s.detail();
            for (Change c : names.diff(prev, s.after())) {
                out.add(i == chosen ? c : c.madeAt(at, s.source()));
            }
            prev = s.after();
        }
        out.addAll(names.diff(prev, after));
        return out;
    }

    private StepTrace.Trace trace(KernelState before, int thread) {
        if (before != lastBefore || thread != lastThread) {
            if (k == null) {
                k = Kernel.resume(config, before);
            }
            lastTrace = k.executor().trace(before, thread);
            lastBefore = before;
            lastThread = thread;
        }
        return lastTrace;
    }

    /** The index of the segment the step is named after. */
    private int chosen(StepTrace.Trace trace) {
        List<StepTrace.Segment> segs = trace.segments();
        for (int i = 0; i < segs.size(); i++) {
            if (segs.get(i).hitBug()) {
                return i;
            }
        }
        KernelState prev = trace.start();
        for (int i = 0; i < segs.size(); i++) {
            if (!names.diff(prev, segs.get(i).after()).isEmpty()) {
                return i;
            }
            prev = segs.get(i).after();
        }
        return 0;
    }
}
