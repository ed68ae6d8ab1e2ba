package org.mmspec.checker.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of small, valid spec-language programs with one scenario, for the differential test of
 * the search engines ({@link EngineDifferentialTest}). The same seed gives the same text on every JDK.
 *
 * <p>A program has a few globals (ints of range {@code 0..3}, an array, a flag, a {@code thread_t} "last
 * writer", a {@code bool} array indexed by thread, zero to two mutexes), helpers of four kinds — a
 * <em>function</em> that reads globals (called in expressions), a <em>procedure with steps</em> that returns
 * a value (called as {@code g = h(x);} into a global, {@code x = h(x);} into a local, or for its effect), a
 * label-less procedure that writes a global, and a label-less procedure on locals only (both run inline) —
 * and one to three thread procedures cut into steps by labels. Steps mix local-only work (what partial-order
 * reduction may explore alone) with global reads and writes, {@code if}, bounded {@code while} and
 * {@code for} loops, labelled loops, {@code either}, {@code with}, {@code await}, lock, unlock and
 * {@code trylock}, atomic built-ins, {@code self}, early returns, {@code assert}s and {@code VM_BUG_ON}s.
 * The scenario runs two to four threads, often two of them with the same procedure and arguments (thread
 * symmetry has something to find), and checks one or two invariants over the globals that sometimes fail.
 * Locks taken in different orders, an {@code await} that never holds and a lock never released give
 * deadlocks and kernel BUGs now and then; counters that overflow their range give model errors.
 */
final class RandomSpec {

    private final SplittableRandom r;
    private final StringBuilder b = new StringBuilder();
    private final int ints;
    private final boolean array;
    private final boolean flag;
    private final boolean last;
    private final boolean seen;
    private final int mutexes;
    /** Per helper: its kind. */
    private final List<Helper> helpers = new ArrayList<>();
    private RandomSpecBody body;
    private final RandomSpecExtras extras;

    /** The kinds of helper procedure. */
    enum Helper {
        /** {@code int fnK(int a)}: no labels, reads globals; called in expressions. */
        FUNCTION,
        /** {@code int<0..3> hK(int<0..3> a)}: labels (steps), returns a value. */
        STEPS,
        /** {@code void setK(int<0..3> v)}: no labels, writes a global; runs inline. */
        SETTER,
        /** {@code int<0..3> locK(int<0..3> a)}: no labels, locals only; runs inline. */
        LOCAL
    }

    private RandomSpec(long seed) {
        this.r = new SplittableRandom(seed);
        this.ints = 1 + r.nextInt(3);
        this.array = r.nextInt(3) == 0;
        this.flag = r.nextBoolean();
        this.last = r.nextInt(4) == 0;
        this.seen = r.nextInt(4) == 0;
        this.mutexes = r.nextInt(5) < 2 ? 0 : r.nextInt(4) == 0 ? 2 : 1;
        this.extras = new RandomSpecExtras(r);
    }

    /** The program of {@code seed}. */
    static String generate(long seed) {
        return new RandomSpec(seed).program(seed);
    }

    private String program(long seed) {
        b.append("// random spec program, seed ").append(seed).append('\n');
        globals();
        int n = r.nextInt(4);
        for (int k = 0; k < n; k++) {
            // a helper with steps half the time: its return into a global is what reduction must get right
            helpers.add(r.nextBoolean() ? Helper.STEPS : Helper.values()[r.nextInt(Helper.values().length)]);
        }
        body = new RandomSpecBody(r, this);
        for (int k = 0; k < n; k++) {
            helper(k);
        }
        int procs = 1 + r.nextInt(3);
        for (int p = 0; p < procs; p++) {
            b.append(body.threadProc(p));
        }
        invariants();
        scenario(procs);
        return b.toString();
    }

    private void globals() {
        for (int g = 0; g < ints; g++) {
            b.append("int<0..3> g").append(g).append(";\n");
        }
        if (array) {
            b.append("int<0..3> ga[2];\n");
        }
        if (flag) {
            b.append("bool gf;\n");
        }
        if (last) {
            b.append("thread_t gl = NULL;\n");
        }
        if (seen) {
            b.append("bool gs[thread_t];\n");
        }
        for (int m = 0; m < mutexes; m++) {
            b.append("mutex m").append(m).append(";\n");
        }
        b.append(extras.declarations());
    }

    private void helper(int k) {
        switch (helpers.get(k)) {
            case FUNCTION -> b.append("int fn").append(k).append("(int a) { return (a + ").append(globalInt())
                    .append(") % 4; }\n");
            case STEPS -> b.append(body.stepsHelper(k));
            case SETTER -> b.append("void set").append(k).append("(int<0..3> v) { ").append(globalInt())
                    .append(" = v; }\n");
            case LOCAL -> b.append("int<0..3> loc").append(k).append("(int<0..3> a) { int<0..3> z = (a + ")
                    .append(1 + r.nextInt(3)).append(") % 4; return z; }\n");
        }
    }

    private void invariants() {
        int n = 1 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
            b.append("invariant i").append(i).append(": ").append(invariant()).append(";\n");
        }
    }

    private String invariant() {
        String extra = extras.invariant();
        if (extra != null && r.nextInt(4) == 0) {
            return extra;
        }
        return switch (r.nextInt(9)) {
            case 7, 8 -> "!(" + globalInt() + " == " + r.nextInt(4) + " && " + globalInt() + " == " + r.nextInt(4) + ")";
            case 0 -> ints > 1 ? "g0 + g1 <= " + (3 + r.nextInt(3)) : "g0 <= " + (1 + r.nextInt(3));
            case 1 -> flag ? "!(gf && g0 == " + r.nextInt(4) + ")" : "g0 != " + (2 + r.nextInt(2));
            case 2 -> seen ? "(count t in thread_t: gs[t]) <= " + (1 + r.nextInt(2)) : "g0 < 3";
            case 3 -> array ? "forall i in 0..1: ga[i] <= " + (1 + r.nextInt(3)) : "g0 <= 2";
            case 4 -> last ? "gl == NULL || g0 != " + r.nextInt(4) : "g0 != 1 || " + globalInt() + " != 2";
            case 5 -> mutexes > 0 ? "!locked(m0) || " + globalInt() + " < 3" : globalInt() + " <= 2";
            default -> globalInt() + " != " + (1 + r.nextInt(3));
        };
    }

    private void scenario(int procs) {
        b.append("scenario s {\n");
        if (r.nextInt(3) == 0) {
            b.append("    init { g0 = ").append(r.nextInt(3)).append("; }\n");
        }
        int threads = 2 + r.nextInt(3);
        String previous = null;
        for (int t = 0; t < threads; t++) {
            String call = previous != null && r.nextInt(5) < 2 ? previous
                    : "t" + r.nextInt(procs) + "(" + r.nextInt(4) + ")";
            b.append("    thread T").append(t).append(" = ").append(call).append(";\n");
            previous = call;
        }
        b.append("}\n");
    }

    // What the body generator may use.

    SplittableRandom random() {
        return r;
    }

    List<Helper> helpers() {
        return helpers;
    }

    int mutexes() {
        return mutexes;
    }

    boolean hasFlag() {
        return flag;
    }

    boolean hasArray() {
        return array;
    }

    boolean hasLast() {
        return last;
    }

    boolean hasSeen() {
        return seen;
    }

    /** One of the int globals. */
    String globalInt() {
        return "g" + r.nextInt(ints);
    }

    RandomSpecExtras extras() {
        return extras;
    }

    /** A condition over globals only (for {@code await} and invariants). */
    String globalCondition() {
        String extra = extras.condition();
        if (extra != null && r.nextInt(5) == 0) {
            return extra;
        }
        return switch (r.nextInt(6)) {
            case 0 -> globalInt() + " != 0";
            case 1 -> flag ? (r.nextBoolean() ? "gf" : "!gf") : globalInt() + " == 0";
            case 2 -> globalInt() + " >= " + globalInt();
            case 3 -> last ? "gl != NULL" : globalInt() + " < 2";
            case 4 -> mutexes > 0 ? "!locked(m" + r.nextInt(mutexes) + ")" : globalInt() + " <= 1";
            default -> array ? "ga[" + r.nextInt(2) + "] == " + r.nextInt(3) : globalInt() + " != 3";
        };
    }
}
