package org.mmspec.checker.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.Explorer;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.ConfigBuilder;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.system.KernelSystem;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * Not a test: how many stack frames and locals each standard scenario's threads use (the deepest frame and
 * the highest local with a non-zero value in any state reached), and its state vector's length. Run after
 * {@code mvn test-compile} with the dist jar and {@code checker/target/test-classes} on the class path.
 */
public final class StackUseProbe {

    private StackUseProbe() {}

    /** Records the deepest stack and highest non-zero local of every state it is shown. */
    private static final class Use implements Invariant<KernelState> {
        final Layout l;
        int frames;
        int local = -1;

        Use(Config c) {
            l = new Layout(c);
        }

        @Override
        public String id() {
            return "stack_use";
        }

        @Override
        public String statement() {
            return "records stack use";
        }

        @Override
        public Witness check(KernelState s) {
            Config c = l.config();
            for (int t = 0; t < c.threadSlots(); t++) {
                int sp = s.word(l.thread(t, Layout.TH_SP));
                frames = Math.max(frames, sp);
                for (int d = 0; d < sp; d++) {
                    for (int i = c.nrLocals() - 1; i > local; i--) {
                        if (s.word(l.frame(t, d, Layout.FR_HEADER + i)) != 0) {
                            local = i;
                        }
                    }
                }
            }
            return null;
        }

        @Override
        public Invariant<KernelState> replica() {
            return this;
        }
    }

    public static void main(String[] args) {
        List<Scenario> all = new ArrayList<>(ScenarioCatalog.standard().all());
        all.addAll(org.mmspec.checker.bench.BenchScenarios.all().subList(0, args.length > 0 ? Integer.parseInt(args[0]) : 0));
        int worstFrames = 0;
        int worstLocal = -1;
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int locals = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        for (Scenario given : all) {
            ConfigBuilder cb = given.config().toBuilder();
            if (frames > 0) {
                cb.stackDepth(frames);
            }
            if (locals > 0) {
                cb.nrLocals(locals);
            }
            Scenario sc = new Scenario(given.name(), given.summary(), cb.build(), given.setup(), given.bug(),
                    given.whenBuggy(), given.invariants(), given.search(), given.expected(), given.cover(), given.origin());
            for (Set<BugId> bugs : sc.checkedBugSets()) {
                KernelSystem system = sc.instantiate(bugs);
                Use use = new Use(system.config());
                List<Invariant<? super KernelState>> inv = new ArrayList<>(InvariantSource.resolve(system.config(), sc.invariants()));
                inv.add(0, use);
                CheckResult r = Explorer.check(new CheckRequest<>(system, inv, sc.search()));
                System.out.printf("%-34s %-22s vector %5d  frames %2d/%2d  locals %2d/%2d  %s %d states%n", sc.name(), bugs,
                        system.vectors().vectorLength(), use.frames, system.config().stackDepth(), use.local + 1,
                        system.config().nrLocals(), r.getClass().getSimpleName(), r.statistics().distinctStates());
                worstFrames = Math.max(worstFrames, use.frames);
                worstLocal = Math.max(worstLocal, use.local);
            }
        }
        System.out.println("most frames " + worstFrames + ", most locals " + (worstLocal + 1));
    }
}
