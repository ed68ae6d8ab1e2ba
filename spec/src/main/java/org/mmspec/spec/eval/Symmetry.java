package org.mmspec.spec.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmspec.spec.ir.Layout;
import org.mmspec.spec.ir.ScenarioIr;
import org.mmspec.spec.resolve.Symbol;
import org.mmspec.spec.types.CheckedProgram;
import org.mmspec.spec.types.ProcInfo;
import org.mmspec.spec.types.ThreadIdUse;

/**
 * Symmetry of interchangeable threads (Emerson and Sistla; Ip and Dill's scalarsets in Murphi): threads of
 * a scenario that run the same procedure with the same arguments form a <em>class</em>, and two states
 * that differ by a permutation of the threads within classes (their regions swapped, and every thread id
 * held anywhere in the state mapped the same way, {@link SlotMap}) are one state for the search: the
 * search stores the {@linkplain #fingerprint canonical fingerprint} of a state's orbit.
 *
 * <p><b>Why it is sound.</b> Threads of a class run the same code from frames of the same layout, and
 * the only way code can tell one thread from another is through a thread id: {@code self}, a value of type
 * {@code thread_t} (or a set or list of them), an array indexed by {@code thread_t}, a lock's holder, an
 * rwsem's reader and queued-writer masks, the faulting thread. The type system allows ids only to be
 * compared for equality, stored, used as indices, put in sets and lists and passed to {@code holds}; all of
 * these commute with a permutation that maps every such slot. What does not commute is code that names a
 * particular thread — an integer literal standing for a thread id, a {@code thread_t} local left at its
 * default (thread 0), a {@code for} loop over thread ids (it visits them in id order) — and the checker
 * notes each ({@link ThreadIdUse}); a scenario that may run such code (in a procedure its threads can call,
 * in a function, which invariants may call, or in an invariant) gets no symmetry. So for every permutation {@code p} of a class, a step of thread {@code t} from {@code s} to
 * {@code s'} matches a step of {@code p(t)} from {@code p(s)} to {@code p(s')} (up to the locals a step
 * zeroes when their scope ends, which are never read before they are written again), and invariants,
 * faults and deadlocks are the same in {@code s} and {@code p(s)} (invariants read globals through
 * {@code forall}/{@code exists}/{@code count}/{@code sum} over threads, never a particular one). The states
 * reachable up to permutation are therefore exactly the orbits of the reachable states, and a violation is
 * reachable iff a violating orbit is; the initial state itself need not be symmetric. A BFS level is the
 * distance of the orbit, the least distance of its states, so a BFS trace is no longer with symmetry.
 * One known gap: {@code forall}/{@code exists} stop at the first thread, in id order, that decides them, so
 * a run-time error (a model error) in their body for a later thread depends on the threads' order; such
 * errors may be found in another interleaving, or not at all, under symmetry.
 *
 * <p><b>The canonical form</b> of {@code s} is the least (lexicographic) image of {@code s} among the
 * permutations that sort each class's threads by a key that no permutation changes ({@link SlotMap#key}:
 * the thread's region with thread ids replaced by "itself", "a thread of class c" or the id of a thread no
 * permutation moves); threads with equal keys are tried in every order. The set of sorting permutations
 * of {@code p(s)} is that of {@code s} composed with {@code p^-1}, so the images, and their least, are the
 * same: the form depends on the orbit only. Classes larger than {@link #MAX_CLASS} are cut into pieces (a
 * smaller group: less reduction, still sound).
 */
public final class Symmetry {

    /** The most threads of one class permuted together: ties cost up to {@code MAX_CLASS!} images. */
    static final int MAX_CLASS = 6;

    private final Layout layout;
    private final String note;
    private final int[][] classes;
    private final int[] classOf;
    private final SlotMap globals;
    private final SlotMap[] frames;
    private final Assigned[] assigned;
    private final boolean candidates;
    private final boolean framesHoldThreads;

    private Symmetry(Layout layout, String note, int[][] classes, SlotMap globals, SlotMap[] frames,
            Assigned[] assigned, boolean candidates) {
        this.assigned = assigned;
        this.layout = layout;
        this.candidates = candidates;
        this.note = note;
        this.classes = classes;
        this.globals = globals;
        this.frames = frames;
        this.framesHoldThreads = frames != null && Arrays.stream(frames).anyMatch(f -> f.touched);
        this.classOf = new int[layout.threadCount()];
        Arrays.fill(classOf, -1);
        for (int c = 0; c < classes.length; c++) {
            for (int t : classes[c]) {
                classOf[t] = c;
            }
        }
    }

    /**
     * The symmetry of {@code ir}'s threads, or an inactive one saying why there is none; {@code initial} is
     * the initial state (where each thread's entry frame holds its argument values).
     */
    public static Symmetry of(ScenarioIr ir, int[] initial) {
        return of(ir, initial, true);
    }

    /**
     * As {@link #of(ScenarioIr, int[])}, but ignoring code that names particular threads when
     * {@code honourThreadIdUses} is false: a wrong symmetry, for tests that show what the refusal protects.
     */
    static Symmetry of(ScenarioIr ir, int[] initial, boolean honourThreadIdUses) {
        Layout layout = ir.layout();
        CheckedProgram program = layout.program();
        int[][] classes = classes(ir, initial);
        if (classes.length == 0) {
            return new Symmetry(layout, "symmetry: off (no two threads run the same procedure with the same"
                    + " arguments)", new int[0][], null, null, null, false);
        }
        String refusal = layout.threadCount() >= 31 ? "more than 30 threads"
                : honourThreadIdUses ? namesAThread(ir) : null;
        SlotMap globals = new SlotMap(layout, layout.threadBase(0));
        for (Symbol.Global g : program.scope().globals()) {
            globals.add(g.name(), program.globalType(g.name()), layout.globalOffset(g.name()));
        }
        refusal = refusal != null ? refusal : globals.refusal;
        SlotMap[] frames = new SlotMap[layout.procCount()];
        Assigned[] assigned = new Assigned[layout.procCount()];
        for (int p = 0; p < frames.length; p++) {
            frames[p] = new SlotMap(layout, layout.frameSize(layout.procName(p)));
            assigned[p] = frame(ir, p, frames[p]);
            refusal = refusal != null ? refusal : frames[p].refusal;
        }
        if (refusal != null) {
            return new Symmetry(layout, "symmetry: off (" + refusal + ")", new int[0][], null, null, null, true);
        }
        String names = Arrays.stream(classes).map(c -> String.join(", ", Arrays.stream(c)
                .mapToObj(layout::threadName).toList())).reduce((a, b) -> a + "; " + b).orElse("");
        return new Symmetry(layout, "symmetry: " + names + " interchangeable", classes, globals, frames,
                assigned, true);
    }

    /**
     * The first {@link ThreadIdUse} in code the scenario may run — a procedure its threads reach, a function
     * (invariants call functions only), an invariant — described; null when there is none.
     */
    private static String namesAThread(ScenarioIr ir) {
        Layout layout = ir.layout();
        CheckedProgram program = layout.program();
        java.util.Set<String> run = new java.util.HashSet<>();
        ir.threadEntries().forEach(e -> run.addAll(program.calls().reachable(layout.procName(e))));
        for (ThreadIdUse use : program.threadIdUses()) {
            if (use.inCode() && (use.proc() == null || run.contains(use.proc())
                    || program.calls().isFunction(use.proc()))) {
                return use.describe();
            }
        }
        return null;
    }

    /** Fills {@code map} with procedure {@code p}'s locals; returns where its thread-holding ones are assigned. */
    private static Assigned frame(ScenarioIr ir, int p, SlotMap map) {
        Layout layout = ir.layout();
        String name = layout.procName(p);
        ProcInfo info = layout.program().proc(name);
        List<Symbol.Local> locals = info.frame().locals();
        List<Integer> tracked = new ArrayList<>();
        long params = 0;
        for (int i = 0; i < locals.size(); i++) {
            Symbol.Local l = locals.get(i);
            int at = layout.localOffset(name, i);
            map.add(name + "." + l.name(), l.type(), at);
            if (SlotMap.holdsThreads(l.type()) && tracked.size() < 64) {
                map.own(at, layout.width(l.type()), tracked.size());
                params |= i < info.paramTypes().size() ? 1L << tracked.size() : 0;
                tracked.add(at);
            }
        }
        return new Assigned(ir.procs().get(p).code(), tracked.stream().mapToInt(Integer::intValue).toArray(), params);
    }

    /** The tracked locals of procedure {@code proc} definitely assigned at {@code pc} ({@link Assigned}). */
    long live(int proc, int pc) {
        return assigned[proc].at(pc);
    }

    /**
     * Threads grouped by entry procedure and argument values (their regions in the initial state: status,
     * entry, and the entry frame with the arguments); groups of two or more, cut at {@link #MAX_CLASS}.
     */
    private static int[][] classes(ScenarioIr ir, int[] initial) {
        Layout layout = ir.layout();
        Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
        for (int t = 0; t < layout.threadCount(); t++) {
            List<Object> sig = List.of(ir.threadEntries().get(t),
                    Arrays.stream(initial, layout.threadBase(t), layout.threadEnd(t)).boxed().toList());
            groups.computeIfAbsent(sig, k -> new ArrayList<>()).add(t);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> g : groups.values()) {
            for (int from = 0; from + 1 < g.size(); from += MAX_CLASS) {
                out.add(g.subList(from, Math.min(g.size(), from + MAX_CLASS)).stream().mapToInt(Integer::intValue)
                        .toArray());
            }
        }
        return out.toArray(new int[0][]);
    }

    /** Whether some threads are interchangeable (otherwise {@link #fingerprint} is the state's own). */
    public boolean active() {
        return classes.length > 0;
    }

    /**
     * Whether some threads run the same procedure with the same arguments: symmetry is then either
     * {@link #active} or refused for the reason {@link #note} gives.
     */
    public boolean hasCandidates() {
        return candidates;
    }

    /** One line for the CLI: which threads are interchangeable, or why symmetry is off. */
    public String note() {
        return note;
    }

    /** The classes, as thread ids (for tests and tools). */
    public List<List<Integer>> classes() {
        return Arrays.stream(classes).map(c -> Arrays.stream(c).boxed().toList()).toList();
    }

    /**
     * The fingerprint of {@code s}'s canonical form (the state's own when no thread is interchangeable), for
     * tests and tools: a search's system keeps a {@link CanonicalFingerprint} and allocates nothing per state.
     */
    public long fingerprint(SpecState s) {
        return active() ? new CanonicalFingerprint(this, CanonicalFingerprint.Flaw.NONE).of(s) : s.fingerprint();
    }

    Layout layout() {
        return layout;
    }

    int[][] classArray() {
        return classes;
    }

    int[] classOf() {
        return classOf;
    }

    SlotMap globals() {
        return globals;
    }

    SlotMap frame(int proc) {
        return frames[proc];
    }

    /**
     * Whether a permutation of {@code s}'s threads changes nothing but where their regions are: no global,
     * frame or fault record holds a thread id (then a thread's key is its region, and tied threads have equal
     * regions).
     */
    boolean regionsOnly(int[] s) {
        return !framesHoldThreads && !globals.touched && s[Layout.FAULT_KIND] == 0;
    }

    /** Whether some procedure's frame holds a thread id (else a thread's sort key is its region as is). */
    boolean framesHoldThreads() {
        return framesHoldThreads;
    }
}
