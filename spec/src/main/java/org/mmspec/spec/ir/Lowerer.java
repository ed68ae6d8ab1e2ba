package org.mmspec.spec.ir;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.spec.ast.Decl;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.Diagnostics;
import org.mmspec.spec.resolve.Symbol;
import org.mmspec.spec.types.CheckedProgram;
import org.mmspec.spec.types.CheckedScenario;
import org.mmspec.spec.types.Frame;
import org.mmspec.spec.types.ProcInfo;
import org.mmspec.spec.types.Type;

/**
 * Lowers a checked program for one scenario: lays out the state, then lowers every procedure, the
 * initialisation, thread arguments and the scenario's invariants. Layout problems (a state too large, a
 * memory size missing) are diagnostics.
 */
public final class Lowerer {

    private Lowerer() {
    }

    /** The scenario's IR, or null after reporting a layout problem. */
    public static ScenarioIr lower(CheckedProgram program, CheckedScenario scenario, Diagnostics diagnostics) {
        Layout layout = new Layout(program, scenario);
        Sites sites = new Sites();
        ExprLowerer x = new ExprLowerer(program, layout, sites);
        List<ProcCode> procs = new ArrayList<>();
        for (ProcInfo info : program.procs().values()) {
            procs.add(proc(x, info));
        }
        ProcCode globalInit = globalInitialisers(x);
        ProcCode init = initBlock(x, scenario);
        String initOwner = scenario.initFrame().owner();
        List<Integer> entries = new ArrayList<>();
        List<List<IrExpr>> args = new ArrayList<>();
        for (CheckedScenario.ThreadSpec t : scenario.threads()) {
            entries.add(layout.procIndex(t.proc()));
            args.add(t.args().stream().map(a -> x.lower(a, initOwner)).toList());
        }
        List<InvariantIr> invariants = invariants(x, scenario);
        List<InvariantIr> limits = limits(x);
        List<Region> regions = new RegionLowerer(x).regions();
        if (!fits(layout, scenario, diagnostics)) {
            return null;
        }
        List<Leaf> leaves = Leaves.of(layout);
        List<Integer> lockSlots = new ArrayList<>();
        List<Boolean> rwsem = new ArrayList<>();
        for (Leaf l : leaves) {
            if (l.type() instanceof Type.Lock lock) {
                lockSlots.add(l.offset());
                rwsem.add(lock.kind() == Type.LockKind.RWSEM);
            }
        }
        return new ScenarioIr(scenario.name(), layout, procs, globalInit, init, entries, args, invariants, limits,
                sites.all(), leaves, lockSlots, rwsem, regions);
    }

    /** Global variables' initialisers, in declaration order; a scalar fills a whole array. */
    private static ProcCode globalInitialisers(ExprLowerer x) {
        CheckedProgram program = x.program();
        Frame frame = program.invariantFrame("#globals");
        x.layout().frame(frame.owner(), frame);
        StmtLowerer g = new StmtLowerer(x, frame.owner());
        for (Symbol.Global v : program.scope().globals()) {
            Expr init = v.declarator().init();
            if (init != null) {
                new AssignLowerer(x, g, frame.owner()).store(new Place.Global(x.layout().globalOffset(v.name())),
                        program.globalType(v.name()), init, v.declarator().span(), v.name(), true);
            }
        }
        g.emit(new Instr.Return(null));
        return new ProcCode("#globals", g.code(), x.layout().frameSize(frame.owner()), new int[0], false);
    }

    private static ProcCode initBlock(ExprLowerer x, CheckedScenario scenario) {
        Frame frame = scenario.initFrame();
        x.layout().frame(frame.owner(), frame);
        StmtLowerer i = new StmtLowerer(x, frame.owner());
        if (scenario.init() != null) {
            i.block(scenario.init());
        }
        i.emit(new Instr.Return(null));
        return new ProcCode("init", i.code(), x.layout().frameSize(frame.owner()), new int[0], false);
    }

    private static List<InvariantIr> invariants(ExprLowerer x, CheckedScenario scenario) {
        return lower(x, scenario.checks());
    }

    /** Every {@code limit} of the program. */
    private static List<InvariantIr> limits(ExprLowerer x) {
        return lower(x, x.program().scope().invariants().values().stream().filter(Decl.Invariant::limit)
                .map(d -> d.name().text()).toList());
    }

    private static List<InvariantIr> lower(ExprLowerer x, List<String> ids) {
        List<InvariantIr> out = new ArrayList<>();
        for (String id : ids) {
            Decl.Invariant d = x.program().scope().invariant(id);
            Frame f = x.program().invariantFrame(id);
            x.layout().frame(f.owner(), f);
            out.add(new InvariantIr(id, d.doc() != null ? d.doc() : d.bodyText(), x.lower(d.body(), f.owner()),
                    x.layout().frameSize(f.owner())));
        }
        return out;
    }

    /** Reports id domains without a size and states above the slot limit. */
    private static boolean fits(Layout layout, CheckedScenario scenario, Diagnostics diagnostics) {
        for (Type.IdKind k : layout.missingSizes()) {
            diagnostics.error(DiagnosticCode.MISSING_MEMORY_SIZE, scenario.span(), scenario.name(), k.typeName(),
                    k.sizeName());
        }
        if (layout.size() > Layout.MAX_SLOTS) {
            diagnostics.error(DiagnosticCode.STATE_TOO_LARGE, scenario.span(), scenario.name(), layout.size(),
                    Layout.MAX_SLOTS);
            return false;
        }
        return layout.missingSizes().isEmpty();
    }

    private static ProcCode proc(ExprLowerer x, ProcInfo info) {
        String owner = info.frame().owner();
        x.layout().frame(owner, info.frame());
        StmtLowerer s = new StmtLowerer(x, owner);
        s.block(info.decl().body());
        if (info.returnType() instanceof Type.Void) {
            s.emit(new Instr.Return(null));
        } else {
            s.emit(new Instr.MissingReturn(x.sites().add(info.decl().name().span(), info.name())));
        }
        int[] params = new int[info.paramTypes().size()];
        for (int k = 0; k < params.length; k++) {
            params[k] = x.layout().localOffset(owner, k);
        }
        return new ProcCode(info.name(), s.code(), x.layout().frameSize(owner), params, info.hasSteps());
    }
}
