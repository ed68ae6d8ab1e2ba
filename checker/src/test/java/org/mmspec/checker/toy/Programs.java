package org.mmspec.checker.toy;

import java.util.List;
import java.util.function.IntUnaryOperator;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.BlockReason;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.StepInfo;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Threads as straight-line programs over one shared 16-bit word, each step telling whether it is local
 * ({@link StepInfo#local()}) — truthfully or not: partial-order reduction's tests use both. A state packs
 * each thread's pc (a byte per thread, at most 5 threads) and the shared word (bits 40..55). A looping
 * thread starts over after its last step; the others finish.
 */
public final class Programs implements TransitionSystem<Long> {

    /** One step: its effect on the shared word ({@code -1}: cannot move), and whether it claims to be local. */
    public record Op(IntUnaryOperator effect, boolean claimsLocal) {

        /** A truly local step: it leaves the shared word alone. */
        public static Op localStep() {
            return new Op(w -> w, true);
        }

        /** A step on the shared word. */
        public static Op sharedStep(IntUnaryOperator effect) {
            return new Op(effect, false);
        }
    }

    /** A thread: its steps, and whether it starts over after the last one. */
    public record Program(List<Op> ops, boolean loops) {

        public Program {
            ops = List.copyOf(ops);
        }
    }

    private final List<Program> threads;

    public Programs(List<Program> threads) {
        if (threads.isEmpty() || threads.size() > 5) {
            throw new IllegalArgumentException("1 to 5 threads");
        }
        this.threads = List.copyOf(threads);
    }

    /** The shared word of {@code s}. */
    public static int word(long s) {
        return (int) (s >>> 40) & 0xFFFF;
    }

    private static int pc(long s, int t) {
        return (int) (s >>> (8 * t)) & 0xFF;
    }

    @Override
    public Long initialState() {
        return 0L;
    }

    @Override
    public int threadCount() {
        return threads.size();
    }

    @Override
    public String threadName(int thread) {
        return "T" + thread;
    }

    @Override
    public Long step(Long s, int thread) {
        Program p = threads.get(thread);
        int pc = pc(s, thread);
        if (pc >= p.ops().size()) {
            return null;
        }
        int w = p.ops().get(pc).effect().applyAsInt(word(s));
        if (w < 0) {
            return null;
        }
        int next = p.loops() && pc + 1 == p.ops().size() ? 0 : pc + 1;
        long cleared = s & ~(0xFFL << (8 * thread)) & ~(0xFFFFL << 40);
        return cleared | (long) next << (8 * thread) | (long) (w & 0xFFFF) << 40;
    }

    @Override
    public List<Long> successors(Long s, int thread, StepInfo info) {
        Long next = step(s, thread);
        int pc = pc(s, thread);
        info.setLocal(next != null && threads.get(thread).ops().get(pc).claimsLocal());
        return next == null ? List.of() : List.of(next);
    }

    @Override
    public boolean reportsLocalSteps() {
        return true;
    }

    @Override
    public ThreadPhase phase(Long s, int thread) {
        int pc = pc(s, thread);
        return pc >= threads.get(thread).ops().size() ? ThreadPhase.FINISHED
                : pc == 0 ? ThreadPhase.NOT_STARTED : ThreadPhase.RUNNING;
    }

    @Override
    public BlockReason blockReason(Long s, int thread) {
        return step(s, thread) == null ? () -> "waits for the shared word" : null;
    }

    @Override
    public long fingerprint(Long s) {
        long h = s * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    @Override
    public Fault fault(Long s) {
        return null;
    }

    @Override
    public ActionLabel label(Long before, int thread, Long after) {
        return new ActionLabel(thread, threadName(thread), "op" + pc(before, thread), "w=" + word(after));
    }

    @Override
    public List<Change> diff(Long before, Long after) {
        return word(before) == word(after) ? List.of() : List.of(new Change("w", "" + word(before), "" + word(after)));
    }

    /** Itself: no scratch state. */
    @Override
    public TransitionSystem<Long> replica() {
        return this;
    }
}
