package org.mmspec.spec.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mmspec.spec.ir.Layout;
import org.mmspec.spec.ir.Region;
import org.mmspec.spec.ir.ScenarioIr;
import org.mmspec.spec.types.Discipline;
import org.mmspec.spec.types.Type;

/**
 * The atomicity audit's view of a scenario's state: which global every slot belongs to, and the mover
 * of an access from that global's discipline (docs/language.md, "Disciplines"). Built once per
 * audited system; immutable. Annotation expressions (guards, privacy conditions, bit-lock holders) are
 * evaluated in the accessing thread's context, on the state as it is at the access, and are not audited.
 */
final class AuditTable {

    /** The outcome of classifying an access: a mover, or a breach of the discipline. */
    record Verdict(Mover mover, boolean breach) {
        static final Verdict B = new Verdict(Mover.B, false);
        static final Verdict R = new Verdict(Mover.R, false);
        static final Verdict L = new Verdict(Mover.L, false);
        static final Verdict N = new Verdict(Mover.N, false);
        static final Verdict BREACH = new Verdict(Mover.N, true);

        int rank() {
            return breach ? 4 : switch (mover) {
                case B -> 0;
                case L -> 1;
                case R -> 2;
                case N -> 3;
            };
        }
    }

    private final Evaluator ev;
    private final ScenarioIr ir;
    private final int[] regionOf;
    private final int[] withinStepSlots;
    private final boolean[] withinStepRwsem;

    AuditTable(Machine m) {
        this.ev = m.ev;
        this.ir = m.ir;
        Layout layout = ir.layout();
        int end = layout.threadCount() > 0 ? layout.threadBase(0) : layout.size();
        regionOf = new int[end];
        Arrays.fill(regionOf, -1);
        List<Integer> within = new ArrayList<>();
        List<Boolean> rw = new ArrayList<>();
        for (int i = 0; i < ir.regions().size(); i++) {
            Region r = ir.regions().get(i);
            Arrays.fill(regionOf, r.offset(), Math.min(end, r.offset() + r.width()), i);
            if (r.isLock() && r.withinStep()) {
                int w = r.rwsem() ? 3 : 1;
                for (int a = r.offset(); a < r.offset() + r.width(); a += w) {
                    within.add(a);
                    rw.add(r.rwsem());
                }
            }
        }
        withinStepSlots = within.stream().mapToInt(Integer::intValue).toArray();
        withinStepRwsem = new boolean[rw.size()];
        for (int i = 0; i < rw.size(); i++) {
            withinStepRwsem[i] = rw.get(i);
        }
    }

    /** The region of global slot {@code slot}, or null. */
    Region region(int slot) {
        int i = slot >= 0 && slot < regionOf.length ? regionOf[slot] : -1;
        return i < 0 ? null : ir.regions().get(i);
    }

    /** Whether every member {@code mask} of {@code slot} is ghost state. */
    boolean ghost(int slot, int mask) {
        Region r = region(slot);
        if (r == null) {
            return false;
        }
        if (r.groups().isEmpty()) {
            return r.whole().kind() == Discipline.GHOST;
        }
        int rest = mask;
        for (Region.Group g : r.groups()) {
            if ((g.mask() & mask) != 0 && g.scope().kind() != Discipline.GHOST) {
                return false;
            }
            rest &= ~g.mask();
        }
        return rest == 0 || r.whole().kind() == Discipline.GHOST;
    }

    /** Whether the lock at {@code slot} is held only within steps (acquiring it never blocks). */
    boolean withinStep(int slot) {
        Region r = region(slot);
        return r != null && r.withinStep();
    }

    /** The first within_step lock {@code thread} holds in {@code s}, or -1. */
    int heldWithinStepLock(int[] s, int thread) {
        for (int i = 0; i < withinStepSlots.length; i++) {
            if (Locks.holds(s, withinStepSlots[i], withinStepRwsem[i], thread)) {
                return withinStepSlots[i];
            }
        }
        return -1;
    }

    /** The mover of an access by {@code c.thread} to {@code slot} (the members in {@code mask} of a set), or null if exempt. */
    Verdict classify(Ctx c, int slot, int mask, AccessKind kind) {
        Region r = region(slot);
        if (r == null) {
            return Verdict.N;
        }
        int[] frame = frame(r, slot);
        if (r.isLock()) {
            return lockAccess(kind);
        }
        if (r.privateWhen() != null && ev.eval(r.privateWhen(), scratch(c, r, frame)) != 0) {
            return Verdict.B;
        }
        if (r.groups().isEmpty() || !(r.element() instanceof Type.SetOf)) {
            return scope(r.whole(), r, frame, c, kind);
        }
        int rest = mask;
        Verdict worst = null;
        for (Region.Group g : r.groups()) {
            if ((g.mask() & mask) != 0) {
                worst = worse(worst, scope(g.scope(), r, frame, c, kind));
            }
            rest &= ~g.mask();
        }
        if (rest != 0 || worst == null) {
            worst = worse(worst, scope(r.whole(), r, frame, c, kind));
        }
        return worst;
    }

    private static Verdict worse(Verdict a, Verdict b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.rank() > a.rank() ? b : a;
    }

    private static Verdict lockAccess(AccessKind kind) {
        return switch (kind) {
            case LOCK -> Verdict.R;
            case UNLOCK -> Verdict.L;
            case READ, TRYLOCK_FAILED -> Verdict.N;
            default -> Verdict.BREACH;
        };
    }

    private Verdict scope(Region.Scope s, Region r, int[] frame, Ctx c, AccessKind kind) {
        boolean read = kind == AccessKind.READ;
        return switch (s.kind()) {
            case GHOST -> null;
            case UNDECLARED, RACY -> Verdict.N;
            case LOCK_PROTECTED -> guarded(s, r, frame, c, !read) ? Verdict.B
                    : read && s.racyReads() || atomicUpdate(kind) && s.atomicUpdates() ? Verdict.N : Verdict.BREACH;
            case ATOMIC_ONLY -> kind == AccessKind.WRITE ? Verdict.BREACH : Verdict.N;
            case COUNTER -> read ? Verdict.N : kind == AccessKind.WRITE ? Verdict.BREACH : Verdict.B;
            case THREAD_LOCAL -> firstIndex(r, frame) == c.thread ? Verdict.B : Verdict.BREACH;
            case CPU_LOCAL -> firstIndex(r, frame) == c.thread ? Verdict.B : read ? Verdict.N : Verdict.BREACH;
            case IMMUTABLE -> read ? Verdict.B : Verdict.BREACH;
            case BIT_LOCK -> bitLock(s, r, frame, c, kind);
            case LOCK -> lockAccess(kind);
        };
    }

    private static boolean atomicUpdate(AccessKind kind) {
        return switch (kind) {
            case RMW, RMW_CLEAR, TEST_SET_OK, TEST_SET_FAILED -> true;
            default -> false;
        };
    }

    private Verdict bitLock(Region.Scope s, Region r, int[] frame, Ctx c, AccessKind kind) {
        return switch (kind) {
            case TEST_SET_OK -> Verdict.R;
            case TEST_SET_FAILED -> Verdict.N;
            case RMW_CLEAR -> holder(s, r, frame, c) ? Verdict.L : Verdict.BREACH;
            case READ -> holder(s, r, frame, c) ? Verdict.B : Verdict.N;
            default -> Verdict.BREACH;
        };
    }

    private boolean holder(Region.Scope s, Region r, int[] frame, Ctx c) {
        return s.lockOwner() != null && ev.eval(s.lockOwner(), scratch(c, r, frame)) == c.thread;
    }

    private boolean guarded(Region.Scope s, Region r, int[] frame, Ctx c, boolean write) {
        for (Region.Guard g : s.guards()) {
            switch (g) {
                case Region.Guard.Lock l -> {
                    Ctx sc = scratch(c, r, frame);
                    int addr = ev.addr(l.lock(), sc);
                    int[] arr = Evaluator.array(l.lock(), sc);
                    boolean held = write && l.rwsem() ? arr[addr] == c.thread + 1 : Locks.holds(arr, addr, l.rwsem(), c.thread);
                    if (held) {
                        return true;
                    }
                }
                case Region.Guard.Condition k -> {
                    if (ev.eval(k.cond(), scratch(c, r, frame)) != 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static int firstIndex(Region r, int[] frame) {
        return r.indexOffsets().length == 0 ? -1 : frame[r.indexOffsets()[0]];
    }

    /** The annotation frame of {@code r} with the indices of {@code slot} in place. */
    private static int[] frame(Region r, int slot) {
        int[] f = new int[Math.max(r.frameSize(), 1)];
        int rel = slot - r.offset();
        for (int k = 0; k < r.dimStride().length; k++) {
            int stride = Math.max(1, r.dimStride()[k]);
            if (r.indexOffsets()[k] >= 0) {
                f[r.indexOffsets()[k]] = r.dimLo()[k] + rel / stride;
            }
            rel %= stride;
        }
        return f;
    }

    /** A context for annotation expressions: the thread's view of the state, no audit, its own budget. */
    private static Ctx scratch(Ctx c, Region r, int[] frame) {
        return new Ctx(c.g, frame, 0, c.thread, null, c.deadline);
    }

    /** Is {@code r} a set whose members have disciplines of their own? (for reports) */
    static boolean grouped(Region r) {
        return !r.groups().isEmpty();
    }

    /** The discipline of member {@code bit} of {@code r} (or of the whole variable for bit -1). */
    static Region.Scope scopeOf(Region r, int bit) {
        return bit < 0 ? r.whole() : r.scopeOf(1 << bit);
    }

    static boolean audited(Region.Scope s) {
        return s.kind() != Discipline.GHOST;
    }
}
