package org.mmspec.spec.eval;

/**
 * The atomicity audit of one run of one step (Lipton's reduction, checked dynamically as in Flanagan and
 * Freund's Atomizer): every access to global state is classified ({@link AuditTable}) and fed to the
 * {@code R* N? L*} automaton; a blocking acquisition or {@code await} must come before any access that is
 * not a both-mover; a {@code within_step} lock must be released by the end of the step. The first rule
 * broken ends the step in a model error naming both accesses ({@link AuditReport}).
 *
 * <p>An access is packed into one int for the fault record: the slot (16 bits, {@link #NO_SLOT} for an
 * {@code await}), its {@link AccessKind} (4 bits), its {@link Mover} (2 bits), the member of a set it
 * touched plus one (6 bits; 0: the whole value) and whether it broke the discipline (1 bit).
 */
final class StepAudit {

    static final int NO_SLOT = 0xFFFF;

    private final AuditTable table;
    /** Above zero while evaluating what is not a kernel access (assertion conditions). */
    int mute;
    /** Above zero inside a ghost block: its writes must be to ghost variables. */
    private int ghost;
    /** The source site of the running statement, for accesses without one of their own. */
    int site = -1;
    private int firstN = -1;
    private int firstNSite;
    private int firstL = -1;
    private int firstLSite;
    private int firstNonB = -1;
    private int firstNonBSite;

    StepAudit(AuditTable table) {
        this.table = table;
    }

    /** Enters or leaves a ghost block. */
    void ghost(boolean begin) {
        ghost += begin ? 1 : -1;
        mute += begin ? 1 : -1;
    }

    /** A read of {@code slot} (the members {@code mask} of a set, or -1) at {@code at} (-1: the statement). */
    void read(Ctx c, int slot, int mask, int at) {
        access(c, slot, mask, AccessKind.READ, at);
    }

    /** An access of {@code slot}; throws the model error of a rule it breaks. */
    void access(Ctx c, int slot, int mask, AccessKind kind, int at) {
        if (mute > 0) {
            if (ghost > 0 && kind.write() && !table.ghost(slot, mask)) {
                int where = at >= 0 ? at : site;
                throw new EvalError(RuntimeError.AUDIT_GHOST_WRITE, where, pack(slot, kind, Mover.N, mask, true), where, -1);
            }
            return;
        }
        AuditTable.Verdict v = table.classify(c, slot, mask, kind);
        if (v == null) {
            return;
        }
        int where = at >= 0 ? at : site;
        int packed = pack(slot, kind, v.mover(), mask, v.breach());
        if (v.breach()) {
            throw new EvalError(RuntimeError.AUDIT_DISCIPLINE, where, packed, where, -1);
        }
        feed(v.mover(), packed, where);
    }

    /** A blocking acquisition of {@code slot} (or an {@code await}, slot -1) is about to be attempted. */
    void blocking(int slot, AccessKind kind, int at) {
        if (mute > 0 || slot >= 0 && table.withinStep(slot)) {
            return;
        }
        if (firstNonB >= 0) {
            int attempt = pack(slot < 0 ? NO_SLOT : slot, kind, Mover.R, -1, false);
            throw new EvalError(RuntimeError.AUDIT_BLOCKING_MID_STEP, at, firstNonB, firstNonBSite, attempt);
        }
    }

    /** An {@code await} whose condition holds: the wake-up, a right mover. */
    void woken(int at) {
        if (mute == 0) {
            feed(Mover.R, pack(NO_SLOT, AccessKind.AWAIT, Mover.R, -1, false), at);
        }
    }

    /** The step ran to its end: a within_step lock still held is a model error. */
    void end(Ctx c) {
        int held = table.heldWithinStepLock(c.g, c.thread);
        if (held >= 0) {
            int packed = pack(held, AccessKind.LOCK, Mover.R, -1, false);
            throw new EvalError(RuntimeError.AUDIT_WITHIN_STEP_LOCK_HELD, site, packed, site, -1);
        }
    }

    private void feed(Mover mover, int packed, int where) {
        if (mover != Mover.B && firstNonB < 0) {
            firstNonB = packed;
            firstNonBSite = where;
        }
        switch (mover) {
            case B -> {
                // commutes with everything
            }
            case R -> {
                if (firstN >= 0) {
                    throw new EvalError(RuntimeError.AUDIT_ACQUIRE_AFTER_COMMIT, where, firstN, firstNSite, packed);
                }
                if (firstL >= 0) {
                    throw new EvalError(RuntimeError.AUDIT_ACQUIRE_AFTER_COMMIT, where, firstL, firstLSite, packed);
                }
            }
            case N -> {
                if (firstN >= 0) {
                    throw new EvalError(RuntimeError.AUDIT_TWO_NON_MOVERS, where, firstN, firstNSite, packed);
                }
                if (firstL >= 0) {
                    throw new EvalError(RuntimeError.AUDIT_NON_MOVER_AFTER_RELEASE, where, firstL, firstLSite, packed);
                }
                firstN = packed;
                firstNSite = where;
            }
            case L -> {
                if (firstL < 0) {
                    firstL = packed;
                    firstLSite = where;
                }
            }
        }
    }

    static int pack(int slot, AccessKind kind, Mover mover, int mask, boolean breach) {
        int bit = mask == -1 || Integer.bitCount(mask) != 1 ? 0 : Integer.numberOfTrailingZeros(mask) + 1;
        return (slot & 0xFFFF) | kind.ordinal() << 16 | mover.ordinal() << 20 | bit << 22 | (breach ? 1 << 28 : 0);
    }

    static int slot(int packed) {
        return packed & 0xFFFF;
    }

    static AccessKind kind(int packed) {
        return AccessKind.values()[(packed >>> 16) & 0xF];
    }

    static Mover mover(int packed) {
        return Mover.values()[(packed >>> 20) & 0x3];
    }

    /** The member of a set the access touched, or -1 for the whole value. */
    static int bit(int packed) {
        return ((packed >>> 22) & 0x3F) - 1;
    }

    static boolean breach(int packed) {
        return (packed & 1 << 28) != 0;
    }
}
