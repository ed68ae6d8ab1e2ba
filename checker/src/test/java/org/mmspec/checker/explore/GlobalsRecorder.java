package org.mmspec.checker.explore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.eval.SpecSystem;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * An "invariant" that never fails and notes the shared part of every state it is shown (for
 * {@link EngineDifferential}): the explorer checks invariants on every state it reaches, so this records
 * which shared states a search reached. One search, one worker (it has no replica).
 */
final class GlobalsRecorder implements Invariant<SpecState> {

    private final SpecSystem system;
    private final Set<String> globals = new HashSet<>();

    GlobalsRecorder(SpecSystem system) {
        this.system = system;
    }

    /** The globals (and locks) of {@code s}, as {@code name = value} lines: every entry that is not a thread's local. */
    static String project(SpecSystem system, SpecState s) {
        StringBuilder b = new StringBuilder();
        for (String line : system.describe(s)) {
            if (!isLocal(system, line)) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    /** Whether a variable's name (or a {@code name = value} line) is a thread's local: {@code T0.proc.x}. */
    static boolean isLocal(org.mmspec.spec.semantics.TransitionSystem<?> system, String variable) {
        for (int t = 0; t < system.threadCount(); t++) {
            if (variable.startsWith(system.threadName(t) + ".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The least of {@code projection}'s images under every permutation of the threads within each class of
     * {@code classes} (interchangeable threads, {@link org.mmspec.spec.eval.Symmetry#classes}): thread names
     * renamed, each unordered run of them ({@code read-held by T0, T1}, set members) sorted, the lines sorted.
     * Two states of one orbit have the same canonical projection.
     */
    static String canonical(String projection, List<List<Integer>> classes, List<String> names) {
        String best = null;
        for (int[] perm : permutations(classes, names.size())) {
            Matcher m = THREAD.matcher(projection);
            StringBuilder renamed = new StringBuilder();
            while (m.find()) {
                int t = names.indexOf(m.group());
                m.appendReplacement(renamed, t < 0 ? m.group() : names.get(perm[t]));
            }
            m.appendTail(renamed);
            List<String> lines = new ArrayList<>();
            for (String line : renamed.toString().split("\n")) {
                lines.add(sortRuns(line));
            }
            Collections.sort(lines);
            String image = String.join("\n", lines);
            best = best == null || image.compareTo(best) < 0 ? image : best;
        }
        return best;
    }

    private static final Pattern THREAD = Pattern.compile("\\bT\\d+\\b");
    private static final Pattern RUN = Pattern.compile("T\\d+(, T\\d+)+");

    /** A value's runs of thread names sorted, unless the value is a list (ordered). */
    private static String sortRuns(String line) {
        int eq = line.indexOf(" = ");
        String value = line.substring(eq + 3);
        if (value.startsWith("[")) {
            return line;
        }
        Matcher m = RUN.matcher(value);
        StringBuilder out = new StringBuilder(line.substring(0, eq + 3));
        while (m.find()) {
            List<String> run = new ArrayList<>(List.of(m.group().split(", ")));
            Collections.sort(run);
            m.appendReplacement(out, String.join(", ", run));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every permutation of {@code n} threads that maps each class onto itself. */
    private static List<int[]> permutations(List<List<Integer>> classes, int n) {
        List<int[]> out = new ArrayList<>();
        int[] identity = new int[n];
        for (int t = 0; t < n; t++) {
            identity[t] = t;
        }
        out.add(identity);
        for (List<Integer> c : classes) {
            List<int[]> next = new ArrayList<>();
            for (int[] base : out) {
                permute(c, 0, base.clone(), next);
            }
            out = next;
        }
        return out;
    }

    private static void permute(List<Integer> c, int k, int[] perm, List<int[]> out) {
        if (k == c.size()) {
            out.add(perm.clone());
            return;
        }
        for (int i = k; i < c.size(); i++) {
            swap(perm, c.get(k), c.get(i));
            permute(c, k + 1, perm, out);
            swap(perm, c.get(k), c.get(i));
        }
    }

    private static void swap(int[] a, int i, int j) {
        int x = a[i];
        a[i] = a[j];
        a[j] = x;
    }

    /** A few of the shared states in one set and not the other, for a message. */
    static String difference(Set<String> expected, Set<String> actual) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        return "missing " + missing.stream().limit(2).map(m -> m.replace('\n', ' ')).toList()
                + ", extra " + extra.stream().limit(2).map(m -> m.replace('\n', ' ')).toList();
    }

    Set<String> globals() {
        return globals;
    }

    @Override
    public String id() {
        return "shared_states_recorder";
    }

    @Override
    public String statement() {
        return "records the shared part of every state reached";
    }

    @Override
    public Witness check(SpecState s) {
        globals.add(project(system, s));
        return null;
    }
}
