package org.mmspec.spec.eval;

import org.mmspec.spec.ir.Instr;
import org.mmspec.spec.ir.ProcCode;
import org.mmspec.spec.ir.ScenarioIr;

/**
 * Where a step of a spec is written: {@code file:line:col} of the label it runs from, or for a step
 * that starts at a procedure's entry, of the first statement there.
 */
final class SpecSources {

    private final ScenarioIr ir;

    SpecSources(ScenarioIr ir) {
        this.ir = ir;
    }

    /** The source of the code at {@code pc} of procedure {@code proc}, or empty when none is known. */
    String at(int proc, int pc) {
        ProcCode code = ir.procs().get(proc);
        for (int i = pc; i < code.code().size(); i++) {
            int site = site(code.code().get(i));
            if (site >= 0 && site < ir.sites().size()) {
                return ir.sites().get(site).span().where();
            }
        }
        return "";
    }

    private static int site(Instr instr) {
        return switch (instr) {
            case Instr.Label l -> l.site();
            case Instr.Store s -> s.site();
            case Instr.Fill f -> f.site();
            case Instr.Await a -> a.site();
            case Instr.Check c -> c.site();
            case Instr.LockOp l -> l.site();
            case Instr.ListOp l -> l.site();
            case Instr.Call c -> c.site();
            case Instr.RunInline r -> r.site();
            case Instr.Pick p -> p.site();
            case Instr.MissingReturn m -> m.site();
            default -> -1;
        };
    }
}
