package org.mmspec.ref.system;

import org.mmspec.ref.audit.Access;
import org.mmspec.ref.audit.Discipline;
import org.mmspec.ref.audit.Finding;
import org.mmspec.ref.audit.Region;
import org.mmspec.ref.audit.Regions;
import org.mmspec.ref.audit.Rule;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.threads.ProcedureTable;

/**
 * Renders an atomicity finding in kernel vocabulary: the rule, and each access with its kind, the word
 * it touched (named as in traces), its mover, its region's discipline and the code point that made it.
 */
final class AuditReport {

    private final StateNames names;
    private final Regions regions;
    private final ProcedureTable procedures;

    AuditReport(StateNames names, Regions regions, ProcedureTable procedures) {
        this.names = names;
        this.regions = regions;
        this.procedures = procedures;
    }

    /** The report of {@code f}, found in a step of {@code thread}, as one message (several lines). */
    String render(Finding f, String thread) {
        StringBuilder sb = new StringBuilder("atomicity audit: ").append(f.rule().description()).append(" (")
                .append(thread).append(")");
        if (f.rule() == Rule.DISCIPLINE) {
            sb.append("\n  access: ").append(describe(f.first()));
            sb.append("\n  ").append(discipline(f.first()));
        } else {
            sb.append("\n  first:  ").append(describe(f.first()));
            if (f.second() != null) {
                sb.append("\n  then:   ").append(describe(f.second()));
            }
            sb.append("\n  ").append(advice(f.rule()));
        }
        return sb.toString();
    }

    private String describe(Access a) {
        String what = a.kind().kernelName() + " of " + names.wordName(a.word(), a.mask());
        String mover = a.mover() == null ? "attempted" : a.mover().description();
        return what + " (" + mover + ") at " + point(a);
    }

    private String point(Access a) {
        if (a.procId() < 0) {
            return "kernel";
        }
        Procedure p = procedures.byId(a.procId());
        return p.name() + ":" + p.point(a.pc());
    }

    private String discipline(Access a) {
        Region r = regions.of(a.word(), a.mask());
        if (r == null) {
            return "a lock held only inside steps was taken twice, or released without being held";
        }
        String rule = r.discipline() == Discipline.LOCK_PROTECTED
                ? "lock-protected by " + r.guard().kernelName() + (r.racyReads() ? " (racy reads allowed)" : "")
                : r.discipline().word();
        return "region " + r.what() + ": " + rule + "; source: " + r.source();
    }

    private static String advice(Rule rule) {
        return switch (rule) {
            case TWO_NON_MOVERS, NON_MOVER_AFTER_RELEASE, ACQUIRE_AFTER_COMMIT ->
                    "the step is not reducible to one atomic action (R* N? L*): end it between the two accesses";
            case BLOCKING_MID_STEP -> "a blocking acquisition must start its step: end the step before it";
            case SCOPED_LOCK_HELD -> "release the lock before the step ends";
            case DISCIPLINE -> "";
        };
    }
}
