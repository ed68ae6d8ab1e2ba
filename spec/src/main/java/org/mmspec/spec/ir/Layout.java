package org.mmspec.spec.ir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mmspec.spec.resolve.Symbol;
import org.mmspec.spec.types.CheckedProgram;
import org.mmspec.spec.types.CheckedScenario;
import org.mmspec.spec.types.Frame;
import org.mmspec.spec.types.ProcInfo;
import org.mmspec.spec.types.Type;

/**
 * Where everything lives in a scenario's state (an {@code int[]}):
 *
 * <pre>
 *   [fault: kind thread code site a b c] [globals ...] [thread 0] [thread 1] ...
 *   thread = [status top] [frames of the procedures with steps it can reach, stacked by call depth]
 *   frame  = [pc caller] [parameters and locals ...]
 * </pre>
 *
 * Sizes of id domains come from the scenario's memory sizes and thread count.
 */
public final class Layout {

    public static final int FAULT_KIND = 0;
    public static final int FAULT_THREAD = 1;
    public static final int FAULT_CODE = 2;
    public static final int FAULT_SITE = 3;
    public static final int FAULT_A = 4;
    public static final int FAULT_B = 5;
    public static final int FAULT_C = 6;
    public static final int HEADER = 7;
    public static final int STATUS = 0;
    public static final int TOP = 1;
    public static final int THREAD_HEADER = 2;
    public static final int FRAME_PC = 0;
    public static final int FRAME_CALLER = 1;
    public static final int FRAME_HEADER = 2;
    /** Largest state accepted, in slots. */
    public static final int MAX_SLOTS = 1 << 16;

    private final CheckedProgram program;
    private final Map<String, Integer> sizes;
    private final List<String> threadNames;
    private final Set<Type.IdKind> missing = EnumSet.noneOf(Type.IdKind.class);
    private final Map<String, Integer> globalOffsets = new HashMap<>();
    private final Map<String, Integer> procIndex = new HashMap<>();
    private final List<String> procNames = new ArrayList<>();
    private final Map<String, int[]> localOffsets = new HashMap<>();
    private final Map<String, Integer> frameSizes = new HashMap<>();
    private final int[] threadBase;
    private final int[][] frameBase;
    private final int size;
    private final Map<Type, Integer> widths = new IdentityHashMap<>();

    public Layout(CheckedProgram program, CheckedScenario scenario) {
        this.program = program;
        this.sizes = scenario.sizes();
        this.threadNames = scenario.threads().stream().map(CheckedScenario.ThreadSpec::name).toList();
        for (String p : program.procs().keySet()) {
            procIndex.put(p, procNames.size());
            procNames.add(p);
            frame(p, program.proc(p).frame());
        }
        int at = HEADER;
        for (Symbol.Global g : program.scope().globals()) {
            globalOffsets.put(g.name(), at);
            at = addClamped(at, width(program.globalType(g.name())));
        }
        threadBase = new int[threadNames.size()];
        frameBase = new int[threadNames.size()][procNames.size()];
        for (int t = 0; t < threadNames.size(); t++) {
            threadBase[t] = at;
            at = addClamped(at, THREAD_HEADER);
            Arrays.fill(frameBase[t], -1);
            String entry = scenario.threads().get(t).proc();
            if (procIndex.containsKey(entry)) {
                at = stackFrames(t, entry, at);
            }
        }
        size = at;
    }

    /**
     * Lays out the frames of thread {@code t}'s procedures with steps from {@code base} on, like a stack:
     * each frame starts above the frames of every procedure that can call it, so frames of procedures
     * that are never on the stack together share slots. (A returning procedure's frame is zeroed.)
     * Returns the end of the thread's region.
     */
    private int stackFrames(int t, String entry, int base) {
        Set<String> framed = new LinkedHashSet<>();
        for (String p : program.calls().reachable(entry)) {
            ProcInfo info = program.proc(p);
            if (info != null && (info.hasSteps() || p.equals(entry))) {
                framed.add(p);
            }
        }
        Map<String, Integer> offset = new HashMap<>();
        offset.put(entry, base);
        int end = base;
        for (String p : callersFirst(entry, framed)) {
            int at = offset.getOrDefault(p, base);
            frameBase[t][procIndex.get(p)] = at;
            int top = addClamped(at, frameSizes.get(p));
            end = Math.max(end, top);
            for (String callee : program.calls().callees(p)) {
                if (framed.contains(callee)) {
                    offset.merge(callee, top, Math::max);
                }
            }
        }
        return end;
    }

    /**
     * {@code framed} in an order where every procedure comes after all procedures that call it: a
     * depth-first post-order from {@code entry}, reversed, with an explicit stack (call chains may be long).
     */
    private List<String> callersFirst(String entry, Set<String> framed) {
        List<String> postOrder = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<Map.Entry<String, Iterator<String>>> stack = new ArrayDeque<>();
        if (framed.contains(entry) && seen.add(entry)) {
            stack.push(Map.entry(entry, program.calls().callees(entry).iterator()));
        }
        while (!stack.isEmpty()) {
            Map.Entry<String, Iterator<String>> top = stack.peek();
            if (top.getValue().hasNext()) {
                String callee = top.getValue().next();
                if (framed.contains(callee) && seen.add(callee)) {
                    stack.push(Map.entry(callee, program.calls().callees(callee).iterator()));
                }
            } else {
                postOrder.add(stack.pop().getKey());
            }
        }
        Collections.reverse(postOrder);
        return postOrder;
    }

    /** Offsets and size of a frame for {@code owner}'s locals (procedures, invariants, init blocks). */
    public int[] frame(String owner, Frame frame) {
        int[] offs = localOffsets.get(owner);
        if (offs != null) {
            return offs;
        }
        List<Symbol.Local> locals = frame.locals();
        offs = new int[locals.size()];
        int at = FRAME_HEADER;
        for (int i = 0; i < locals.size(); i++) {
            offs[i] = at;
            at = addClamped(at, width(locals.get(i).type()));
        }
        localOffsets.put(owner, offs);
        frameSizes.put(owner, at);
        return offs;
    }

    public int frameSize(String owner) {
        return frameSizes.get(owner);
    }

    private static int addClamped(int a, int b) {
        return (int) Math.min(Integer.MAX_VALUE / 2, (long) a + b);
    }

    /** Slots taken by a value of type {@code t} (clamped above {@link #MAX_SLOTS}; remembered per type object). */
    public int width(Type t) {
        Integer known = widths.get(t);
        if (known != null) {
            return known;
        }
        int w = switch (t) {
            case Type.ListOf l -> 1 + l.capacity();
            case Type.Array a -> (int) Math.min(MAX_SLOTS * 2L, (long) count(a.index()) * width(a.elem()));
            case Type.Record r -> r.fields().stream().mapToInt(f -> width(f.type())).reduce(0, Layout::addClamped);
            case Type.Lock l -> l.kind() == Type.LockKind.RWSEM ? 3 : 1;
            default -> 1;
        };
        widths.put(t, w);
        return w;
    }

    /** Number of values of a finite type. */
    public int count(Type t) {
        return switch (t) {
            case Type.Bool b -> 2;
            case Type.Enum e -> e.members().size();
            case Type.Int i -> (int) Math.min(Integer.MAX_VALUE, i.hi() - i.lo() + 1);
            case Type.Id id -> idCount(id.kind());
            default -> 1;
        };
    }

    /** Smallest value of a finite type (ids and enums start at 0). */
    public static int lo(Type t) {
        return t instanceof Type.Int i ? (int) i.lo() : 0;
    }

    private int idCount(Type.IdKind kind) {
        if (kind == Type.IdKind.THREAD) {
            return threadNames.size();
        }
        Integer n = sizes.get(kind.sizeName());
        if (n == null) {
            missing.add(kind);
            return 1;
        }
        return n;
    }

    /** Id kinds whose size was needed but not declared. */
    public Set<Type.IdKind> missingSizes() {
        return missing.isEmpty() ? EnumSet.noneOf(Type.IdKind.class) : EnumSet.copyOf(missing);
    }

    public int size() {
        return size;
    }

    public int globalOffset(String name) {
        return globalOffsets.get(name);
    }

    public int procIndex(String name) {
        return procIndex.get(name);
    }

    public String procName(int index) {
        return procNames.get(index);
    }

    public int procCount() {
        return procNames.size();
    }

    /** Frame-relative offset of local {@code index} of procedure/owner {@code owner}. */
    public int localOffset(String owner, int index) {
        return localOffsets.get(owner)[index];
    }

    public int threadBase(int thread) {
        return threadBase[thread];
    }

    /** Base of {@code proc}'s frame in {@code thread}'s region, or -1 when the thread never runs it. */
    public int frameBase(int thread, int proc) {
        return frameBase[thread][proc];
    }

    public int threadCount() {
        return threadNames.size();
    }

    public String threadName(int thread) {
        return thread >= 0 && thread < threadNames.size() ? threadNames.get(thread) : "T" + thread;
    }

    public CheckedProgram program() {
        return program;
    }

    /** End of the thread region of {@code thread} (exclusive). */
    public int threadEnd(int thread) {
        return thread + 1 < threadBase.length ? threadBase[thread + 1] : size;
    }
}
