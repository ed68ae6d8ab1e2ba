package org.mmspec.checker.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;
import org.mmspec.spec.semantics.Witness;

/**
 * Records, on every state the explorer visits, where each thread stands, like TLC's {@code -coverage}.
 * It rides along as the last "invariant" of a check and never fails, so the search itself is untouched;
 * it sees every distinct state in which the real invariants hold. Afterwards {@link #report} says which
 * code points each thread reached, which pairs of threads were ever live together — one in the middle of
 * its work, the other too or about to start — and at which pairs of code points (where they can race),
 * and which {@code cover} points were never reached.
 *
 * @param <S> the state type
 */
public final class CoverageProbe<S> implements Invariant<S> {

    /** The id under which the probe rides along; never reported as an invariant. */
    public static final String ID = "(coverage)";

    private final TransitionSystem<S> system;
    private final CodePoints<S> points;
    private final List<Set<String>> reached = new ArrayList<>();
    private final Map<String, Set<String>> racing = new TreeMap<>();
    private long states;
    /** The replicas made for other workers of a parallel search; their records join this probe's report. */
    private final List<CoverageProbe<S>> replicas = new ArrayList<>();

    public CoverageProbe(TransitionSystem<S> system, CodePoints<S> points) {
        this.system = system;
        this.points = points;
        for (int t = 0; t < system.threadCount(); t++) {
            reached.add(new TreeSet<>());
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "records the code points of every thread (coverage)";
    }

    @Override
    public Witness check(S s) {
        states++;
        int n = system.threadCount();
        String[] top = new String[n];
        boolean[] running = new boolean[n];
        for (int t = 0; t < n; t++) {
            List<String> stack = points.stack(s, t);
            reached.get(t).addAll(stack);
            ThreadPhase phase = system.phase(s, t);
            if (!stack.isEmpty() && !phase.isAtRest()) {
                top[t] = stack.get(0);
                running[t] = phase == ThreadPhase.RUNNING;
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n && top[a] != null; b++) {
                if (top[b] != null && (running[a] || running[b])) {
                    racing.computeIfAbsent(a + " " + b, k -> new TreeSet<>()).add(top[a] + " \u00d7 " + top[b]);
                }
            }
        }
        return null;
    }

    /**
     * A probe for another worker of a parallel search, recording apart; this probe's {@link #report} merges
     * it (sets of code points and pairs, and state counts, so the merged report does not depend on which
     * worker saw what).
     */
    @Override
    public synchronized CoverageProbe<S> replica() {
        CodePoints<S> own = CodePoints.of(system);   // the reference implementation's reads through a view of its own
        if (own == null) {
            return null;
        }
        CoverageProbe<S> replica = new CoverageProbe<>(system, own);
        replicas.add(replica);
        return replica;
    }

    /** What was seen, with the {@code cover} points of the scenario checked against it. */
    public CoverageReport report(List<String> cover) {
        for (CoverageProbe<S> r : replicas) {
            for (int t = 0; t < reached.size(); t++) {
                reached.get(t).addAll(r.reached.get(t));
            }
            r.racing.forEach((k, v) -> racing.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
            states += r.states;
        }
        replicas.clear();
        List<CoverageReport.ThreadCoverage> threads = new ArrayList<>();
        Set<String> all = new TreeSet<>();
        Set<String> entered = new TreeSet<>();
        for (int t = 0; t < reached.size(); t++) {
            threads.add(new CoverageReport.ThreadCoverage(system.threadName(t), List.copyOf(reached.get(t))));
            all.addAll(reached.get(t));
        }
        all.forEach(p -> entered.add(p.substring(0, p.indexOf(':'))));
        List<CoverageReport.Pair> pairs = new ArrayList<>();
        int n = system.threadCount();
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                Set<String> at = racing.getOrDefault(a + " " + b, Set.of());
                pairs.add(new CoverageReport.Pair(system.threadName(a), system.threadName(b), List.copyOf(at)));
            }
        }
        Set<String> never = new TreeSet<>(points.pointsOf(entered));
        never.removeAll(all);
        List<String> missed = cover.stream().filter(c -> !all.contains(c)).toList();
        return new CoverageReport(states, threads, pairs, List.copyOf(never), cover, missed);
    }
}
