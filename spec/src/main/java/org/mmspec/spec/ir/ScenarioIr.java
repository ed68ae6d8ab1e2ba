package org.mmspec.spec.ir;

import java.util.List;

/**
 * A scenario ready to run: the state layout, every procedure's code (indexed as in the layout), the
 * initialisation code, each thread's entry and arguments, the selected invariants, the specification's
 * limits (capacities checked once, on the initial state), the fault sites, and every global's discipline
 * for the atomicity audit ({@code regions}, in state order).
 */
public record ScenarioIr(String name, Layout layout, List<ProcCode> procs, ProcCode globalInit, ProcCode init,
        List<Integer> threadEntries, List<List<IrExpr>> threadArgs, List<InvariantIr> invariants,
        List<InvariantIr> limits, List<Site> sites, List<Leaf> leaves, List<Integer> lockSlots,
        List<Boolean> lockIsRwsem, List<Region> regions) {

    public ScenarioIr {
        limits = List.copyOf(limits);
        procs = List.copyOf(procs);
        threadEntries = List.copyOf(threadEntries);
        threadArgs = List.copyOf(threadArgs);
        invariants = List.copyOf(invariants);
        sites = List.copyOf(sites);
        leaves = List.copyOf(leaves);
        lockSlots = List.copyOf(lockSlots);
        lockIsRwsem = List.copyOf(lockIsRwsem);
        regions = List.copyOf(regions);
    }
}
