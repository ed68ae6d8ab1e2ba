package org.mmspec.ref.system;

import static org.mmspec.ref.state.Layout.G_OOPS_AUX;
import static org.mmspec.ref.state.Layout.G_OOPS_KIND;
import static org.mmspec.ref.state.Layout.G_OOPS_OBJ;
import static org.mmspec.ref.state.Layout.G_OOPS_TID;
import static org.mmspec.ref.state.Layout.TH_STATUS;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.audit.AuditMode;
import org.mmspec.ref.audit.Finding;
import org.mmspec.ref.audit.Footprint;
import org.mmspec.ref.audit.Regions;
import org.mmspec.ref.audit.StepAudit;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Fingerprint;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Executor;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.BlockReason;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.StateVectors;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * The reference implementation as a {@link TransitionSystem}: states are {@link KernelState}s, a step
 * of thread {@code t} is one atomic step of the kernel procedure on top of its stack
 * ({@link Executor}). Steps work on a private copy of the state, so states stay values.
 *
 * <p>Not thread-safe: it keeps one scratch machine.
 */
public final class KernelSystem implements TransitionSystem<KernelState> {

    private final Config config;
    private final KernelState initial;
    private final List<String> names;
    private final Kernel.Extension extension;
    private final Kernel k;
    private final Layout l;
    private final StateNames stateNames;
    private final StateVectors<KernelState> vectors = new StateVectors<>() {
        @Override
        public int vectorLength() {
            return initial.size();
        }

        @Override
        public void copyVector(KernelState s, int[] out) {
            s.copyWords(out);
        }

        @Override
        public KernelState fromVector(int[] words) {
            return KernelState.ofWords(words);
        }

        @Override
        public boolean additiveFingerprint() {
            return true;
        }

        @Override
        public long wordHash(int index, int value) {
            return Fingerprint.mix(index, value);
        }

        @Override
        public KernelState fromVector(int[] words, long hashSum) {
            return KernelState.ofWords(words, hashSum);     // the fingerprint is the sum itself
        }
    };
    private final StepLabels stepLabels;
    private final PageDump pageDump;
    private final StateDump stateDump;
    private final StepAudit audit;
    private final AuditReport auditReport;
    /** Java source positions of the accesses of audit findings, by the fingerprint of the faulty state. */
    private final Map<Long, List<String>> findingSites = new HashMap<>();

    /**
     * @param config the machine's configuration
     * @param initial the initial state (threads spawned, READY)
     * @param names one name per scenario thread
     */
    public KernelSystem(Config config, KernelState initial, List<String> names) {
        this(config, initial, names, AuditMode.OFF);
    }

    /**
     * @param config the machine's configuration
     * @param initial the initial state (threads spawned, READY)
     * @param names one name per scenario thread
     * @param auditMode whether every step's accesses are recorded and checked (docs/model.md, "Atomicity")
     */
    public KernelSystem(Config config, KernelState initial, List<String> names, AuditMode auditMode) {
        this(config, initial, names, auditMode, null);
    }

    /**
     * As {@link #KernelSystem(Config, KernelState, List, AuditMode)} on a machine with a test's extra
     * procedures ({@link Kernel.Extension}; the initial state must come from a machine with the same ones).
     */
    public KernelSystem(Config config, KernelState initial, List<String> names, AuditMode auditMode,
            Kernel.Extension extension) {
        if (names.size() != config.nrThreads()) {
            throw new IllegalArgumentException("need " + config.nrThreads() + " thread names, got " + names.size());
        }
        this.config = config;
        this.initial = initial;
        this.names = List.copyOf(names);
        this.extension = extension;
        this.k = Kernel.resume(config, initial, extension);
        this.l = k.layout();
        this.stateNames = new StateNames(config, names);
        this.stepLabels = new StepLabels(config, stateNames, this.names);
        this.pageDump = new PageDump(config, this.names);
        this.stateDump = new StateDump(config, stateNames, this.names);
        this.auditReport = new AuditReport(stateNames, new Regions(l), k.procedures());
        if (auditMode == AuditMode.OFF) {
            this.audit = null;
        } else {
            this.audit = new StepAudit(l, k.mem(), auditMode);
            k.mem().attach(audit);
            k.executor().observe(audit);
        }
    }

    /**
     * A system with a scratch machine of its own on the same configuration and initial state, for another
     * worker of a parallel search; {@code null} with auditing on (the audit's counts and findings belong to
     * one system, so an audited search runs on one worker).
     */
    @Override
    public KernelSystem replica() {
        return audit != null ? null : new KernelSystem(config, initial, names, AuditMode.OFF, extension);
    }

    /** The audit watching this system's steps, if auditing is on. */
    public Optional<StepAudit> audit() {
        return Optional.ofNullable(audit);
    }

    /**
     * The state {@code thread}'s next step from {@code s} reads and writes, recorded by running the step
     * (with auditing on; empty when it is off or the thread cannot move). For independence checks.
     */
    public Optional<Footprint> footprint(KernelState s, int thread) {
        if (audit == null || step(s, thread) == null) {
            return Optional.empty();
        }
        return Optional.of(audit.footprint());
    }

    public Config config() {
        return config;
    }

    @Override
    public KernelState initialState() {
        return initial;
    }

    @Override
    public int threadCount() {
        return config.nrThreads();
    }

    @Override
    public String threadName(int thread) {
        return names.get(thread);
    }

    @Override
    public KernelState step(KernelState s, int thread) {
        return run(s, thread) ? snapshot(s, thread) : null;
    }

    /** {@link #step} without copying the successor's words when auditing is off (see the interface). */
    @Override
    public KernelState stepTransient(KernelState s, int thread) {
        if (!run(s, thread)) {
            return null;
        }
        return audit == null ? k.mem().transientView() : snapshot(s, thread);
    }

    /** Runs {@code thread}'s next step from {@code s} in the machine; false when it cannot move. */
    private boolean run(KernelState s, int thread) {
        int status = s.word(l.thread(thread, TH_STATUS));
        if (status != ThreadStatus.READY.ordinal() && status != ThreadStatus.RUNNING.ordinal()) {
            return false;
        }
        if (s.word(G_OOPS_KIND) != 0) {
            return false;
        }
        k.load(s);
        return k.executor().step(thread) != Executor.Result.DISABLED;
    }

    /** The successor the machine holds, copied; an atomicity finding remembers where the step made it. */
    private KernelState snapshot(KernelState s, int thread) {
        KernelState next = k.mem().snapshot();
        if (audit != null && audit.finding() != null && next.word(G_OOPS_KIND) == OopsKind.ATOMICITY.ordinal() + 1
                && !findingSites.containsKey(next.fingerprint())) {
            findingSites.put(next.fingerprint(), sitesOf(s, thread));
        }
        return next;
    }

    /** Runs the step again, recording where in the Java source each access is made. */
    private List<String> sitesOf(KernelState s, int thread) {
        k.load(s);
        audit.captureSites(true);
        try {
            k.executor().step(thread);
            return audit.findingSites();
        } finally {
            audit.captureSites(false);
        }
    }

    @Override
    public ThreadPhase phase(KernelState s, int thread) {
        return switch (ThreadStatus.of(s.word(l.thread(thread, TH_STATUS)))) {
            case READY -> ThreadPhase.NOT_STARTED;
            case RUNNING, SLEEPING -> ThreadPhase.RUNNING;
            case IDLE -> ThreadPhase.IDLE;
            case EMPTY, FINISHED, DEAD -> ThreadPhase.FINISHED;
        };
    }

    @Override
    public BlockReason blockReason(KernelState s, int thread) {
        ThreadStatus status = ThreadStatus.of(s.word(l.thread(thread, TH_STATUS)));
        if (status == ThreadStatus.FINISHED || status == ThreadStatus.DEAD || status == ThreadStatus.EMPTY) {
            return null;
        }
        k.load(s);
        if ((status == ThreadStatus.RUNNING || status == ThreadStatus.READY)
                && k.executor().step(thread) != Executor.Result.DISABLED) {
            return null;
        }
        return k.blockReasons().describe(thread, this::nameOf);
    }

    /** The name of a thread slot (the sequential slot is "seq"). */
    private String nameOf(int tid) {
        return tid >= 0 && tid < names.size() ? names.get(tid) : "seq";
    }

    /** A state's vector is its words ({@link org.mmspec.ref.state.Layout}). */
    @Override
    public StateVectors<KernelState> vectors() {
        return vectors;
    }

    @Override
    public long fingerprint(KernelState s) {
        return s.fingerprint();
    }

    @Override
    public Fault fault(KernelState s) {
        int kind = s.word(G_OOPS_KIND);
        if (kind == 0) {
            return null;
        }
        OopsKind oops = OopsKind.of(kind - 1);
        int tid = s.word(G_OOPS_TID) - 1;
        Finding finding = oops == OopsKind.ATOMICITY ? Finding.read(s) : null;
        if (finding != null) {
            List<String> sites = findingSites.getOrDefault(s.fingerprint(), List.of());
            return new Fault(oops.faultKind(), tid < config.nrThreads() ? tid : -1,
                    auditReport.render(finding, nameOf(tid)) + (sites.isEmpty() ? "" : "\n  java: " + String.join("; ", sites)));
        }
        k.load(s);
        String where = k.executor().where(tid);
        String message = oops.render(where, s.word(G_OOPS_OBJ), s.word(G_OOPS_AUX));
        return new Fault(oops.faultKind(), tid < config.nrThreads() ? tid : -1, nameOf(tid) + " hit " + message,
                pageDump.dump(s, oops, s.word(G_OOPS_OBJ), message));
    }

    /** Named after the code point whose code produced the step's changes ({@link StepLabels}). */
    @Override
    public ActionLabel label(KernelState before, int thread, KernelState after) {
        return stepLabels.label(before, thread);
    }

    @Override
    public List<Change> diff(KernelState before, KernelState after) {
        return stateNames.diff(before, after);
    }

    /** Thread stacks, then every named word that holds something ({@link StateDump}). */
    @Override
    public List<String> describeState(KernelState s) {
        return stateDump.dump(s);
    }

    /** Each change attributed to the code point that made it ({@link StepLabels}). */
    @Override
    public List<Change> changes(KernelState before, int thread, KernelState after) {
        return stepLabels.changes(before, thread, after);
    }
}
