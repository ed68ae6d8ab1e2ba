package org.mmspec.spec.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mmspec.spec.ir.Layout;
import org.mmspec.spec.ir.Leaf;
import org.mmspec.spec.ir.ScenarioIr;
import org.mmspec.spec.ir.Site;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.BlockReason;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Deadline;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.StateVectors;
import org.mmspec.spec.semantics.StepInfo;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * One scenario of a spec as a {@link TransitionSystem}. A thread's step runs from the label it stands at
 * to the next label; a step that makes nondeterministic choices has several {@link #successors}. A step
 * that would block ({@code await} false, lock held) is not enabled; a run-time error or failed
 * {@code assert} yields a successor that carries the fault.
 */
public final class SpecSystem implements TransitionSystem<SpecState> {

    /** A state's vector is its slots. */
    private final StateVectors<SpecState> vectors;

    private final ScenarioIr ir;
    private final Machine machine;
    private final Layout layout;
    private final SpecState initial;
    private final ValueFormat format;
    private final SpecSources sources;
    /** What a state says, for traces, coverage and blocking reasons (no stepping). */
    private final SpecReader reader;
    /** The scenario's thread symmetry (detected once), and whether fingerprints use it. */
    private final Symmetry symmetry;
    private final boolean symmetric;
    /** This instance's scratch for canonical fingerprints when {@link #symmetric}, else null. */
    private final CanonicalFingerprint canonical;
    /** This instance's reused successor buffers ({@link #transientSuccessors}). */
    private final TransientSuccessors transients;
    /** Where a step is certainly not local ({@link #nextStepNotLocal}); immutable, shared with replicas. */
    private final StepStarts starts;

    public SpecSystem(ScenarioIr ir) {
        this.ir = ir;
        this.machine = new Machine(ir);
        this.layout = ir.layout();
        this.initial = new SpecState(machine.initial());
        this.format = new ValueFormat(layout);
        this.sources = new SpecSources(ir);
        this.vectors = new SpecStateVectors(layout.size());
        this.reader = new SpecReader(ir, layout, format, sources);
        this.symmetry = Symmetry.of(ir, initial.raw());
        this.symmetric = false;
        this.canonical = null;
        this.transients = new TransientSuccessors(machine, layout.size(), TransientSuccessors.Reuse.SOUND);
        this.starts = new StepStarts(ir.procs(), machine.locality, layout);
    }

    /**
     * The specification's limits this scenario goes beyond: each {@code limit} evaluated on the initial
     * state, with what breaks it; empty when the scenario fits. Checked when the file is loaded.
     */
    public List<org.mmspec.spec.semantics.Witness> exceededLimits() {
        List<org.mmspec.spec.semantics.Witness> out = new ArrayList<>();
        for (var limit : ir.limits()) {
            var w = new SpecInvariant(limit, machine).check(initial);
            if (w != null) {
                out.add(new org.mmspec.spec.semantics.Witness(limit.id() + ": " + w.summary(), w.objects()));
            }
        }
        return out;
    }

    private SpecSystem(SpecSystem base, Machine machine) {
        this(base, machine, base.symmetric && !machine.audited());
    }

    private SpecSystem(SpecSystem base, Machine machine, boolean symmetric) {
        this(base, machine, symmetric, base.transients.reuse(), CanonicalFingerprint.flawOf(base.canonical));
    }

    private SpecSystem(SpecSystem base, Machine machine, boolean symmetric, TransientSuccessors.Reuse reuse,
            CanonicalFingerprint.Flaw flaw) {
        this.ir = base.ir;
        this.machine = machine;
        this.layout = base.layout;
        this.initial = base.initial;
        this.format = base.format;
        this.sources = base.sources;
        this.vectors = base.vectors;
        this.reader = base.reader;
        this.symmetry = base.symmetry;
        this.symmetric = symmetric;
        this.canonical = symmetric ? new CanonicalFingerprint(symmetry, flaw) : null;
        this.transients = new TransientSuccessors(machine, layout.size(), reuse);
        this.starts = machine.locality.sameRuleAs(base.machine.locality) ? base.starts
                : new StepStarts(ir.procs(), machine.locality, layout);
    }

    /**
     * For tests: this system with {@link #transientSuccessors} broken as {@code reuse} says (a reused buffer
     * stepped from what the last run left in it, an evaluation context or inline frame not reset, a write not
     * logged), which the cross-check against {@link #successors} must catch.
     */
    SpecSystem withBrokenReuse(TransientSuccessors.Reuse reuse) {
        return new SpecSystem(this, machine, symmetric, reuse, CanonicalFingerprint.flawOf(canonical));
    }

    /** For tests: this system, symmetric, with canonical fingerprints broken as {@code flaw} says (replicas too). */
    SpecSystem withBrokenCanonical(CanonicalFingerprint.Flaw flaw) {
        return new SpecSystem(this, machine, symmetry.active(), TransientSuccessors.Reuse.SOUND, flaw);
    }

    /**
     * For tests: this system (and its replicas and derived systems) with every transient successor hashed from
     * the slots its step wrote checked against the comparison of the whole state with its parent's: a step
     * whose write was not logged throws {@link IllegalStateException}.
     */
    public SpecSystem withCheckedWriteLog() {
        return withBrokenReuse(TransientSuccessors.Reuse.CHECKED_LOG);
    }

    /**
     * This system with thread symmetry reduction on ({@code true}, where the scenario has interchangeable
     * threads and the system is not audited) or off: {@link #fingerprint} is then that of the state's
     * canonical form under {@link Symmetry}, so a search stores one state per orbit; states, steps and traces
     * stay concrete.
     */
    @Override
    public SpecSystem withSymmetry(boolean on) {
        boolean want = on && symmetry.active() && !audited();
        return want == symmetric ? this : new SpecSystem(this, machine, want);
    }

    /** Whether {@link #fingerprint} identifies states up to a permutation of interchangeable threads. */
    public boolean symmetric() {
        return symmetric;
    }

    /** The scenario's thread symmetry as detected (whether or not this system uses it). */
    public Symmetry symmetry() {
        return symmetry;
    }

    /** {@link Symmetry#note}, or that it is off in this system. */
    @Override
    public String symmetryNote() {
        return symmetric || !symmetry.active() ? symmetry.note() : "symmetry: off (not requested, or audited)";
    }

    /** This system with every step's work bounded by {@code deadline} (see {@link Deadline}). */
    @Override
    public SpecSystem withDeadline(Deadline deadline) {
        return new SpecSystem(this, machine.withDeadline(deadline));
    }

    /**
     * This system with the atomicity audit on ({@code true}) or off: every step's accesses to global state
     * are classified by their variables' disciplines and checked against {@code R* N? L*}; a broken rule is a
     * model error naming both accesses (docs/language.md, "The atomicity audit").
     */
    public SpecSystem withAudit(boolean on) {
        return on == machine.audited() ? this : new SpecSystem(this, machine.withAudit(on));
    }

    /** This system evaluating its steps and invariants as {@code e} ({@link Evaluation}). */
    public SpecSystem withEvaluation(Evaluation e) {
        return e == machine.evaluation ? this : new SpecSystem(this, machine.withEvaluation(e));
    }

    /** How this system evaluates its steps and invariants. */
    public Evaluation evaluation() {
        return machine.evaluation;
    }

    /** Whether every step is audited for atomicity. */
    public boolean audited() {
        return machine.audited();
    }

    /**
     * A system with a machine of its own and the same deadline: {@link #successors} allocates its scratch per
     * call and each instance has its own {@link #transientSuccessors} buffers, so replicas share only
     * immutable data (the IR, the layout, the initial state); an audited system's replica is audited with a
     * table of its own.
     */
    @Override
    public SpecSystem replica() {
        return new SpecSystem(this, machine.withDeadline(machine.deadline));
    }

    /** The scenario's selected invariants, evaluated by this system's machine. */
    public List<Invariant<SpecState>> invariants() {
        List<Invariant<SpecState>> out = new ArrayList<>();
        ir.invariants().forEach(i -> out.add(new SpecInvariant(i, machine)));
        return List.copyOf(out);
    }

    @Override
    public SpecState initialState() {
        return initial;
    }

    @Override
    public int threadCount() {
        return layout.threadCount();
    }

    @Override
    public String threadName(int thread) {
        return layout.threadName(thread);
    }

    @Override
    public SpecState step(SpecState s, int thread) {
        List<SpecState> next = successors(s, thread);
        return next.isEmpty() ? null : next.get(0);
    }

    /**
     * Runs the step once per combination of choices; all runs share one fuel budget ({@link Ctx#FUEL}), and
     * once it is spent the run that spent it ends in a fault and no further combination is tried.
     */
    @Override
    public List<SpecState> successors(SpecState s, int thread) {
        return successors(s, thread, new Oracle());
    }

    /**
     * {@link #successors(SpecState, int)} written into buffers this instance reuses ({@link TransientSuccessors}):
     * valid, with the list, until the thread's next transient step on this instance; the same states, in the
     * same order, with the same fingerprints. A step with many distinct successors takes the allocating path.
     */
    @Override
    public List<SpecState> transientSuccessors(SpecState s, int thread) {
        List<SpecState> out = transients.of(s, thread);
        return out != null ? out : successors(s, thread);
    }

    @Override
    public boolean transientPerThread() {
        return true;
    }

    /**
     * As {@link #successors(SpecState, int)}; the step is local when every instruction each of its runs (one
     * per combination of choices) executed is {@link Locality local} — it touched only the thread's own
     * frames, no global variable, lock or list — and no run ended the thread (ending reads every lock) or
     * faulted (a fault is recorded in global slots).
     */
    @Override
    public List<SpecState> successors(SpecState s, int thread, StepInfo info) {
        Oracle oracle = new Oracle();
        List<SpecState> out = successors(s, thread, oracle);
        info.setLocal(!oracle.shared && !out.isEmpty());
        return out;
    }

    /** {@link #successors(SpecState, int, StepInfo)} written into this instance's reused buffers, as {@link #transientSuccessors}. */
    @Override
    public List<SpecState> transientSuccessors(SpecState s, int thread, StepInfo info) {
        List<SpecState> out = transients.of(s, thread);
        if (out == null) {
            return successors(s, thread, info);
        }
        info.setLocal(!transients.shared() && !out.isEmpty());
        return out;
    }

    /** The thread cannot move, or every run from where it stands is marked shared ({@link StepStarts}). */
    @Override
    public boolean nextStepNotLocal(SpecState s, int thread) {
        return !machine.enabled(s.raw(), thread) || starts.notLocal(s.raw(), thread, ir.procs());
    }

    /**
     * Steps are classified by {@link Locality}: a step that runs only local instructions is local. Not while
     * audited: an audited search explores every interleaving the audit may judge.
     */
    @Override
    public boolean reportsLocalSteps() {
        return !audited();
    }

    /** False when {@link StepStarts} finds every step of the scenario certainly not local. */
    @Override
    public boolean mayTakeLocalSteps() {
        return reportsLocalSteps() && !starts.noneLocal();
    }

    private List<SpecState> successors(SpecState s, int thread, Oracle oracle) {
        if (!machine.enabled(s.raw(), thread)) {
            return List.of();                      // finished, or the state has a fault: nothing to copy
        }
        List<SpecState> out = null;
        Set<SpecState> seen = null;
        do {
            oracle.rewind();
            int[] copy = s.raw().clone();
            if (machine.step(copy, thread, oracle, null) == Machine.Outcome.DONE) {
                SpecState n = new SpecState(copy, s);
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                if (seen == null && out.size() >= 8) {
                    seen = new HashSet<>(out); // many outcomes: deduplicate in constant time
                }
                if (seen != null ? seen.add(n) : !out.contains(n)) {
                    out.add(n);
                }
            }
        } while (!oracle.exhausted() && oracle.advance());
        return out == null ? List.of() : out;
    }

    @Override
    public ThreadPhase phase(SpecState s, int thread) {
        return switch (s.raw()[layout.threadBase(thread) + Layout.STATUS]) {
            case Machine.NOT_STARTED -> ThreadPhase.NOT_STARTED;
            case Machine.RUNNING -> ThreadPhase.RUNNING;
            default -> ThreadPhase.FINISHED;
        };
    }

    @Override
    public BlockReason blockReason(SpecState s, int thread) {
        if (phase(s, thread) == ThreadPhase.FINISHED || !successors(s, thread).isEmpty()) {
            return null;
        }
        Oracle oracle = new Oracle();
        Ctx[] ctx = new Ctx[1];
        machine.step(s.raw().clone(), thread, oracle, ctx);
        Ctx c = ctx[0];
        if (c == null || c.blockSite < 0) {
            return null;
        }
        Site site = ir.sites().get(c.blockSite);
        String where = stepName(s, thread) + " at " + site.span().where();
        if (c.blockAddr >= 0) {
            Leaf lock = reader.lockAt(c.blockAddr);
            String holders = lock == null ? "" : format.show(lock.type(), s.raw(), lock.offset());
            return new SpecBlock.OnLock(lock == null ? site.text() : lock.name(), holders, where);
        }
        return site.text().startsWith("with (") ? new SpecBlock.OnEmptyChoice(site.text(), where)
                : new SpecBlock.OnAwait(site.text(), where);
    }

    @Override
    public StateVectors<SpecState> vectors() {
        return vectors;
    }

    @Override
    public long fingerprint(SpecState s) {
        return canonical != null ? canonical.of(s) : s.fingerprint();
    }

    @Override
    public Fault fault(SpecState s) {
        int[] r = s.raw();
        if (r[Layout.FAULT_KIND] == 0) {
            return null;
        }
        RuntimeError e = RuntimeError.values()[r[Layout.FAULT_CODE]];
        String message = Faults.message(ir, e, r[Layout.FAULT_SITE], r[Layout.FAULT_A], r[Layout.FAULT_B],
                r[Layout.FAULT_C]);
        int thread = r[Layout.FAULT_THREAD];
        return new Fault(e.kind(), thread, thread >= 0 && thread < threadCount() ? threadName(thread) + ": " + message
                : message);
    }

    @Override
    public ActionLabel label(SpecState before, int thread, SpecState after) {
        String detail = "";
        Oracle oracle = new Oracle();
        do {
            oracle.rewind();
            int[] copy = before.raw().clone();
            Ctx[] ctx = new Ctx[1];
            if (machine.step(copy, thread, oracle, ctx) == Machine.Outcome.DONE
                    && new SpecState(copy).equals(after)) {
                detail = ctx[0] == null ? "" : ctx[0].choices.toString();
                break;
            }
        } while (!oracle.exhausted() && oracle.advance());
        return new ActionLabel(thread, threadName(thread), stepName(before, thread), detail, source(before, thread));
    }

    /** {@code file:line:col} of the code {@code thread} runs next in {@code s} (its label), or empty. */
    String source(SpecState s, int thread) {
        return reader.source(s, thread);
    }

    /** {@code proc:label} of the point {@code thread} stands at in {@code s}. */
    String stepName(SpecState s, int thread) {
        return reader.stepName(s, thread);
    }

    /**
     * Changed globals, and changed locals of procedures running in {@code after}; a local of a procedure
     * called during the step shows {@code (new)} as its old value.
     */
    @Override
    public List<Change> diff(SpecState before, SpecState after) {
        return reader.diff(before, after);
    }

    /** Every global and active local, as {@link #describe}. */
    @Override
    public List<String> describeState(SpecState s) {
        return reader.describe(s);
    }

    /** The values of every global and active local in {@code s}, one {@code name = value} per entry. */
    public List<String> describe(SpecState s) {
        return reader.describe(s);
    }

    /**
     * The code points on {@code thread}'s call stack in {@code s}, innermost first: {@code proc:label}
     * (or {@code proc:entry}) of each active procedure; empty when the thread has finished. For coverage.
     */
    public List<String> codePoints(SpecState s, int thread) {
        return reader.codePoints(s, thread);
    }

    /** Every labelled code point of the scenario's procedures ({@code proc:label}), for coverage. */
    public List<String> labels() {
        return reader.labels();
    }

    /** {@code proc:entry} of every procedure with steps, for coverage. */
    public List<String> entries() {
        return reader.entries();
    }

    /** The scenario's IR (for tools and tests). */
    public ScenarioIr ir() {
        return ir;
    }
}
