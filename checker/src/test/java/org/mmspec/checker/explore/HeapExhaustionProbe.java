package org.mmspec.checker.explore;

import java.util.List;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.toy.CounterGrid;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.BlockReason;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Not a test: the child process of {@link OutOfHeapTest}. Searches, without any budget, a system whose
 * states are large objects with no vector form (so the whole frontier lives on the heap) and prints the
 * result's class and reason. Run with a small {@code -Xmx}.
 */
public final class HeapExhaustionProbe {

    private HeapExhaustionProbe() {}

    public static void main(String[] args) {
        CounterGrid grid = new CounterGrid(4, 255);
        TransitionSystem<long[]> fat = new TransitionSystem<>() {
            @Override public long[] initialState() { return new long[512]; }
            @Override public int threadCount() { return grid.threadCount(); }
            @Override public String threadName(int t) { return grid.threadName(t); }
            @Override public long[] step(long[] s, int t) {
                Long next = grid.step(s[0], t);
                if (next == null) {
                    return null;
                }
                long[] out = s.clone();
                out[0] = next;
                return out;
            }
            @Override public ThreadPhase phase(long[] s, int t) { return grid.phase(s[0], t); }
            @Override public BlockReason blockReason(long[] s, int t) { return null; }
            @Override public long fingerprint(long[] s) { return grid.fingerprint(s[0]); }
            @Override public Fault fault(long[] s) { return null; }
            @Override public ActionLabel label(long[] b, int t, long[] a) { return grid.label(b[0], t, a[0]); }
            @Override public List<Change> diff(long[] b, long[] a) { return grid.diff(b[0], a[0]); }
        };
        CheckResult result = Explorer.check(new CheckRequest<>(fat, List.of(),
                SearchOptions.defaults().withBudget(Budget.unlimited())));
        String reason = result instanceof CheckResult.Incomplete i ? i.reason().name() : "-";
        System.out.println(result.getClass().getSimpleName() + " " + reason + " " + result.statistics().distinctStates());
    }
}
