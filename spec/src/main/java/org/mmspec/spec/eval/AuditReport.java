package org.mmspec.spec.eval;

import org.mmspec.spec.ir.Leaf;
import org.mmspec.spec.ir.Region;
import org.mmspec.spec.ir.ScenarioIr;
import org.mmspec.spec.ir.Site;
import org.mmspec.spec.types.Discipline;
import org.mmspec.spec.types.Type;

/**
 * The message of an atomicity-audit model error, from what the faulty state records: the rule, both
 * accesses (variable and index, member of a set, kind, mover, discipline) and their source positions.
 */
final class AuditReport {

    private AuditReport() {
    }

    /**
     * @param site where the second access (or the only one) is
     * @param first the first access, packed ({@link StepAudit#pack})
     * @param firstSite where the first access is
     * @param second the second access, packed, or -1
     */
    static String message(ScenarioIr ir, RuntimeError e, int site, int first, int firstSite, int second) {
        StringBuilder b = new StringBuilder("atomicity audit: ").append(e.format("", 0, 0, 0));
        switch (e) {
            case AUDIT_DISCIPLINE -> b.append("\n  ").append(access(ir, first, site)).append(breach(ir, first));
            case AUDIT_GHOST_WRITE -> b.append("\n  ").append(access(ir, first, site))
                    .append(": only ghost variables may be written in a ghost block (the kernel does not see it)");
            case AUDIT_WITHIN_STEP_LOCK_HELD -> b.append("\n  ").append(name(ir, StepAudit.slot(first), -1))
                    .append(" is marked within_step but the step that ends ").append(where(ir, site))
                    .append(" still holds it: release it in the same step");
            case AUDIT_BLOCKING_MID_STEP -> b.append("\n  first: ").append(access(ir, first, firstSite))
                    .append("\n  then:  ").append(attempt(ir, second, site))
                    .append("\n  the state between them (having done the first, waiting at the second) would be lost:"
                            + " start a new step (a label) right before the blocking acquisition");
            default -> b.append("\n  first: ").append(access(ir, first, firstSite))
                    .append("\n  then:  ").append(access(ir, second, site))
                    .append("\n  the step is not reducible to one atomic action (R* N? L*): end it between the two"
                            + " accesses (a label), as the kernel has other CPUs run between them");
        }
        return b.toString();
    }

    private static String attempt(ScenarioIr ir, int packed, int site) {
        if (StepAudit.slot(packed) == StepAudit.NO_SLOT) {
            return "await " + text(ir, site) + " " + where(ir, site) + ": it may block";
        }
        return "blocking acquisition of " + name(ir, StepAudit.slot(packed), -1) + " " + where(ir, site)
                + ": it may block";
    }

    /** {@code read of refcount[1] at core.mmspec:3:5: a non-mover (atomic)}. */
    private static String access(ScenarioIr ir, int packed, int site) {
        int slot = StepAudit.slot(packed);
        if (slot == StepAudit.NO_SLOT) {
            return "wake-up from await " + text(ir, site) + " " + where(ir, site) + ": a right mover";
        }
        int bit = StepAudit.bit(packed);
        String what = StepAudit.kind(packed).words() + " of " + name(ir, slot, bit) + " " + where(ir, site);
        if (StepAudit.breach(packed)) {
            return what;
        }
        return what + ": a " + StepAudit.mover(packed).words() + " (" + discipline(ir, slot, bit, packed) + ")";
    }

    private static String breach(ScenarioIr ir, int packed) {
        int slot = StepAudit.slot(packed);
        Region r = region(ir, slot);
        if (r == null) {
            return "";
        }
        Region.Scope s = AuditTable.scopeOf(r, StepAudit.bit(packed));
        AccessKind kind = StepAudit.kind(packed);
        String d = describe(s);
        return switch (s.kind()) {
            case LOCK_PROTECTED -> ", without holding its guard (" + d + ")"
                    + (kind == AccessKind.READ ? "; reads without it need racy_reads" : "");
            case ATOMIC_ONLY -> ": a plain write of an atomic variable (" + d + "); use an atomic update (+=, -=, |=,"
                    + " an atomic built-in) or declare when it is private (private_when)";
            case COUNTER -> ": a plain write of a counter; counters change by += and -= only";
            case THREAD_LOCAL -> ": another thread's element of a thread_local variable";
            case CPU_LOCAL -> ": a write of another cpu's element of a cpu_local variable";
            case IMMUTABLE -> ": a write of an immutable variable (only initialisation may set it)";
            case BIT_LOCK -> ": a lock bit is taken by test_and_set_bit and cleared by its holder only ("
                    + d + ")";
            case LOCK -> ": a lock is changed by lock operations only";
            default -> "";
        };
    }

    private static String discipline(ScenarioIr ir, int slot, int bit, int packed) {
        Region r = region(ir, slot);
        if (r == null) {
            return "unprotected shared";
        }
        Region.Scope s = AuditTable.scopeOf(r, bit);
        String d = describe(s);
        if (s.kind() == Discipline.LOCK_PROTECTED && StepAudit.mover(packed) == Mover.N) {
            return d + (StepAudit.kind(packed) == AccessKind.READ ? ", not held: a racy read" : ", not held: an atomic update");
        }
        if (s.kind() == Discipline.UNDECLARED) {
            return "no discipline declared: unprotected shared state";
        }
        return d;
    }

    static String describe(Region.Scope s) {
        return switch (s.kind()) {
            case LOCK_PROTECTED -> "guarded_by(" + String.join(", ", s.guardTexts()) + ")"
                    + (s.racyReads() ? " racy_reads" : "") + (s.atomicUpdates() ? " atomic_updates" : "");
            case UNDECLARED -> "unprotected shared";
            case LOCK -> "a lock";
            case BIT_LOCK -> "bit_lock";
            default -> s.kind().annotation() == null ? s.kind().word() : s.kind().annotation();
        };
    }

    private static Region region(ScenarioIr ir, int slot) {
        for (Region r : ir.regions()) {
            if (slot >= r.offset() && slot < r.offset() + r.width()) {
                return r;
            }
        }
        return null;
    }

    /** The variable (with its indices) holding {@code slot}, and the member of a set when one is known. */
    static String name(ScenarioIr ir, int slot, int bit) {
        for (Leaf l : ir.leaves()) {
            if (l.thread() < 0 && slot >= l.offset() && slot < l.offset() + l.width()) {
                String member = bit >= 0 && l.type() instanceof Type.SetOf s && s.elem() instanceof Type.Enum e
                        && bit < e.members().size() ? " member " + e.members().get(bit) : "";
                return l.name() + member;
            }
        }
        return "slot " + slot;
    }

    private static String where(ScenarioIr ir, int site) {
        return site >= 0 && site < ir.sites().size() ? "at " + ir.sites().get(site).span().where() : "(no position)";
    }

    private static String text(ScenarioIr ir, int site) {
        if (site < 0 || site >= ir.sites().size()) {
            return "";
        }
        Site s = ir.sites().get(site);
        return s.text();
    }
}
