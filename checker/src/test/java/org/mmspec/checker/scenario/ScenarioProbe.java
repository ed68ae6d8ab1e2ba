package org.mmspec.checker.scenario;

import java.util.List;
import java.util.Set;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.Explorer;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.trace.TextTraceWriter;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.system.KernelSystem;

/** Manual probe: runs every scenario and prints the result (not part of the suite). */
public final class ScenarioProbe {

    public static void main(String[] args) {
        for (Scenario s : StandardScenarios.all()) {
            if (args.length > 0 && !s.name().equals(args[0])) {
                continue;
            }
            run(s, Set.of());
            s.bug().ifPresent(b -> run(s, Set.of(b)));
        }
    }

    static void run(Scenario s, Set<BugId> bugs) {
        KernelSystem sys = s.instantiate(bugs);
        CheckResult r = Explorer.check(new CheckRequest<>(sys, List.of(), SearchOptions.defaults()));
        System.out.println(s.name() + " " + bugs + " -> " + r.getClass().getSimpleName() + " " + r.statistics());
        if (r instanceof CheckResult.Violated v) {
            System.out.println(TextTraceWriter.write(v.trace(), v.violation()));
        } else if (r instanceof CheckResult.Incomplete i) {
            System.out.println("  incomplete: " + i.reason());
        }
    }
}
