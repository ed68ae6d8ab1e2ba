package org.mmspec.checker.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The procedures of a {@link RandomSpec}: thread procedures cut into steps, helpers with steps, and their
 * statements. Every procedure has locals {@code x}, {@code y}, {@code b} (and loop counters as needed);
 * names of loop, {@code with} and {@code for} variables and of labels are fresh, so nothing shadows.
 */
final class RandomSpecBody {

    private static final int MAX_DEPTH = 2;

    private final SplittableRandom r;
    private final RandomSpec spec;
    /** The procedure being written: its name (label prefix), the helpers it may call, whether a thread's. */
    private String proc;
    private int callable;
    private boolean thread;
    private int fresh;
    private final List<String> counters = new ArrayList<>();

    RandomSpecBody(SplittableRandom r, RandomSpec spec) {
        this.r = r;
        this.spec = spec;
    }

    /** Thread procedure {@code tP}: two to four labelled steps, locks taken and released across them. */
    String threadProc(int p) {
        begin("t" + p, spec.helpers().size(), true);
        int steps = 2 + r.nextInt(3);
        List<List<String>> segments = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            segments.add(segment());
        }
        locks(segments);
        for (List<String> seg : segments) {
            if (r.nextInt(3) == 0) {
                seg.add(callEndingAStep());
            }
        }
        StringBuilder out = new StringBuilder("void t").append(p).append("(int<0..3> p) {\n");
        out.append(locals("p"));
        for (int s = 0; s < steps; s++) {
            List<String> seg = segments.get(s);
            if (r.nextInt(6) == 0 && !seg.isEmpty()) {
                String c = counter();
                out.append(proc).append('_').append(s).append(": while (").append(c).append(" < ")
                        .append(1 + r.nextInt(2)).append(") {\n        ").append(c).append("++;\n");
                seg.forEach(st -> out.append("        ").append(st).append('\n'));
                out.append("    }\n");
                continue;
            }
            out.append(proc).append('_').append(s).append(":\n");
            seg.forEach(st -> out.append("    ").append(st).append('\n'));
        }
        if (segments.stream().allMatch(List::isEmpty)) {
            out.append("    x = y;\n");
        }
        return out.append("}\n").toString().replace("@COUNTERS@", counterDecls());
    }

    /** Helper {@code hK}: one or two labelled steps, then a return of a value. */
    String stepsHelper(int k) {
        begin("h" + k, k, false);
        StringBuilder out = new StringBuilder("int<0..3> h").append(k).append("(int<0..3> a) {\n").append(locals("a"));
        int steps = 1 + r.nextInt(2);
        for (int s = 0; s < steps; s++) {
            out.append(proc).append('_').append(s).append(":\n");
            // the last step is often local up to the return, the shape that returns a value into a global
            List<String> seg = s == steps - 1 && r.nextBoolean() ? List.of(local()) : segment();
            seg.forEach(st -> out.append("    ").append(st).append('\n'));
        }
        out.append("    return ").append(r.nextInt(3) > 0 ? "(x + y) % 4" : spec.globalInt()).append(";\n}\n");
        return out.toString().replace("@COUNTERS@", counterDecls());
    }

    private void begin(String name, int callableHelpers, boolean threadProc) {
        proc = name;
        callable = callableHelpers;
        thread = threadProc;
        fresh = 0;
        counters.clear();
    }

    private String locals(String param) {
        return "    int<0..3> x = " + param + ";\n    int<0..3> y" + (r.nextInt(3) == 0 ? "" : " = 0") + ";\n    bool b = false;\n"
                + spec.extras().locals()
                + "@COUNTERS@";
    }

    private String counterDecls() {
        StringBuilder out = new StringBuilder();
        counters.forEach(c -> out.append("    int<0..3> ").append(c).append(" = 0;\n"));
        return out.toString();
    }

    private String counter() {
        String c = "c" + counters.size();
        counters.add(c);
        return c;
    }

    /**
     * One step's statements: often local work only, which partial-order reduction may explore alone; often
     * reads of shared state only (with local work), which it must not.
     */
    private List<String> segment() {
        List<String> out = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        int kind = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.add(switch (kind) {
                case 0 -> local();
                case 1 -> r.nextBoolean() ? local() : readOnly();
                default -> statement(1);
            });
        }
        return out;
    }

    /** A statement that reads shared state and writes none. */
    private String readOnly() {
        return switch (r.nextInt(4)) {
            case 0, 1 -> globalRead();
            case 2 -> "if (" + spec.globalCondition() + ") { " + local() + " } else { " + local() + " }";
            default -> r.nextBoolean() ? "await " + spec.globalCondition() + ";" : "b = " + spec.globalCondition() + ";";
        };
    }

    /** Each mutex the procedure takes: locked at the start of one step, unlocked at the end of a later one (or never). */
    private void locks(List<List<String>> segments) {
        List<String[]> pairs = new ArrayList<>();
        for (int m = 0; m < spec.mutexes(); m++) {
            pairs.add(new String[] {"lock(m" + m + ");", "unlock(m" + m + ");"});
        }
        if (spec.extras().hasRwsem()) {
            pairs.add(spec.extras().rwsemPair());
        }
        for (String[] pair : pairs) {
            if (r.nextInt(3) == 0) {
                continue;
            }
            int take = r.nextInt(segments.size() - 1);
            segments.get(take).add(0, pair[0]);
            if (r.nextInt(10) != 0) {
                segments.get(take + 1 + r.nextInt(segments.size() - take - 1)).add(pair[1]);
            }
        }
    }

    private String statement(int depth) {
        int kind = r.nextInt(21);
        return switch (kind) {
            case 0, 1, 2 -> local();
            case 3, 4, 5 -> globalWrite();
            case 6, 7 -> globalRead();
            case 8 -> depth < MAX_DEPTH ? "if (" + condition() + ") { " + statement(depth + 1) + " } else { "
                    + statement(depth + 1) + " }" : local();
            case 9 -> depth < MAX_DEPTH ? loop(depth) : globalWrite();
            case 10, 11 -> depth < MAX_DEPTH ? "either { " + statement(depth + 1) + " } or { "
                    + labelled(depth + 1) + " }" : local();
            case 12 -> with(depth);
            case 13 -> "await " + spec.globalCondition() + ";";
            case 14 -> "assert " + condition() + ", \"" + proc + "_a" + fresh++ + "\";";
            case 15, 16 -> call();
            case 17 -> atomic();
            case 18 -> selfOrLock();
            case 20 -> spec.extras().any() ? spec.extras().statement(fresh++) : local();
            case 19 -> depth > 1 || r.nextBoolean() ? early() : "VM_BUG_ON(" + spec.globalInt() + " == 3 && x == 3);";
            default -> local();
        };
    }

    /** In a thread procedure, inside a branch or a loop: now and then a label there (a step that starts mid-block). */
    private String labelled(int depth) {
        String s = statement(depth);
        return thread && r.nextInt(4) == 0 ? proc + "_in" + fresh++ + ": " + s : s;
    }

    private String local() {
        return switch (r.nextInt(6)) {
            case 5 -> "if (b) { int<0..3> z" + fresh + " = (x + 1) % 4; y = z" + fresh++ + "; }";   // a scoped local
            case 0 -> "x = (x + 1) % 4;";
            case 1 -> "y = x;";
            case 2 -> "x = (y + " + (1 + r.nextInt(3)) + ") % 4;";
            case 3 -> "b = !b;";
            default -> "y = (x + y) % 4;";
        };
    }

    private String globalWrite() {
        return switch (r.nextInt(6)) {
            case 0 -> spec.globalInt() + " = (" + spec.globalInt() + " + 1) % 4;";
            case 1 -> spec.globalInt() + " = " + (r.nextBoolean() ? "x" : "y") + ";";
            case 2 -> spec.hasFlag() ? "gf = !gf;" : spec.globalInt() + " = " + r.nextInt(4) + ";";
            case 3 -> spec.hasArray() ? "ga[x % 2] = y;" : spec.globalInt() + "++;";
            case 4 -> spec.globalInt() + " = " + r.nextInt(4) + ";";
            default -> spec.globalInt() + " += 1;";
        };
    }

    private String globalRead() {
        return switch (r.nextInt(4)) {
            case 0 -> "x = " + spec.globalInt() + ";";
            case 1 -> spec.hasFlag() ? "b = gf;" : "y = " + spec.globalInt() + ";";
            case 2 -> spec.hasArray() ? "y = ga[" + r.nextInt(2) + "];" : "b = " + spec.globalInt() + " == x;";
            default -> "y = " + spec.globalInt() + ";";
        };
    }

    private String condition() {
        return switch (r.nextInt(6)) {
            case 0 -> "x == " + r.nextInt(4);
            case 1 -> "b";
            case 2 -> spec.globalCondition();
            case 3 -> spec.globalInt() + " == x";
            case 4 -> "!(x == " + spec.globalInt() + " && y == " + r.nextInt(3) + ")";
            default -> "y < " + (1 + r.nextInt(3));
        };
    }

    private String loop(int depth) {
        if (r.nextBoolean()) {
            String k = "k" + fresh++;
            return "for (" + k + " in 0.." + r.nextInt(2) + ") { " + statement(depth + 1) + " }";
        }
        String c = counter();
        String exit = switch (r.nextInt(4)) {
            case 0 -> "if (x == " + r.nextInt(4) + ") { break; } ";
            case 1 -> "if (b) { continue; } ";
            default -> "";
        };
        return c + " = 0; while (" + c + " < 2) { " + c + "++; " + exit + labelled(depth + 1) + " }";
    }

    private String with(int depth) {
        String v = "v" + fresh++;
        String domain = r.nextBoolean() ? "0.." + (1 + r.nextInt(2)) : "0.." + spec.globalInt();
        return "with (" + v + " in " + domain + ") { x = " + v + "; }";
    }

    private String call() {
        List<Integer> can = new ArrayList<>();
        for (int k = 0; k < callable; k++) {
            can.add(k);
        }
        if (can.isEmpty()) {
            return globalWrite();
        }
        int k = can.get(r.nextInt(can.size()));
        return switch (spec.helpers().get(k)) {
            case FUNCTION -> r.nextBoolean() ? "x = fn" + k + "(y);" : "b = fn" + k + "(x) == 0;";
            case STEPS -> switch (r.nextInt(4)) {
                case 0 -> spec.globalInt() + " = h" + k + "(x);";
                case 3 -> globalWrite() + " " + spec.globalInt() + " = h" + k + "(y);";
                case 1 -> "x = h" + k + "(y);";
                default -> "h" + k + "(x);";
            };
            case SETTER -> "set" + k + "(" + (r.nextBoolean() ? "x" : "y") + ");";
            case LOCAL -> r.nextBoolean() ? "x = loc" + k + "(y);" : "loc" + k + "(x);";
        };
    }

    /**
     * A call of a helper with steps whose value goes to a global, as the last statement of a step: the step
     * of its return then ends at the caller's next label, and is local but for that store.
     */
    private String callEndingAStep() {
        for (int k = 0; k < callable; k++) {
            if (spec.helpers().get(k) == RandomSpec.Helper.STEPS) {
                return globalWrite() + " " + spec.globalInt() + " = h" + k + "(x);";
            }
        }
        return local();
    }

    private String atomic() {
        return switch (r.nextInt(3)) {
            case 0 -> "x = xchg(" + spec.globalInt() + ", y);";
            case 1 -> "y = atomic_cmpxchg(" + spec.globalInt() + ", " + r.nextInt(2) + ", " + (1 + r.nextInt(3)) + ");";
            default -> "b = atomic_inc_not_zero(" + spec.globalInt() + ");";
        };
    }

    private String selfOrLock() {
        if (thread && spec.mutexes() > 0 && r.nextBoolean()) {
            String m = "m" + r.nextInt(spec.mutexes());
            return "b = trylock(" + m + "); if (b) { " + globalWrite() + " unlock(" + m + "); }";
        }
        if (spec.mutexes() > 0 && r.nextInt(4) == 0) {
            return "b = holds(m" + r.nextInt(spec.mutexes()) + ");";
        }
        if (spec.hasLast() && r.nextBoolean()) {
            return r.nextBoolean() ? "gl = self;" : "b = gl == self;";
        }
        if (spec.hasSeen()) {
            return r.nextBoolean() ? "gs[self] = true;" : "b = gs[self];";
        }
        return local();
    }

    private String early() {
        String value = thread ? "" : " x";
        return "if (" + condition() + ") { return" + value + "; }";
    }
}
