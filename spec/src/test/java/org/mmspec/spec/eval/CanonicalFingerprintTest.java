package org.mmspec.spec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.diag.DiagnosticRenderer;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;

/**
 * The search's canonical fingerprints ({@link CanonicalFingerprint}: scratch arrays, fast paths for sorted
 * classes, classes of two and regions that only move, an image hashed by the slots it moves) against the
 * definition ({@link CanonicalDefinition}: the least image, allocated and hashed whole), state by state on every
 * reachable state of models that take each path; and each way of breaking the fast path, caught both by that
 * comparison and by a changed count of states.
 */
class CanonicalFingerprintTest {

    /** Thread ids in locals: a class of three whose keys depend on frames ({@link SlotMap#key}). */
    static final String LOCALS = """
            list<thread_t, 3> q;
            spinlock_t m;
            int<0..9> seen_others;
            void w() {
            a:  lock(m);
                list_add_tail(q, self);
                unlock(m);
            b:  lock(m);
                int i = 0;
                while (i < size(q)) {
                c:  thread_t t = q[i];
                    if (t != self) {
                        seen_others++;
                    }
                    i++;
                }
                unlock(m);
            }
            scenario s { thread A = w(); thread B = w(); thread C = w(); }
            """;

    /**
     * Tied threads whose order matters: both at {@code c} with the queue in either order are one orbit, reached
     * from two orbits (the one ahead first in the queue, or second), so a canonical form that takes ties for
     * untied keeps both.
     */
    static final String TIES = """
            list<thread_t, 2> q;
            int<0..9> n;
            void w() {
            a:  list_add_tail(q, self);
            b:  n++;
            c:  n++;
            }
            scenario s { thread A = w(); thread B = w(); }
            """;

    /**
     * A class of three whose threads, all at {@code b}, differ in their last slot alone (the value {@code v}
     * each chose): a comparison that stops short of it leaves them unsorted.
     */
    static final String LAST_SLOT = """
            int<0..3> c;
            void w() {
            a:  with (v in 0..2) {
                b:  c++;
                }
            }
            scenario s { thread A = w(); thread B = w(); thread C = w(); }
            """;

    /** Models by name: classes of two and three, with thread ids nowhere, in globals, in frames. */
    private static Map<String, SpecSystem> models() {
        Map<String, SpecSystem> out = new TreeMap<>();
        out.put("counter", SymmetryTest.system(SymmetryTest.COUNTER));
        out.put("ids", SymmetryTest.system(SymmetryTest.IDS));
        out.put("locals", SymmetryTest.system(LOCALS));
        out.put("ties", SymmetryTest.system(TIES));
        out.put("last slot", SymmetryTest.system(LAST_SLOT));
        out.put("killable", scenario(Path.of("mm", "lock_page_killable.mmspec"), Path.of("mm"),
                "lock_page_killable_wakeup_fixed"));
        out.put("swap tiny", scenario(Path.of("..", "bench", "models", "swap_faults_vs_reclaim.mmspec"),
                Path.of("..", "bench", "models"), "tiny"));
        out.values().forEach(s -> assertTrue(s.symmetry().active(), s.symmetry().note()));
        return out;
    }

    private static SpecSystem scenario(Path file, Path root, String name) {
        return switch (SpecLoader.load(file, root)) {
            case LoadResult.Loaded l -> l.program().scenario(name).orElseThrow().spec();
            case LoadResult.Rejected r -> fail(file + " rejected:\n" + DiagnosticRenderer.renderAll(r.diagnostics()));
        };
    }

    /** Up to {@code limit} states the unreduced search reaches, in BFS order. */
    private static List<SpecState> states(SpecSystem ts, int limit) {
        Set<SpecState> seen = new HashSet<>(List.of(ts.initialState()));
        ArrayDeque<SpecState> queue = new ArrayDeque<>(seen);
        List<SpecState> out = new ArrayList<>();
        while (!queue.isEmpty() && out.size() < limit) {
            SpecState s = queue.poll();
            out.add(s);
            for (int t = 0; t < ts.threadCount() && ts.fault(s) == null; t++) {
                for (SpecState n : ts.successors(s, t)) {
                    if (seen.add(n)) {
                        queue.add(n);
                    }
                }
            }
        }
        return out;
    }

    /** The states of {@code states} whose fingerprint under {@code sym} is not their canonical form's. */
    private static int wrong(SpecSystem sym, List<SpecState> states) {
        int wrong = 0;
        for (SpecState s : states) {
            wrong += sym.fingerprint(s) == SpecState.fingerprint(CanonicalDefinition.of(sym.symmetry(), s)) ? 0 : 1;
        }
        return wrong;
    }

    @Test
    void everyReachableStateFingerprintsAsItsCanonicalForm() {
        int itself = 0;
        int moved = 0;
        int total = 0;
        for (var e : models().entrySet()) {
            SpecSystem sym = e.getValue().withSymmetry(true);
            List<SpecState> states = states(e.getValue(), 20_000);
            assertEquals(0, wrong(sym, states), e.getKey());
            assertEquals(0, wrong(sym.replica(), states.reversed()), e.getKey() + ", another order and scratch");
            for (SpecState s : states) {
                boolean same = java.util.Arrays.equals(CanonicalDefinition.of(sym.symmetry(), s), s.slots());
                itself += same ? 1 : 0;
                moved += !same && sym.symmetry().regionsOnly(s.raw()) ? 1 : 0;
            }
            total += states.size();
        }
        assertTrue(itself > 100 && moved > 100 && itself + moved < total,
                "paths taken: itself " + itself + ", regions moved " + moved + ", of " + total);
    }

    /**
     * Each flaw gives wrong fingerprints and splits or merges orbits: the distinct fingerprints of the reachable
     * states are no longer their orbits. Skipping the sort or leaving a moved region unhashed also changes the
     * count of the search with symmetry; taking tied threads for untied does not change it on these toys (their
     * search reaches the two orders of a tie only from representatives of one chirality, so the split orbits'
     * other halves are never generated), which is why the orbit count is the test.
     */
    @Test
    void eachBrokenFastPathGivesWrongFingerprintsAndWrongCounts() {
        Map<String, SpecSystem> models = models();
        for (CanonicalFingerprint.Flaw flaw : CanonicalFingerprint.Flaw.values()) {
            if (flaw == CanonicalFingerprint.Flaw.NONE) {
                continue;
            }
            List<String> orbits = new ArrayList<>();
            List<String> searches = new ArrayList<>();
            for (var e : models.entrySet()) {
                SpecSystem ts = e.getValue();
                if (e.getKey().startsWith("swap")) {
                    continue;                              // the toys and killable: small enough to search here
                }
                SpecSystem sound = ts.withSymmetry(true);
                SpecSystem broken = ts.withBrokenCanonical(flaw);
                List<SpecState> all = states(ts, 20_000);
                long soundOrbits = all.stream().mapToLong(sound::fingerprint).distinct().count();
                long brokenOrbits = all.stream().mapToLong(broken::fingerprint).distinct().count();
                if (soundOrbits != brokenOrbits && wrong(broken, all) > 0) {
                    orbits.add(e.getKey() + " " + soundOrbits + " -> " + brokenOrbits);
                }
                int soundStates = SymmetryTest.reach(sound, sound::fingerprint).states();
                int brokenStates = SymmetryTest.reach(broken, broken::fingerprint).states();
                if (soundStates != brokenStates) {
                    searches.add(e.getKey() + " " + soundStates + " -> " + brokenStates);
                }
            }
            assertNotEquals(List.of(), orbits, flaw + " splits or merges no orbit");
            if (flaw != CanonicalFingerprint.Flaw.TIES_UNTIED) {
                assertNotEquals(List.of(), searches, flaw + " changes no search's count");
            }
        }
    }

    /** The flaws must not leak: the broken system's replicas and searches with symmetry keep the flaw. */
    @Test
    void replicasKeepTheFlaw() {
        SpecSystem ts = SymmetryTest.system(SymmetryTest.COUNTER);
        SpecSystem broken = ts.withBrokenCanonical(CanonicalFingerprint.Flaw.UNSORTED).replica();
        assertEquals(27, SymmetryTest.reach(broken, broken::fingerprint).states(), "no reduction left");
        SpecSystem sound = ts.withSymmetry(true).replica();
        assertEquals(10, SymmetryTest.reach(sound, sound::fingerprint).states());
    }
}
