package org.mmspec.spec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.ir.Layout;
import org.mmspec.spec.ir.Leaf;
import org.mmspec.spec.load.Specs;

/**
 * Thread symmetry: which scenarios get it and which are refused (each refusal a way code can tell threads
 * apart), and the exact reduction on toy models, against orbits counted by brute force: every reachable
 * state of the unreduced search, canonicalised by a permutation written here by hand for the toy's layout
 * (not by {@link SlotMap}).
 */
class SymmetryTest {

    static SpecSystem system(String text) {
        return Specs.load(text).scenarios().get(0).spec();
    }

    /** What a search reaches: states stored (distinct keys) and whether some state has a fault. */
    record Reach(int states, boolean fault, List<SpecState> all) {
    }

    /** A BFS over every thread's successors, storing states by {@code key}. */
    static Reach reach(SpecSystem ts, ToLongFunction<SpecState> key) {
        Set<Long> seen = new HashSet<>();
        ArrayDeque<SpecState> queue = new ArrayDeque<>();
        List<SpecState> all = new java.util.ArrayList<>();
        seen.add(key.applyAsLong(ts.initialState()));
        queue.add(ts.initialState());
        boolean fault = false;
        while (!queue.isEmpty()) {
            SpecState s = queue.poll();
            all.add(s);
            if (ts.fault(s) != null) {
                fault = true;
                continue;
            }
            for (int t = 0; t < ts.threadCount(); t++) {
                for (SpecState n : ts.successors(s, t)) {
                    if (seen.add(key.applyAsLong(n))) {
                        queue.add(n);
                    }
                }
            }
        }
        return new Reach(seen.size(), fault, all);
    }

    static final String COUNTER = """
            int<0..9> c;
            void w() {
            a:  c++;
            b:  c++;
            }
            scenario s { thread A = w(); thread B = w(); thread C = w(); }
            """;

    @Test
    void threeCountersGiveMultisetsOfPositions() {
        SpecSystem ts = system(COUNTER);
        assertTrue(ts.symmetry().active(), ts.symmetry().note());
        assertEquals("symmetry: A, B, C interchangeable", ts.symmetry().note());
        // each thread not started, at b, or finished (c is the number of steps taken): 3^3 states, and
        // the multisets of three positions out of three, C(5, 3) = 10 orbits
        assertEquals(27, reach(ts, SpecState::fingerprint).states());
        assertEquals(10, reach(ts.withSymmetry(true), ts.withSymmetry(true)::fingerprint).states());
        // nothing holds a thread id: the fingerprint skips the image where the threads are sorted already,
        // and the tie orders where equal regions are swapped; it is still that of the least image
        SpecSystem sym = ts.withSymmetry(true);
        int itself = 0;
        for (SpecState s : reach(ts, SpecState::fingerprint).all()) {
            assertEquals(SpecState.fingerprint(CanonicalDefinition.of(sym.symmetry(), s)), sym.fingerprint(s));
            itself += Arrays.equals(CanonicalDefinition.of(sym.symmetry(), s), s.slots()) ? 1 : 0;
        }
        assertTrue(itself > 0 && itself < 27, "states that are their own canonical form: " + itself);
    }

    @Test
    void anOrbitOfThreeThreadsAtThreeDifferentPointsHasSixStates() {
        SpecSystem ts = system(COUNTER);
        SpecSystem sym = ts.withSymmetry(true);
        Map<Long, Set<SpecState>> orbits = new HashMap<>();
        for (SpecState s : reach(ts, SpecState::fingerprint).all()) {
            orbits.computeIfAbsent(sym.fingerprint(s), k -> new HashSet<>()).add(s);
        }
        assertEquals(10, orbits.size());
        assertEquals(6, orbits.values().stream().mapToInt(Set::size).max().orElseThrow(), "3! = 6");
        assertEquals(27, orbits.values().stream().mapToInt(Set::size).sum());
    }

    static final String IDS = """
            thread_t owner = NULL;
            bool done[thread_t];
            spinlock_t m;
            rwsem sem;
            set<thread_t> seen;
            list<thread_t, 3> q;
            int<0..9> c;
            void w(int<0..3> k) {
            a:  lock(m);
                owner = self;
                list_add_tail(q, self);
            b:  k = k + 1;
                seen += self;
                owner = NULL;
                unlock(m);
            d:  down_read(sem);
            e:  c++;
                up_read(sem);
            f:  list_del(q, self);
                done[self] = true;
            }
            void x() {
            a:  down_write(sem);
            b:  c++;
                up_write(sem);
            }
            invariant owner_holds: owner == NULL || holds(m, owner);
            scenario s { thread A = w(1); thread B = w(1); thread C = w(1); thread X = x(); }
            """;

    @Test
    void threadIdsInStateAreCountedUpToPermutationExactly() {
        SpecSystem ts = system(IDS);
        assertEquals("symmetry: A, B, C interchangeable", ts.symmetry().note());
        Reach concrete = reach(ts, SpecState::fingerprint);
        Set<List<Integer>> orbits = new HashSet<>();
        for (SpecState s : concrete.all()) {
            orbits.add(byHand(ts, s.slots()));
        }
        SpecSystem sym = ts.withSymmetry(true);
        Reach reduced = reach(sym, sym::fingerprint);
        assertEquals(orbits.size(), reduced.states(), "orbits by brute force");
        assertTrue(concrete.states() > 4 * reduced.states(), concrete.states() + " vs " + reduced.states());
        for (SpecState s : concrete.all()) {
            assertEquals(sym.fingerprint(s), SpecState.fingerprint(CanonicalDefinition.of(sym.symmetry(), s)));
        }
    }

    /** The least image of {@code s} over the six permutations of threads 0..2 of {@link #IDS}, by hand. */
    private static List<Integer> byHand(SpecSystem ts, int[] s) {
        Layout layout = ts.ir().layout();
        Map<String, Leaf> leaves = new HashMap<>();
        ts.ir().leaves().forEach(l -> leaves.put(l.name(), l));
        List<Integer> best = null;
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] p3 : perms) {
            int[] p = {p3[0], p3[1], p3[2], 3};
            int[] out = s.clone();
            for (int t = 0; t < 3; t++) {
                System.arraycopy(s, layout.threadBase(t), out, layout.threadBase(p[t]),
                        layout.threadEnd(t) - layout.threadBase(t));   // w's frame holds no thread id
                out[leaves.get("done[" + ts.threadName(p[t]) + "]").offset()] =
                        s[leaves.get("done[" + ts.threadName(t) + "]").offset()];
            }
            int owner = leaves.get("owner").offset();
            out[owner] = s[owner] < 0 ? s[owner] : p[s[owner]];
            int m = leaves.get("m").offset();
            out[m] = s[m] == 0 ? 0 : p[s[m] - 1] + 1;
            int sem = leaves.get("sem").offset();
            out[sem] = s[sem] == 0 ? 0 : p[s[sem] - 1] + 1;
            out[sem + 1] = bits(s[sem + 1], p);
            out[sem + 2] = bits(s[sem + 2], p);
            int seen = leaves.get("seen").offset();
            out[seen] = bits(s[seen], p);
            int q = leaves.get("q").offset();
            for (int i = 1; i <= s[q]; i++) {
                out[q + i] = p[s[q + i]];
            }
            List<Integer> image = Arrays.stream(out).boxed().toList();
            if (best == null || compare(image, best) < 0) {
                best = image;
            }
        }
        return best;
    }

    private static int bits(int v, int[] p) {
        int out = 0;
        for (int i = 0; i < p.length; i++) {
            if ((v & (1 << i)) != 0) {
                out |= 1 << p[i];
            }
        }
        return out;
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * Thread ids in locals: {@code t} is declared in a loop body that a step boundary cuts, so between its
     * scopes it holds the last thread seen (junk the canonical form clears, {@link Assigned}); a search
     * storing canonical fingerprints reaches exactly the orbits of the concrete reachable states.
     */
    @Test
    void threadIdsInLocalsKeepTheOrbitCountExact() {
        SpecSystem ts = system(CanonicalFingerprintTest.LOCALS);
        assertTrue(ts.symmetry().active(), ts.symmetry().note());
        SpecSystem sym = ts.withSymmetry(true);
        Reach concrete = reach(ts, SpecState::fingerprint);
        Set<Long> orbits = new HashSet<>();
        concrete.all().forEach(x -> orbits.add(sym.fingerprint(x)));
        assertEquals(orbits.size(), reach(sym, sym::fingerprint).states());
        assertTrue(orbits.size() * 3 < concrete.states(), orbits.size() + " of " + concrete.states());
    }

    @Test
    void symmetryIsOffWhereCodeNamesAThread() {
        String base = """
                spinlock_t m;
                thread_t o;
                bool z[thread_t];
                void w() {
                a:  lock(m);
                    %s
                b:  unlock(m);
                }
                %s
                scenario s { thread A = w(); thread B = w(); }
                """;
        assertRefused(base.formatted("o = self;", "invariant i: !holds(m, 1);"), "thread id literal 1 at");
        assertRefused(base.formatted("if (holds(m, 0)) { o = self; }", ""), "thread id literal 0 at");
        assertRefused(base.formatted("if (o == 1) { o = self; }", ""), "thread id literal 1 at");
        assertRefused(base.formatted("z[0] = true;", ""), "thread id literal 0 at");
        assertRefused(base.formatted("thread_t mine; o = mine;", ""), "local mine starts as thread 0 at");
        assertRefused(base.formatted("for (t in thread_t) { z[t] = true; }", ""), "for loop over thread ids");
        assertRefused("bool zz[thread_t][thread_t];\n" + base.formatted("zz[self][self] = true;", ""),
                "zz is indexed by thread_t twice");
        SpecSystem fine = system(base.formatted("o = self; z[self] = true; if (holds(m, self)) { o = NULL; }",
                "invariant i: forall t in thread_t: !z[t] || !holds(m, t);"));
        assertTrue(fine.symmetry().active(), fine.symmetry().note());
    }

    @Test
    void onlyCodeThatMayRunCounts() {
        String text = """
                spinlock_t m;
                thread_t o;
                void w() {
                a:  lock(m);
                    o = self;
                b:  unlock(m);
                }
                %s
                scenario s { thread A = w(); thread B = w(); }
                """;
        SpecSystem unused = system(text.formatted("void never() {\nx:  o = 1;\n}"));
        assertTrue(unused.symmetry().active(), "no thread calls never(): " + unused.symmetry().note());
        assertRefused(text.formatted("bool mine(thread_t t) { return t == 0; }"), "thread id literal 0 at");
    }

    @Test
    void literalsThatOnlyShapeTheInitialStateAreAllowed() {
        SpecSystem ts = system("""
                thread_t o;
                void w(thread_t peer) {
                a:  o = peer;
                }
                scenario s { init { o = 1; } thread A = w(0); thread B = w(0); }
                """);
        assertTrue(ts.symmetry().active(), ts.symmetry().note());
    }

    @Test
    void threadsWithOtherArgumentsOrProceduresAreNotInterchangeable() {
        SpecSystem ts = system("""
                int<0..3> g;
                void w(int<0..3> k) {
                a:  g = k;
                }
                void v(int<0..3> k) {
                a:  g = k;
                }
                scenario s { thread A = w(1); thread B = w(2); thread C = v(1); thread D = w(1); }
                """);
        assertEquals(List.of(List.of(0, 3)), ts.symmetry().classes());
        SpecSystem none = system("""
                int<0..3> g;
                void w(int<0..3> k) {
                a:  g = k;
                }
                scenario s { thread A = w(1); thread B = w(2); }
                """);
        assertFalse(none.symmetry().hasCandidates());
        assertEquals(none, none.withSymmetry(true), "nothing to permute: the same system");
    }

    private static void assertRefused(String text, String why) {
        SpecSystem ts = system(text);
        assertTrue(ts.symmetry().hasCandidates());
        assertFalse(ts.symmetry().active(), text);
        assertTrue(ts.symmetry().note().startsWith("symmetry: off (" + why), ts.symmetry().note());
        SpecState s = ts.initialState();
        assertEquals(s.fingerprint(), ts.withSymmetry(true).fingerprint(s));
    }

    /**
     * Why the refusal matters: the second thread to run faults only when it is thread 1. Forcing symmetry
     * on anyway merges "A ran first" with "B ran first", and the search never sees B first: the violation
     * is lost. The detector refuses the scenario, and the search finds it.
     */
    @Test
    void aWrongSymmetryWouldHideAViolationAndIsRefused() {
        SpecSystem ts = system("""
                int<0..3> x;
                void w() {
                a:  x++;
                b:  assert !(self == 1 && x == 1), "B went first";
                }
                scenario s { thread A = w(); thread B = w(); }
                """);
        assertTrue(reach(ts, SpecState::fingerprint).fault(), "the unreduced search finds it");
        Symmetry wrong = Symmetry.of(ts.ir(), ts.initialState().raw(), false);
        assertTrue(wrong.active());
        assertFalse(reach(ts, wrong::fingerprint).fault(), "a wrong symmetry loses it");
        assertFalse(ts.symmetry().active(), ts.symmetry().note());
        SpecSystem sym = ts.withSymmetry(true);
        assertTrue(reach(sym, sym::fingerprint).fault(), "the refused symmetry keeps it");
    }

    @Test
    void auditedSystemsAreNotSymmetric() {
        SpecSystem ts = system(COUNTER);
        assertTrue(ts.withSymmetry(true).symmetric());
        assertFalse(ts.withAudit(true).withSymmetry(true).symmetric());
        assertFalse(ts.withSymmetry(true).withAudit(true).symmetric());
        assertTrue(ts.withSymmetry(true).replica().symmetric(), "replicas keep it");
    }
}
