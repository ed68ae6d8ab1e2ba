package org.mmspec.spec.eval;

import java.util.Arrays;
import org.mmspec.spec.ir.Layout;

/**
 * The canonical form of one state under a {@link Symmetry}, by its definition: the least image among the
 * permutations that sort each class's threads by their {@link SlotMap#key keys}, every order of threads with
 * equal keys tried, each image allocated and compared whole. Written for clarity, for the tests that hold the
 * search's {@link CanonicalFingerprint} to it; it shares only the key and the image ({@link Canonical}).
 */
final class CanonicalDefinition {

    private final Symmetry sym;
    private final Layout layout;
    private final int[] s;
    private final int n;
    /** Per class: its threads in key order (ties adjacent); per class, where each tie group ends. */
    private final int[][] order;
    private final boolean[][] tiedWithNext;

    CanonicalDefinition(Symmetry sym, int[] s) {
        this.sym = sym;
        this.layout = sym.layout();
        this.s = s;
        this.n = layout.threadCount();
        int[][] classes = sym.classArray();
        this.order = new int[classes.length][];
        this.tiedWithNext = new boolean[classes.length][];
        for (int c = 0; c < classes.length; c++) {
            sortClass(c, classes[c]);
        }
    }

    private void sortClass(int c, int[] members) {
        int m = members.length;
        int[][] keys = sym.framesHoldThreads() ? new int[m][] : null;   // else a key is the region itself
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            if (keys != null) {
                keys[i] = key(members[i]);
            }
            idx[i] = i;
        }
        for (int i = 1; i < m; i++) {              // insertion sort (at most MAX_CLASS), stable: ties in id order
            int x = idx[i];
            int j = i - 1;
            while (j >= 0 && compare(keys, members, idx[j], x) > 0) {
                idx[j + 1] = idx[j];
                j--;
            }
            idx[j + 1] = x;
        }
        order[c] = new int[m];
        tiedWithNext[c] = new boolean[m];
        for (int i = 0; i < m; i++) {
            order[c][i] = members[idx[i]];
            tiedWithNext[c][i] = i + 1 < m && compare(keys, members, idx[i], idx[i + 1]) == 0;
        }
    }

    /** Compares the keys of members {@code a} and {@code b}: their regions in place when no frame holds ids. */
    private int compare(int[][] keys, int[] members, int a, int b) {
        if (keys != null) {
            return Arrays.compare(keys[a], keys[b]);
        }
        int ta = members[a];
        int tb = members[b];
        return Arrays.compare(s, layout.threadBase(ta), layout.threadEnd(ta), s, layout.threadBase(tb),
                layout.threadEnd(tb));
    }

    /** Thread {@code t}'s region with its active frames keyed ({@link SlotMap#key}). */
    private int[] key(int t) {
        int[] out = new int[layout.threadEnd(t) - layout.threadBase(t)];
        Canonical.key(sym, s, t, out, 0);
        return out;
    }

    /** The canonical form of {@code s}: the least image, or the state's slots when no thread is interchangeable. */
    static int[] of(Symmetry sym, SpecState s) {
        return sym.active() ? new CanonicalDefinition(sym, s.raw()).least() : s.slots();
    }

    /**
     * The least image among the sorting permutations (dead thread-holding locals cleared, {@link Assigned}):
     * the canonical form.
     */
    int[] least() {
        int[][] groups = tieGroups();
        int[] perm = sortingPermutation();
        int[] best = image(perm);
        while (next(groups, perm)) {
            int[] candidate = image(perm);
            if (Arrays.compare(candidate, best) < 0) {
                best = candidate;
            }
        }
        return best;
    }

    /** Thread {@code order[c][k]} goes to the class's k-th smallest id; threads in no class stay. */
    private int[] sortingPermutation() {
        int[] perm = new int[n];
        for (int t = 0; t < n; t++) {
            perm[t] = t;
        }
        int[][] classes = sym.classArray();
        for (int c = 0; c < classes.length; c++) {
            for (int k = 0; k < classes[c].length; k++) {
                perm[order[c][k]] = classes[c][k];
            }
        }
        return perm;
    }

    /** Each group of tied threads: the target positions (ascending ids) they are permuted over. */
    private int[][] tieGroups() {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        int[][] classes = sym.classArray();
        for (int c = 0; c < classes.length; c++) {
            int from = 0;
            for (int k = 0; k < classes[c].length; k++) {
                if (!tiedWithNext[c][k]) {
                    if (k > from) {
                        out.add(Arrays.copyOfRange(order[c], from, k + 1));
                    }
                    from = k + 1;
                }
            }
        }
        return out.toArray(new int[0][]);
    }

    /**
     * Advances {@code perm} to the next combination of orders of the tie groups (an odometer of
     * lexicographic permutations of each group's targets); false when every combination has been seen.
     */
    private boolean next(int[][] groups, int[] perm) {
        for (int[] g : groups) {
            int[] targets = new int[g.length];
            for (int i = 0; i < g.length; i++) {
                targets[i] = perm[g[i]];
            }
            boolean advanced = Canonical.nextPermutation(targets, targets.length);
            for (int i = 0; i < g.length; i++) {
                perm[g[i]] = targets[i];
            }
            if (advanced) {
                return true;
            }
        }
        return false;
    }

    /** {@code s} with thread {@code t} renamed {@code perm[t]} everywhere. */
    int[] image(int[] perm) {
        int[] out = new int[s.length];
        Canonical.image(sym, s, perm, out);
        return out;
    }
}
