package org.mmspec.checker.toy;

import java.util.List;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/** The toy systems the explorer tests run on, each with the invariants that go with it. */
public final class Toys {

    private Toys() {}

    /** A system and its invariants. */
    public record Case(Toy system, List<? extends Invariant<? super Toy.State>> invariants) {}

    /**
     * Two threads increment {@code x} with a separate read and write: the update of one can be lost. The
     * shortest violation has 4 steps (both reads before both writes) and needs 1 preemption.
     */
    public static Case lostUpdate() {
        Toy toy = Toy.builder()
                .variable("x", 0).variable("T0.tmp", 0).variable("T1.tmp", 0)
                .thread("T0", p -> incrementNonAtomically(p, "T0.tmp"))
                .thread("T1", p -> incrementNonAtomically(p, "T1.tmp"))
                .build();
        return new Case(toy, List.of(counterIsTwoWhenDone(toy)));
    }

    private static void incrementNonAtomically(ToyBuilder.Program p, String tmp) {
        p.step("counter_inc:read", v -> "x=" + v.get("x"), v -> v.set(tmp, v.get("x")))
                .step("counter_inc:write", v -> "x=" + (v.get(tmp) + 1), v -> v.set("x", v.get(tmp) + 1));
    }

    private static Invariant<Toy.State> counterIsTwoWhenDone(Toy toy) {
        return new ToyInvariant<>("no_lost_update", "when both threads are done, x is 2",
                s -> toy.finished(s, 0) && toy.finished(s, 1) && toy.value(s, "x") != 2
                        ? Witness.of("both increments done but x is " + toy.value(s, "x"), "x=" + toy.value(s, "x"))
                        : null);
    }

    /**
     * The same increments under a test-and-set lock, after a first step outside it: correct. (Without that
     * first step the threads would be serialised by the lock from their start, which the explorer's
     * self-check reports as "no interleaving".)
     */
    public static Case lockedCounter() {
        Toy toy = Toy.builder()
                .variable("x", 0).variable("lock", 0).variable("T0.tmp", 0).variable("T1.tmp", 0)
                .thread("T0", p -> lockedIncrement(p, "T0.tmp"))
                .thread("T1", p -> lockedIncrement(p, "T1.tmp"))
                .build();
        return new Case(toy, List.of(counterIsTwoWhenDone(toy)));
    }

    private static void lockedIncrement(ToyBuilder.Program p, String tmp) {
        p.step("counter_inc:enter", v -> {});
        p.lock("spin_lock", "lock");
        incrementNonAtomically(p, tmp);
        p.unlock("spin_unlock", "lock");
    }

    /**
     * T0 takes A then B, T1 takes B then A: after {@code [0, 1]} each waits for the other's lock.
     */
    public static Case abba() {
        Toy toy = Toy.builder()
                .variable("lockA", 0).variable("lockB", 0)
                .thread("T0", p -> p.lock("take:A", "lockA").lock("take:B", "lockB")
                        .unlock("drop:B", "lockB").unlock("drop:A", "lockA"))
                .thread("T1", p -> p.lock("take:B", "lockB").lock("take:A", "lockA")
                        .unlock("drop:A", "lockA").unlock("drop:B", "lockB"))
                .build();
        return new Case(toy, List.of());
    }

    /**
     * Peterson's mutual exclusion for two threads, each entering the critical section once. With
     * {@code turnFirst} the two entry writes are swapped, which breaks it.
     */
    public static Case peterson(boolean turnFirst) {
        Toy toy = Toy.builder()
                .variable("flag0", 0).variable("flag1", 0).variable("turn", 0).variable("in_cs", 0)
                .thread("T0", p -> petersonThread(p, 0, turnFirst))
                .thread("T1", p -> petersonThread(p, 1, turnFirst))
                .build();
        Invariant<Toy.State> mutex = new ToyInvariant<>("mutual_exclusion", "at most one thread in the critical section",
                s -> toy.value(s, "in_cs") > 1 ? Witness.of("two threads in the critical section", "in_cs=" + toy.value(s, "in_cs")) : null);
        return new Case(toy, List.of(mutex));
    }

    private static void petersonThread(ToyBuilder.Program p, int me, boolean turnFirst) {
        int other = 1 - me;
        String myFlag = "flag" + me;
        String otherFlag = "flag" + other;
        if (turnFirst) {
            p.step("peterson:set_turn", v -> v.set("turn", other)).step("peterson:set_flag", v -> v.set(myFlag, 1));
        } else {
            p.step("peterson:set_flag", v -> v.set(myFlag, 1)).step("peterson:set_turn", v -> v.set("turn", other));
        }
        p.await("peterson:enter", v -> v.get(otherFlag) == 0 || v.get("turn") == me,
                        v -> "spins until " + otherFlag + "==0 or turn==" + me, v -> v.set("in_cs", v.get("in_cs") + 1))
                .step("peterson:leave", v -> v.set("in_cs", v.get("in_cs") - 1))
                .step("peterson:clear_flag", v -> v.set(myFlag, 0));
    }

    /**
     * T0 increments {@code x} three times; T1 prepares, then sets {@code x} to 3. Invariant: x is never 3.
     * BFS finds {@code [1, 1]}; DFS, trying T0 first, finds {@code [0, 0, 0]}.
     */
    public static Case shortcut() {
        Toy toy = Toy.builder()
                .variable("x", 0).variable("ready", 0)
                .thread("T0", p -> p.step("inc", v -> v.set("x", v.get("x") + 1))
                        .step("inc", v -> v.set("x", v.get("x") + 1))
                        .step("inc", v -> v.set("x", v.get("x") + 1)))
                .thread("T1", p -> p.step("prepare", v -> v.set("ready", 1)).step("set", v -> v.set("x", 3)))
                .build();
        Invariant<Toy.State> notThree = new ToyInvariant<>("x_not_3", "x is never 3",
                s -> toy.value(s, "x") == 3 ? Witness.of("x is 3") : null);
        return new Case(toy, List.of(notThree));
    }

    /**
     * T0 sets x to 1, 2, 3, 4; T1 reads x into {@code seen} while setting y to 1, then sets y to 2, 3. Bad:
     * (x=2, y=1, seen=1), reached by {@code [0, 1, 0]} with 2 preemptions, or (x=2, y=3, seen=2), reached by
     * {@code [0, 0, 1, 1, 1]} with 1 preemption. BFS prefers the first, the preemption-bounded search the
     * second.
     */
    public static Case preemptionChoice() {
        Toy toy = Toy.builder()
                .variable("x", 0).variable("y", 0).variable("seen", 0)
                .thread("T0", p -> {
                    for (int i = 1; i <= 4; i++) {
                        int value = i;
                        p.step("writer:set_x", v -> "x=" + value, v -> v.set("x", value));
                    }
                })
                .thread("T1", p -> p.step("reader:sample", v -> {
                            v.set("seen", v.get("x"));
                            v.set("y", 1);
                        })
                        .step("reader:y2", v -> v.set("y", 2))
                        .step("reader:y3", v -> v.set("y", 3)))
                .build();
        Invariant<Toy.State> noMix = new ToyInvariant<>("no_bad_mix", "no bad combination of x, y and seen", s -> {
            int x = toy.value(s, "x");
            int y = toy.value(s, "y");
            int seen = toy.value(s, "seen");
            boolean bad = x == 2 && (y == 1 && seen == 1 || y == 3 && seen == 2);
            return bad ? Witness.of("bad mix", "x=" + x, "y=" + y, "seen=" + seen) : null;
        });
        return new Case(toy, List.of(noMix));
    }

    /**
     * Two threads each drop a reference to a page with refcount 1: the second drop finds it 0 and records a
     * fault of {@code kind}.
     */
    public static Case doublePut(Fault.Kind kind) {
        Toy toy = Toy.builder()
                .variable("refcount", 1)
                .thread("T0", p -> p.step("lookup", v -> {}).faultingStep("put_page", v -> v.get("refcount") == 0, kind,
                        "VM_BUG_ON_PAGE(page_ref_count(page) == 0) in put_page: pfn 3",
                        v -> v.set("refcount", v.get("refcount") - 1)))
                .thread("T1", p -> p.step("lookup", v -> {}).faultingStep("put_page", v -> v.get("refcount") == 0, kind,
                        "VM_BUG_ON_PAGE(page_ref_count(page) == 0) in put_page: pfn 3",
                        v -> v.set("refcount", v.get("refcount") - 1)))
                .build();
        return new Case(toy, List.of());
    }

    /** Each of two threads does all its work in one step: nothing can interleave. */
    public static Case atomicThreads() {
        Toy toy = Toy.builder()
                .variable("x", 0)
                .thread("T0", p -> p.step("add", v -> v.set("x", v.get("x") + 1)))
                .thread("T1", p -> p.step("add", v -> v.set("x", v.get("x") + 1)))
                .build();
        return new Case(toy, List.of());
    }

    /** T1 cannot start before T0 has finished its two steps: the threads never overlap. */
    public static Case serialised() {
        Toy toy = Toy.builder()
                .variable("x", 0).variable("done0", 0)
                .thread("T0", p -> p.step("work", v -> v.set("x", 1)).step("finish", v -> v.set("done0", 1)))
                .thread("T1", p -> p.await("start", v -> v.get("done0") == 1, v -> "waits for T0", v -> {})
                        .step("work", v -> v.set("x", 2)))
                .build();
        return new Case(toy, List.of());
    }

    /** One thread of three steps. */
    public static Case singleThread() {
        Toy toy = Toy.builder()
                .variable("x", 0)
                .thread("T0", p -> p.step("a", v -> v.set("x", 1)).step("b", v -> v.set("x", 2)).step("c", v -> v.set("x", 3)))
                .build();
        return new Case(toy, List.of());
    }

    /** Two threads of {@code steps} independent steps each: exactly {@code (steps + 1)^2} states. */
    public static Case independent(int steps) {
        ToyBuilder b = Toy.builder().variable("a", 0).variable("b", 0);
        b.thread("T0", p -> {
            for (int i = 0; i < steps; i++) {
                p.step("a++", v -> v.set("a", v.get("a") + 1));
            }
        });
        b.thread("T1", p -> {
            for (int i = 0; i < steps; i++) {
                p.step("b++", v -> v.set("b", v.get("b") + 1));
            }
        });
        return new Case(b.build(), List.of());
    }

    /**
     * Two threads of {@code steps} steps that append their id to a shared history {@code h}: every schedule
     * prefix is its own state, so some states need many preemptions.
     */
    public static Case history(int steps) {
        ToyBuilder b = Toy.builder().variable("h", 0);
        for (int t = 0; t < 2; t++) {
            int digit = t + 1;
            b.thread("T" + t, p -> {
                for (int i = 0; i < steps; i++) {
                    p.step("append", v -> v.set("h", v.get("h") * 3 + digit));
                }
            });
        }
        return new Case(b.build(), List.of());
    }
}
