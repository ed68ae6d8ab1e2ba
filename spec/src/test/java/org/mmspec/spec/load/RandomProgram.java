package org.mmspec.spec.load;

import java.util.Random;

/**
 * Random, mostly well-formed spec programs: globals of several types, procedures with labels, locks,
 * awaits, choices and calls, invariants and a scenario. They reach the checker and the interpreter,
 * where the mutated corpus rarely gets.
 */
final class RandomProgram {

    private RandomProgram() {
    }

    static String generate(Random r) {
        StringBuilder b = new StringBuilder("memory { pages = ").append(1 + r.nextInt(3)).append("; mms = 1; vmas = 1; }\n");
        b.append("int<0..3> a;\nint<-2..5> n[pfn_t];\nbool f;\nmutex m;\nrwsem s;\nlist<int<0..3>, 2> q;\n");
        b.append("set<pfn_t> ps;\npte_t e;\n");
        int procs = 1 + r.nextInt(3);
        for (int p = 0; p < procs; p++) {
            b.append("void p").append(p).append("(pfn_t x) {\n");
            for (int s = 0; s < 1 + r.nextInt(6); s++) {
                b.append("l").append(s).append(": ").append(stmt(r, p)).append('\n');
            }
            b.append("}\n");
        }
        b.append("int fn(int v) { return v").append(r.nextBoolean() ? " + 1" : " / a").append("; }\n");
        b.append("invariant i0: ").append(cond(r)).append(";\n");
        b.append("invariant i1: forall x in pfn_t: n[x] ").append(r.nextBoolean() ? ">=" : "<").append(" 0;\n");
        b.append("scenario sc {\n");
        if (r.nextBoolean()) {
            b.append("  init { a = ").append(r.nextInt(5)).append("; ps += 0; }\n");
        }
        for (int t = 0; t < 1 + r.nextInt(3); t++) {
            b.append("  thread T").append(t).append(" = p").append(r.nextInt(procs)).append("(")
                    .append(r.nextInt(4) == 0 ? "NULL" : Integer.toString(r.nextInt(3))).append(");\n");
        }
        b.append("  bounds { preemptions = ").append(r.nextInt(3)).append("; }\n");
        b.append("  expect ").append(new String[] {"pass", "deadlock", "violation i0", "fault model_error"}[r.nextInt(4)])
                .append(";\n}\n");
        return b.toString();
    }

    private static String stmt(Random r, int proc) {
        return switch (r.nextInt(16)) {
            case 0 -> "lock(m);";
            case 1 -> "unlock(m);";
            case 2 -> "await " + cond(r) + ";";
            case 3 -> "a = " + expr(r) + ";";
            case 4 -> "n[x]++;";
            case 5 -> "either { a = 1; } or { f = !f; }";
            case 6 -> "with (v in ps) { n[v] = 1; }";
            case 7 -> "list_add_tail(q, a);";
            case 8 -> "if (" + cond(r) + ") { a = fn(a); } else { f = true; }";
            case 9 -> "while (a < 2) { a++; }";
            case 10 -> "assert " + cond(r) + ";";
            case 11 -> "down_read(s); up_read(s);";
            case 12 -> "e = mk_pte(x, f); n[pte_pfn(e)] = 2;";
            case 13 -> proc > 0 ? "p0(x);" : "BUG_ON(a == 3);";
            case 14 -> "for (k in 0..a) { n[x] -= 1; }";
            default -> "ps -= x;";
        };
    }

    private static String cond(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> "a <= 3";
            case 1 -> "f || a == " + r.nextInt(4);
            case 2 -> "exists y in pfn_t: n[y] > 0";
            case 3 -> "size(q) < 2 && !locked(m)";
            case 4 -> "(count y in pfn_t: y in ps) < 2";
            default -> "pte_none(e) ==> a >= 0";
        };
    }

    private static String expr(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> "a + 1";
            case 1 -> "fn(a)";
            case 2 -> "size(q)";
            case 3 -> "min(a, 2) * 2";
            default -> Integer.toString(r.nextInt(7) - 2);
        };
    }
}
