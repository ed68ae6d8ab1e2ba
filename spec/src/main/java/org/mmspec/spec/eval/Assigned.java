package org.mmspec.spec.eval;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import org.mmspec.spec.ir.Instr;
import org.mmspec.spec.ir.Place;

/**
 * Which of a procedure's thread-holding locals are <em>definitely assigned</em> at each pc (a forward
 * must-analysis over the procedure's code), for {@link Symmetry}: a local not definitely assigned at the
 * pc its frame stands at holds only what the frame's zeroing, a finished binder's reset or an earlier
 * scope left there, and is written before it is read again (a local read before any write is refused as a
 * {@link org.mmspec.spec.types.ThreadIdUse}); so the canonical form clears it, and states that differ only
 * there are one state, as they are for the program. Locals are tracked by bit (the first 64 that hold
 * thread ids); a procedure with more has every local treated as assigned (no clearing: fewer merges,
 * still sound).
 */
final class Assigned {

    /** Per pc: the bit mask of tracked locals definitely assigned before the instruction at that pc. */
    private final long[] in;

    /**
     * @param code the procedure's instructions
     * @param offsets per tracked local (bit {@code i}), its frame offset; parameters' bits are set at entry
     * @param params mask of the parameters' bits
     */
    Assigned(List<Instr> code, int[] offsets, long params) {
        this.in = new long[code.size() + 1];
        if (offsets.length > 64) {
            Arrays.fill(in, -1L);
            return;
        }
        long all = offsets.length == 64 ? -1L : (1L << offsets.length) - 1;
        Arrays.fill(in, all);                      // must-analysis: start from "everything", meet with AND
        boolean[] reached = new boolean[in.length];
        ArrayDeque<Integer> work = new ArrayDeque<>();
        in[0] = params;
        reached[0] = true;
        work.add(0);
        while (!work.isEmpty()) {
            int pc = work.poll();
            if (pc >= code.size()) {
                continue;
            }
            Instr at = code.get(pc);
            long out = transfer(at, in[pc], offsets);
            for (int next : successors(at, pc)) {
                long meet = reached[next] ? in[next] & out : out;
                if (!reached[next] || meet != in[next]) {
                    reached[next] = true;
                    in[next] = meet;
                    work.add(next);
                }
            }
        }
    }

    /** The tracked locals definitely assigned at {@code pc}. */
    long at(int pc) {
        return pc >= 0 && pc < in.length ? in[pc] : -1L;
    }

    private static int[] successors(Instr at, int pc) {
        return switch (at) {
            case Instr.Jump j -> new int[] {j.target()};
            case Instr.JumpIfNot j -> new int[] {pc + 1, j.target()};
            case Instr.JumpIfDone j -> new int[] {pc + 1, j.target()};
            case Instr.Choose c -> c.targets().clone();
            case Instr.Return r -> new int[0];
            case Instr.MissingReturn m -> new int[0];
            default -> new int[] {pc + 1};
        };
    }

    private static long transfer(Instr at, long in, int[] offsets) {
        return switch (at) {
            case Instr.Store s -> in | whole(s.place(), offsets);
            case Instr.Copy c -> in | whole(c.to(), offsets);
            case Instr.Fill f -> in | whole(f.place(), offsets);
            case Instr.Zero z -> in & ~whole(z.place(), offsets);
            case Instr.Pick p -> in | whole(p.var(), offsets);
            case Instr.ElemAt e -> in | whole(e.var(), offsets);
            case Instr.Atomic a -> in | (a.dst() == null ? 0 : whole(a.dst(), offsets));
            case Instr.TryLock t -> in | whole(t.dst(), offsets);
            case Instr.Call c -> in | (c.dst() == null ? 0 : whole(c.dst(), offsets));
            case Instr.RunInline r -> in | (r.dst() == null ? 0 : whole(r.dst(), offsets));
            default -> in;
        };
    }

    /** The bit of the tracked local {@code p} names as a whole (a direct local place), else 0. */
    private static long whole(Place p, int[] offsets) {
        if (p instanceof Place.Local l) {
            for (int i = 0; i < offsets.length; i++) {
                if (offsets[i] == l.offset()) {
                    return 1L << i;
                }
            }
        }
        return 0;
    }
}
