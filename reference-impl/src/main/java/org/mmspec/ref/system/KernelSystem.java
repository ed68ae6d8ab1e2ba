package org.mmspec.ref.system;

import static org.mmspec.ref.state.Layout.G_OOPS_AUX;
import static org.mmspec.ref.state.Layout.G_OOPS_KIND;
import static org.mmspec.ref.state.Layout.G_OOPS_OBJ;
import static org.mmspec.ref.state.Layout.G_OOPS_TID;
import static org.mmspec.ref.state.Layout.TH_STATUS;

import java.util.List;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.state.Config;
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
    };

    /**
     * @param config the machine's configuration
     * @param initial the initial state (threads spawned, READY)
     * @param names one name per scenario thread
     */
    public KernelSystem(Config config, KernelState initial, List<String> names) {
        if (names.size() != config.nrThreads()) {
            throw new IllegalArgumentException("need " + config.nrThreads() + " thread names, got " + names.size());
        }
        this.config = config;
        this.initial = initial;
        this.names = List.copyOf(names);
        this.k = Kernel.resume(config, initial);
        this.l = k.layout();
        this.stateNames = new StateNames(config, names);
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
        int status = s.word(l.thread(thread, TH_STATUS));
        if (status != ThreadStatus.READY.ordinal() && status != ThreadStatus.RUNNING.ordinal()) {
            return null;
        }
        if (s.word(G_OOPS_KIND) != 0) {
            return null;
        }
        k.load(s);
        if (k.executor().step(thread) == Executor.Result.DISABLED) {
            return null;
        }
        return k.mem().snapshot();
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
        k.load(s);
        String where = k.executor().where(tid);
        return new Fault(oops.faultKind(), tid < config.nrThreads() ? tid : -1,
                nameOf(tid) + " hit " + oops.render(where, s.word(G_OOPS_OBJ), s.word(G_OOPS_AUX)));
    }

    @Override
    public ActionLabel label(KernelState before, int thread, KernelState after) {
        k.load(before);
        Threads t = k.threads();
        int depth = t.depth(thread);
        if (depth == 0) {
            return new ActionLabel(thread, names.get(thread), "exit", "");
        }
        Procedure p = k.executor().procedureAt(thread, depth - 1);
        int pc = t.pcAt(thread, depth - 1);
        int d = depth - 1;
        String detail = p.describe(i -> t.localAt(thread, d, i));
        return new ActionLabel(thread, names.get(thread), p.name() + ":" + p.point(pc), detail);
    }

    @Override
    public List<Change> diff(KernelState before, KernelState after) {
        return stateNames.diff(before, after);
    }
}
