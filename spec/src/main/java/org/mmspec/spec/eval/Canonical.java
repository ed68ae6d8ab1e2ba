package org.mmspec.spec.eval;

import java.util.Arrays;
import org.mmspec.spec.ir.Layout;

/**
 * The pieces of a state's canonical form under a {@link Symmetry}: a thread's sort key, the image of a state
 * under a permutation of its threads, and the next order of a tie group. {@link CanonicalFingerprint} puts
 * them together for the search (the least image among the permutations that sort each class's threads by
 * their {@link SlotMap#key keys}, every order of threads with equal keys tried), without allocating; the
 * tests hold it to the definition written out whole.
 */
final class Canonical {

    private Canonical() {
    }

    /** Writes thread {@code t}'s region of {@code s} with its active frames keyed to {@code out} from {@code at}. */
    static void key(Symmetry sym, int[] s, int t, int[] out, int at) {
        Layout layout = sym.layout();
        int base = layout.threadBase(t);
        System.arraycopy(s, base, out, at, layout.threadEnd(t) - base);
        if (s[base + Layout.STATUS] != Machine.RUNNING && s[base + Layout.STATUS] != Machine.NOT_STARTED) {
            return;
        }
        int p = s[base + Layout.TOP];
        for (int guard = 0; p >= 0 && p < layout.procCount() && guard <= layout.procCount(); guard++) {
            int fb = layout.frameBase(t, p);
            if (fb < 0) {
                break;
            }
            SlotMap f = sym.frame(p);
            f.key(s, fb, out, fb - base + at, t, sym.classOf(), f.kind.length, sym.live(p, s[fb + Layout.FRAME_PC]));
            p = s[fb + Layout.FRAME_CALLER];
        }
    }

    /**
     * The next lexicographic permutation of {@code a}'s first {@code len} elements, in place; at the last one,
     * resets them to the first and returns false.
     */
    static boolean nextPermutation(int[] a, int len) {
        int i = len - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            Arrays.sort(a, 0, len);
            return false;
        }
        int j = len - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, r = len - 1; l < r; l++, r--) {
            t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return true;
    }

    /** Writes {@code s} with thread {@code t} renamed {@code perm[t]} everywhere to {@code out} (all of it). */
    static void image(Symmetry sym, int[] s, int[] perm, int[] out) {
        Layout layout = sym.layout();
        int n = layout.threadCount();
        sym.globals().image(s, 0, out, 0, perm, n == 0 ? s.length : layout.threadBase(0), -1L);   // header: plain
        if (s[Layout.FAULT_KIND] != 0) {
            out[Layout.FAULT_THREAD] = SlotMap.id(s[Layout.FAULT_THREAD], perm);
        }
        for (int t = 0; t < n; t++) {
            int base = layout.threadBase(t);
            int to = layout.threadBase(perm[t]);
            System.arraycopy(s, base, out, to, layout.threadEnd(t) - base);
            if (s[base + Layout.STATUS] != Machine.RUNNING && s[base + Layout.STATUS] != Machine.NOT_STARTED) {
                continue;
            }
            int p = s[base + Layout.TOP];
            for (int guard = 0; p >= 0 && p < layout.procCount() && guard <= layout.procCount(); guard++) {
                int fb = layout.frameBase(t, p);        // a procedure on t's call stack, innermost first
                if (fb < 0) {
                    break;
                }
                SlotMap f = sym.frame(p);
                f.image(s, fb, out, fb - base + to, perm, f.kind.length, sym.live(p, s[fb + Layout.FRAME_PC]));
                p = s[fb + Layout.FRAME_CALLER];
            }
        }
    }
}
