package org.mmspec.checker.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The optional parts of a {@link RandomSpec}, each in about one program of four: a wait queue of thread ids
 * ({@code list<thread_t, 3>}), a set of thread ids, a set used as bits with the atomic bit operations, a
 * record (aggregate copies and comparisons, a local copy), an enum, an rwsem, a ghost counter written in
 * {@code ghost} blocks, and now and then a {@code thread_t} local left at its default (thread 0: code that
 * tells threads apart, so symmetry must turn itself off). Lists, lock queries and aggregate copies are what
 * {@code Locality} treats as never local; thread ids in lists, sets and lock holders are what symmetry
 * renames.
 */
final class RandomSpecExtras {

    private final SplittableRandom r;
    private final boolean queue;
    private final boolean tset;
    private final boolean bits;
    private final boolean record;
    private final boolean enumeration;
    private final boolean rwsem;
    private final boolean ghost;
    private final boolean idLocal;

    RandomSpecExtras(SplittableRandom r) {
        this.r = r;
        this.queue = r.nextInt(4) == 0;
        this.tset = r.nextInt(4) == 0;
        this.bits = r.nextInt(4) == 0;
        this.record = r.nextInt(4) == 0;
        this.enumeration = r.nextInt(4) == 0;
        this.rwsem = r.nextInt(5) == 0;
        this.ghost = r.nextInt(5) == 0;
        this.idLocal = r.nextInt(8) == 0;
    }

    /** Whether any extra statement can be written. */
    boolean any() {
        return queue || tset || bits || record || enumeration || ghost || idLocal;
    }

    boolean hasRwsem() {
        return rwsem;
    }

    String declarations() {
        StringBuilder b = new StringBuilder();
        if (enumeration) {
            b.append("enum st { IDLE, BUSY, DONE }\nst gst;\n");
        }
        if (record) {
            b.append("record pr { int<0..3> a; bool f; }\npr gp;\n");
        }
        if (queue) {
            b.append("list<thread_t, 3> gq;\n");
        }
        if (tset) {
            b.append("set<thread_t> gset;\n");
        }
        if (bits) {
            b.append("set<int<0..3>> gbits;\n");
        }
        if (rwsem) {
            b.append("rwsem rw;\n");
        }
        if (ghost) {
            b.append("int<0..3> gh ghost;\n");
        }
        return b.toString();
    }

    /** Locals every procedure declares, after {@code x}, {@code y}, {@code b}. */
    String locals() {
        return (record ? "    pr lp;\n" : "") + (idLocal ? "    thread_t w;\n" : "");
    }

    /** A statement over an extra (fresh names from {@code fresh}). */
    String statement(int fresh) {
        List<String> out = new ArrayList<>();
        if (queue) {
            out.add(r.nextBoolean() ? "if (!(self in gq)) { list_add_tail(gq, self); }" : "list_del(gq, self);");
            out.add(r.nextBoolean() ? "b = list_empty(gq);" : "for (t" + fresh + " in gq) { x = (x + 1) % 4; }");
            out.add("if (!list_empty(gq)) { b = list_first(gq) == self; }");
        }
        if (tset) {
            out.add(r.nextBoolean() ? "gset += self;" : "gset -= self;");
            out.add(r.nextBoolean() ? "b = self in gset;" : "x = size(gset) % 4;");
        }
        if (bits) {
            int m = r.nextInt(3);
            out.add(r.nextBoolean() ? "b = test_and_set_bit(" + m + ", gbits);" : "b = test_and_clear_bit(" + m + ", gbits);");
            out.add("with (u" + fresh + " in gbits) { x = u" + fresh + "; }");
        }
        if (record) {
            out.add(switch (r.nextInt(4)) {
                case 0 -> "lp = gp;";
                case 1 -> "lp.a = x; lp.f = !lp.f;";
                case 2 -> "gp = lp;";
                default -> "b = lp == gp;";
            });
            out.add("gp.a = (gp.a + 1) % 4;");
        }
        if (enumeration) {
            out.add(r.nextBoolean() ? "gst = " + new String[] {"IDLE", "BUSY", "DONE"}[r.nextInt(3)] + ";"
                    : "if (gst < DONE) { gst = BUSY; }");
        }
        if (ghost) {
            out.add(r.nextBoolean() ? "ghost { gh = x; }" : "ghost { gh = (gh + 1) % 4; }");
        }
        if (idLocal) {
            out.add("b = w == self;");
        }
        return out.get(r.nextInt(out.size()));
    }

    /** A condition over extras' globals, or null when there is none. */
    String condition() {
        List<String> out = new ArrayList<>();
        if (queue) {
            out.add("list_empty(gq)");
        }
        if (tset) {
            out.add("size(gset) < " + (1 + r.nextInt(2)));
        }
        if (bits) {
            out.add(r.nextInt(3) + " in gbits");
        }
        if (record) {
            out.add("gp.a != " + r.nextInt(4));
        }
        if (enumeration) {
            out.add("gst != BUSY");
        }
        return out.isEmpty() ? null : out.get(r.nextInt(out.size()));
    }

    /** An invariant over extras' globals, or null when there is none. */
    String invariant() {
        List<String> out = new ArrayList<>();
        if (queue) {
            out.add("size(gq) <= " + (1 + r.nextInt(2)));
        }
        if (tset) {
            out.add("size(gset) <= " + (1 + r.nextInt(2)));
        }
        if (record) {
            out.add("!(gp.f && gp.a == " + r.nextInt(4) + ")");
        }
        if (ghost) {
            out.add("gh <= " + (1 + r.nextInt(2)));
        }
        if (enumeration) {
            out.add("gst != DONE");
        }
        return out.isEmpty() ? null : out.get(r.nextInt(out.size()));
    }

    /** Lock and unlock statements of the rwsem, for a reader or a writer. */
    String[] rwsemPair() {
        return r.nextBoolean() ? new String[] {"down_read(rw);", "up_read(rw);"}
                : new String[] {"down_write(rw);", "up_write(rw);"};
    }
}
