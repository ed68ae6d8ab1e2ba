package org.mmspec.spec.eval;

import java.util.Arrays;
import org.mmspec.spec.ir.Layout;

/**
 * The fingerprint of a state's canonical form under a {@link Symmetry}, worked out with scratch arrays this
 * object owns: the fingerprint of the least image among the permutations that sort each class's threads by
 * their {@link SlotMap#key keys}, every order of tied threads tried (the canonical form), with no allocation
 * per state (the tests hold it to that definition written out whole). One per system instance (a search worker's replica has its own); not for two
 * threads at once.
 *
 * <p>Hand-written speed code (issue 14): each class is sorted in place, its keys compared where they lie when
 * no frame holds a thread id (a thread's key is then its region), slot by slot in a plain loop (keys are a few
 * slots long, shorter than {@link Arrays#compare}'s range checks and vectorised mismatch pay for), and a class
 * of two threads costs one comparison. Ties are looked for only where they can matter: where only regions
 * move, tied threads have equal regions, so every order of them gives the same image (a sorted class of three
 * then costs two comparisons, not four). Where the threads are in key order already and nothing but regions would move, the canonical
 * form is the state itself: its own fingerprint, no image. Where only regions move ({@link
 * Symmetry#regionsOnly}), the image's hash sum is the state's with the terms of the slots where a moved
 * region differs from the one it replaces changed: no image is built. Otherwise the image (or, with tied
 * threads whose order matters, every candidate image) is written into scratch and hashed against the state.
 */
final class CanonicalFingerprint {

    /** How to break it, for tests that show the checks of this fast path fail when it is wrong. */
    enum Flaw {
        /** Sound. */
        NONE,
        /** Tied threads are treated as untied (ties are never looked for): only the sorting permutation's image is hashed. */
        TIES_UNTIED,
        /** The plain-loop comparison of two keys stops one slot short (their last slots are taken as equal). */
        LAST_SLOT_IGNORED,
        /** The sort is skipped: every class keeps its id order. */
        UNSORTED,
        /** Only the first region a permutation moves is hashed; the others keep their old terms. */
        FIRST_REGION_HASHED
    }

    private final Symmetry sym;
    private final Layout layout;
    private final Flaw flaw;
    private final int[][] classes;
    /** Per class: its threads in key order (ties adjacent, in id order), and which tie with the next. */
    private final int[][] order;
    private final boolean[][] tied;
    /** Thread {@code t} goes to {@code perm[t]}; a tie group's targets while its orders are tried. */
    private final int[] perm;
    private final int[] targets;
    /** Per class: where its members' regions start, and their common width ({@code -1}: the widths differ). */
    private final int[][] bases;
    private final int[] widths;
    /** Whether two threads of a class tied in the last {@link #of}'s sort, where ties were looked for. */
    private boolean anyTie;
    /** Per class member {@code i}: its key from {@code i * keyStride}, when frames hold thread ids. */
    private final int[] keys;
    private final int keyStride;
    /** Sort scratch: member indices. */
    private final int[] idx;
    /** The candidate image and the least so far. */
    private int[] image;
    private int[] best;
    private int[] s;

    CanonicalFingerprint(Symmetry sym, Flaw flaw) {
        this.sym = sym;
        this.layout = sym.layout();
        this.flaw = flaw;
        this.classes = sym.classArray();
        this.order = new int[classes.length][];
        this.tied = new boolean[classes.length][];
        this.bases = new int[classes.length][];
        this.widths = new int[classes.length];
        int widest = 0;
        int largest = 0;
        for (int c = 0; c < classes.length; c++) {
            order[c] = new int[classes[c].length];
            tied[c] = new boolean[classes[c].length];
            bases[c] = new int[classes[c].length];
            largest = Math.max(largest, classes[c].length);
            widths[c] = layout.threadEnd(classes[c][0]) - layout.threadBase(classes[c][0]);
            for (int i = 0; i < classes[c].length; i++) {
                int t = classes[c][i];
                int w = layout.threadEnd(t) - layout.threadBase(t);
                bases[c][i] = layout.threadBase(t);
                widths[c] = w == widths[c] ? w : -1;
                widest = Math.max(widest, w);
            }
        }
        this.perm = new int[layout.threadCount()];
        this.targets = new int[largest];
        this.idx = new int[largest];
        this.keyStride = widest;
        this.keys = sym.framesHoldThreads() ? new int[largest * widest] : new int[0];
        this.image = new int[layout.size()];
        this.best = new int[layout.size()];
    }

    /** How {@code c} is broken: {@link Flaw#NONE} when it is not, or is null (tests break a system's on purpose). */
    static Flaw flawOf(CanonicalFingerprint c) {
        return c == null ? Flaw.NONE : c.flaw;
    }

    /** The fingerprint of {@code st}'s canonical form. */
    long of(SpecState st) {
        this.s = st.raw();
        boolean regionsOnly = sym.regionsOnly(s);
        // where only regions move, tied threads have equal regions: any order of them gives the one image
        boolean findTies = !regionsOnly && flaw != Flaw.TIES_UNTIED;
        anyTie = false;
        boolean identity = true;
        for (int c = 0; c < classes.length; c++) {
            identity &= sortClass(c, findTies);
        }
        if (anyTie) {
            return st.fingerprintOf(least());
        }
        if (identity && !sym.framesHoldThreads()) {
            return st.fingerprint();                 // sorted already, nothing renamed: the state itself
        }
        sortingPermutation();
        if (regionsOnly) {
            return st.fingerprintPlus(movedRegionsDelta());
        }
        Canonical.image(sym, s, perm, image);
        return st.fingerprintOf(image);
    }

    /**
     * Sorts class {@code c} by key into {@link #order} (stable), with its ties in {@link #tied} (and
     * {@link #anyTie}) when {@code findTies}; whether the class is in key order already.
     */
    private boolean sortClass(int c, boolean findTies) {
        int[] members = classes[c];
        int[] ord = order[c];
        int m = members.length;
        if (keys.length > 0) {
            for (int i = 0; i < m; i++) {
                Canonical.key(sym, s, members[i], keys, i * keyStride);
            }
        }
        if (m == 2) {                                // the common class: one comparison
            int cmp = flaw == Flaw.UNSORTED ? -1 : compare(c, 0, 1);
            ord[0] = members[cmp > 0 ? 1 : 0];
            ord[1] = members[cmp > 0 ? 0 : 1];
            tied[c][0] = findTies && cmp == 0;
            anyTie |= tied[c][0];
            return cmp <= 0;
        }
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        boolean sorted = true;
        for (int i = 1; i < m && flaw != Flaw.UNSORTED; i++) {     // insertion sort: ties stay in id order
            int x = idx[i];
            int j = i - 1;
            while (j >= 0 && compare(c, idx[j], x) > 0) {
                idx[j + 1] = idx[j];
                j--;
            }
            idx[j + 1] = x;
            sorted &= j == i - 1;
        }
        for (int i = 0; i < m; i++) {
            ord[i] = members[idx[i]];
            tied[c][i] = findTies && i + 1 < m && compare(c, idx[i], idx[i + 1]) == 0;
            anyTie |= tied[c][i];
        }
        return sorted;
    }

    /**
     * Compares the keys of members {@code a} and {@code b} of class {@code c} as {@link Arrays#compare} does:
     * in place, their regions, when no frame holds ids.
     */
    private int compare(int c, int a, int b) {
        int w = widths[c];
        if (w < 0) {
            return compareWidths(classes[c], a, b);
        }
        int[] k = keys.length > 0 ? keys : s;
        int at = keys.length > 0 ? a * keyStride : bases[c][a];
        int bt = keys.length > 0 ? b * keyStride : bases[c][b];
        int n = flaw == Flaw.LAST_SLOT_IGNORED ? w - 1 : w;
        for (int j = 0; j < n; j++) {               // a plain loop: keys are short and differ early
            int x = k[at + j];
            int y = k[bt + j];
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        return 0;
    }

    /** As {@link #compare} for a class whose members' regions differ in width. */
    private int compareWidths(int[] members, int a, int b) {
        int ta = members[a];
        int tb = members[b];
        int wa = layout.threadEnd(ta) - layout.threadBase(ta);
        int wb = layout.threadEnd(tb) - layout.threadBase(tb);
        if (keys.length > 0) {
            return Arrays.compare(keys, a * keyStride, a * keyStride + wa, keys, b * keyStride, b * keyStride + wb);
        }
        return Arrays.compare(s, layout.threadBase(ta), layout.threadBase(ta) + wa, s, layout.threadBase(tb),
                layout.threadBase(tb) + wb);
    }

    /** Fills {@link #perm}: thread {@code order[c][k]} goes to the class's k-th id. */
    private void sortingPermutation() {
        for (int t = 0; t < perm.length; t++) {
            perm[t] = t;
        }
        for (int c = 0; c < classes.length; c++) {
            for (int k = 0; k < classes[c].length; k++) {
                perm[order[c][k]] = classes[c][k];
            }
        }
    }

    /**
     * The change of the hash sum from the state to its image when only regions move: region {@code t} lands on
     * region {@code perm[t]}, so each slot where the two differ trades the old value's term for the new one's.
     * Every target region is one moved thread's, so each changed slot is counted once.
     */
    private long movedRegionsDelta() {
        long delta = 0;
        for (int t = 0; t < perm.length; t++) {
            if (perm[t] == t) {
                continue;
            }
            int from = layout.threadBase(t);
            int to = layout.threadBase(perm[t]);
            int w = layout.threadEnd(t) - from;
            for (int j = 0; j < w; j++) {           // a plain loop: regions are short, most slots equal
                int x = s[from + j];
                int y = s[to + j];
                if (x != y) {
                    delta += SpecState.mix(to + j, x) - SpecState.mix(to + j, y);
                }
            }
            if (flaw == Flaw.FIRST_REGION_HASHED) {
                break;
            }
        }
        return delta;
    }

    /**
     * The least image among the sorting permutations, every order of each tie group tried (an odometer of
     * lexicographic permutations of the groups' targets): left in {@link #best}.
     */
    private int[] least() {
        sortingPermutation();
        Canonical.image(sym, s, perm, best);
        while (nextOrder()) {
            Canonical.image(sym, s, perm, image);
            if (Arrays.compare(image, best) < 0) {
                int[] swap = best;
                best = image;
                image = swap;
            }
        }
        return best;
    }

    /** Advances {@link #perm} to the next combination of the tie groups' orders; false after the last. */
    private boolean nextOrder() {
        for (int c = 0; c < classes.length; c++) {
            int from = 0;
            for (int k = 0; k < classes[c].length; k++) {
                if (tied[c][k]) {
                    continue;
                }
                if (k > from && nextOrder(order[c], from, k + 1)) {
                    return true;
                }
                from = k + 1;
            }
        }
        return false;
    }

    /** The next order of the tie group {@code group[from..to)}'s targets in {@link #perm}; false when it wrapped. */
    private boolean nextOrder(int[] group, int from, int to) {
        int g = to - from;
        for (int i = 0; i < g; i++) {
            targets[i] = perm[group[from + i]];
        }
        boolean advanced = Canonical.nextPermutation(targets, g);
        for (int i = 0; i < g; i++) {
            perm[group[from + i]] = targets[i];
        }
        return advanced;
    }
}
