package org.mmspec.spec.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.mmspec.spec.ir.InvariantIr;
import org.mmspec.spec.ir.IrExpr;
import org.mmspec.spec.semantics.Deadline;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * A spec {@code invariant}, evaluated on a state. The witness names the quantified values that break it
 * ({@code p = 2}), found by descending through leading {@code forall}s and conjunctions. A state whose
 * slots the body reads ({@link ReadSet}) equal those of a state it held in passes without evaluating the
 * body ({@link InvariantMemo}); each instance has a memo of its own, so a {@link #replica} is a new instance.
 * A transient successor that equals its parent on those slots ({@link SpecState#unchangedFrom}) is
 * {@link #unchangedFrom} it: a search that knows the parent passed need not check it.
 */
public final class SpecInvariant implements Invariant<SpecState> {

    private final InvariantIr ir;
    private final Machine machine;
    private final ValueFormat format;
    private final InvariantExplainer explainer;
    /** The body compiled, or null when the machine interprets. */
    private final CExpr body;
    /** The global slots the body can read. */
    private final int[] reads;
    /** The projections on {@link #reads} of states the invariant held in; null when not remembered. */
    private final InvariantMemo memo;
    /** How {@link #unchangedFrom} answers: {@link Skip#SOUND} but in tests. */
    private final Skip skip;
    /** {@link #reads} as a slot mask: the words of the mask that have a bit set, and their bits. */
    private final int[] maskWords;
    private final long[] maskBits;
    /** How many times {@link #unchangedFrom} said yes (for tests), shared with a {@link #withDeadline} copy. */
    private final long[] unchanged;

    /**
     * How {@link #unchangedFrom} answers: soundly, never, or (for tests, which must catch each) broken one way.
     * Public for the checker's tests, which run it under the searches.
     */
    public enum Skip {
        SOUND,
        OFF,
        /** The lowest slot the step changed is not counted as changed. */
        DROP_FIRST_CHANGE,
        /** The successor is not asked whether it was reached from the parent named, as that parent is now. */
        ANY_PARENT
    }

    SpecInvariant(InvariantIr ir, Machine machine) {
        this(ir, machine, machine.compile(ir.body()), ReadSet.of(ir.body(), machine.layout), Skip.SOUND, new long[1]);
    }

    private SpecInvariant(InvariantIr ir, Machine machine, CExpr body, int[] reads, Skip skip, long[] unchanged) {
        this.ir = ir;
        this.machine = machine;
        this.body = body;
        this.reads = reads;
        this.memo = reads == null ? null : InvariantMemo.of(reads);
        this.skip = skip;
        this.unchanged = unchanged;
        long[] mask = new long[(machine.layout.size() + 63) >>> 6];
        for (int slot : reads == null ? new int[0] : reads) {
            mask[slot >>> 6] |= 1L << slot;
        }
        this.maskWords = IntStream.range(0, mask.length).filter(w -> mask[w] != 0).toArray();
        this.maskBits = Arrays.stream(maskWords).mapToLong(w -> mask[w]).toArray();
        this.format = new ValueFormat(machine.layout);
        this.explainer = new InvariantExplainer(machine, format);
    }

    @Override
    public String id() {
        return ir.id();
    }

    @Override
    public String statement() {
        return ir.statement();
    }

    @Override
    public SpecInvariant withDeadline(Deadline deadline) {
        Machine m = machine.withDeadline(deadline);
        return new SpecInvariant(ir, m, m.program == machine.program ? body : m.compile(ir.body()), reads, skip,
                unchanged);
    }

    /** This invariant evaluated as {@code e}. */
    public SpecInvariant withEvaluation(Evaluation e) {
        return new SpecInvariant(ir, machine.withEvaluation(e));
    }

    /**
     * This invariant remembering its passes as projections on {@code slots} instead of its {@link ReadSet}, or
     * not at all ({@code null}): for tests, which show that a memo over too few slots gives wrong verdicts.
     */
    SpecInvariant withReads(int[] slots) {
        return new SpecInvariant(ir, machine, body, slots, Skip.OFF, new long[1]);
    }

    /** For tests: this invariant answering {@link #unchangedFrom} as {@code how} says ({@link Skip}). */
    public SpecInvariant withSkip(Skip how) {
        return new SpecInvariant(ir, machine, body, reads, how, new long[1]);
    }

    /** How many times {@link #unchangedFrom} said yes on this instance and its {@link #withDeadline} copies (for tests). */
    public long unchangedCount() {
        return unchanged[0];
    }

    /** The global slots the body can read, ascending (for tests). */
    int[] reads() {
        return reads == null ? null : reads.clone();
    }

    /** A new instance with the same body and an empty memo of its own: a check writes only its memo. */
    @Override
    public SpecInvariant replica() {
        return new SpecInvariant(ir, machine, body, reads, skip, new long[1]);
    }

    /**
     * True when {@code successor} is a transient successor of {@code parent} as it is now and its step changed
     * none of the slots the body can read ({@link ReadSet}): the body's value is the same in both.
     */
    @Override
    public boolean unchangedFrom(SpecState parent, SpecState successor) {
        if (skip == Skip.OFF || reads == null || !successor.unchangedFrom(parent, maskWords, maskBits,
                skip == Skip.DROP_FIRST_CHANGE, skip == Skip.ANY_PARENT)) {
            return false;
        }
        unchanged[0]++;
        return true;
    }

    @Override
    public Witness check(SpecState s) {
        int[] r = s.raw();
        if (memo != null && memo.holds(r)) {
            return null;
        }
        // Invariants call only functions, which never write global state: the state needs no copy.
        Ctx c = machine.context(r, new int[ir.frameSize()]);
        try {
            if ((body != null ? body.eval(c) : machine.ev.eval(ir.body(), c)) != 0) {
                if (memo != null) {
                    memo.remember(r);
                }
                return null;
            }
            List<String> objects = new ArrayList<>();
            explain(ir.body(), c, objects);
            return new Witness(ir.statement(), objects);
        } catch (EvalError e) {
            return Witness.of(ir.id() + " could not be evaluated: " + Faults.message(machine.ir, e.error, e.site,
                    e.a, e.b, e.c));
        }
    }

    /**
     * Collects the bindings under which {@code e} (known to be false) fails, then what breaks it: the
     * failing comparison with both sides' values and the state variables it reads.
     */
    private void explain(IrExpr e, Ctx c, List<String> objects) {
        if (e instanceof IrExpr.Quant q && q.kind() == IrExpr.Quant.Kind.FORALL) {
            int[] arr = Evaluator.array(q.var(), c);
            int slot = machine.ev.addr(q.var(), c);
            int n = machine.ev.count(q.domain(), c);
            for (int i = 0; i < n; i++) {
                int v = machine.ev.elem(q.domain(), i, c);
                arr[slot] = v;
                if (machine.ev.eval(q.body(), c) == 0) {
                    objects.add(q.name() + " = " + format.scalar(q.varType(), v));
                    explain(q.body(), c, objects);
                    arr[slot] = 0;
                    return;
                }
            }
            arr[slot] = 0;
        } else if (e instanceof IrExpr.Quant q) {
            explainer.explain(e, c, objects);
        } else if (e instanceof IrExpr.Binary b && b.op() == IrExpr.Op.AND) {
            explain(machine.ev.eval(b.left(), c) == 0 ? b.left() : b.right(), c, objects);
        } else if (e instanceof IrExpr.Binary b && b.op() == IrExpr.Op.IMPLIES) {
            explainer.explain(b.left(), c, objects);
            explain(b.right(), c, objects);
        } else {
            explainer.explain(e, c, objects);
        }
    }
}
