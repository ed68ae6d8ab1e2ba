package org.mmspec.checker.scenario;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.Explorer;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.system.KernelSystem;
import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/** Manual probe: which procedure:point pairs each scenario reaches (not part of the suite). */
public final class ReachProbe {

    public static void main(String[] args) {
        for (Scenario s : StandardScenarios.all()) {
            if (args.length > 0 && !s.name().equals(args[0])) {
                continue;
            }
            KernelSystem sys = s.instantiate(Set.of());
            MmView view = new MmView(sys.config());
            Set<String> seen = new TreeSet<>();
            Invariant<KernelState> spy = new Invariant<>() {
                public String id() {
                    return "spy";
                }

                public String statement() {
                    return "records";
                }

                public Witness check(KernelState st) {
                    view.reset(st);
                    for (int t = 0; t < sys.threadCount(); t++) {
                        view.frames(t).forEach(f -> seen.add(f.procedure() + ":" + f.point()));
                    }
                    return null;
                }
            };
            var r = Explorer.check(new CheckRequest<>(sys, List.of(spy), SearchOptions.defaults()));
            System.out.println(s.name() + " " + r.getClass().getSimpleName() + " " + r.statistics().distinctStates());
            System.out.println("  " + String.join("\n  ", seen));
        }
    }
}
