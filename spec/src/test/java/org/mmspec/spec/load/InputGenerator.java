package org.mmspec.spec.load;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Generates robustness inputs from a seeded random source. */
final class InputGenerator {

    /** One input and how it was made (for failure messages). */
    record Input(String kind, byte[] bytes) {
    }

    private static final String[] TOKENS = {
        "int", "bool", "void", "const", "enum", "record", "typedef", "memory", "set", "map", "list", "invariant",
        "scenario", "if", "else", "while", "for", "in", "either", "or", "with", "await", "assert", "return",
        "break", "continue", "true", "false", "NULL", "self", "forall", "exists", "count", "sum", "init", "thread",
        "bounds", "check", "expect", "pass", "violation", "deadlock", "fault", "strategy", "all", "none", "import",
        "x", "y", "p", "pfn_t", "mm_t", "vma_t", "thread_t", "pte_t", "pageflags_t", "mutex", "rwsem",
        "spinlock_t", "lock", "unlock", "down_read", "up_read", "list_add_tail", "list_first", "mk_pte",
        "pte_pfn", "BUG_ON", "PG_locked", "PTE_NONE", "size", "holds", "locked", "trylock",
        "{", "}", "(", ")", "[", "]", "<", ">", "..", ";", ",", ":", "=", "==", "!=", "<=", ">=", "==>", "||",
        "&&", "|", "&", "+", "-", "*", "/", "%", "!", "~", "?", ".", "++", "--", "+=", "-=", "|=", "&=",
        "0", "1", "2", "3", "-1", "2147483647", "2147483648", "0x7fffffff", "99999999999999999999",
        "\"s\"", "\"", "//c\n", "/*", "*/", "\n", " ", "\t", "@", "#", "$", "\u00e9", "\u0000"
    };

    private final Random rnd;
    private final List<byte[]> seeds;

    InputGenerator(Random rnd, List<byte[]> seeds) {
        this.rnd = rnd;
        this.seeds = seeds;
    }

    Input next(int i) {
        int k = i % 10;
        return switch (k) {
            case 0, 1, 2, 3 -> mutate(seeds.get(i / 10 % seeds.size()));
            case 4 -> new Input("token soup", tokens(rnd.nextInt(120)));
            case 5 -> new Input("random program", utf8(RandomProgram.generate(rnd)));
            case 6 -> deep();
            case 7 -> new Input("random bytes", randomBytes(rnd.nextInt(300)));
            case 8 -> truncate(seeds.get(rnd.nextInt(seeds.size())));
            default -> mutateText(RandomProgram.generate(rnd));
        };
    }

    private Input mutate(byte[] seed) {
        byte[] b = seed.clone();
        int edits = 1 + rnd.nextInt(4);
        String kind = "mutated seed";
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(6)) {
                case 0 -> b[at] = (byte) rnd.nextInt(256);
                case 1 -> b = splice(b, at, Math.min(b.length, at + 1 + rnd.nextInt(30)), new byte[0]);
                case 2 -> b = splice(b, at, at, utf8(TOKENS[rnd.nextInt(TOKENS.length)]));
                case 3 -> {
                    int end = Math.min(b.length, at + 1 + rnd.nextInt(80));
                    b = splice(b, end, end, java.util.Arrays.copyOfRange(b, at, end));
                }
                case 4 -> b = splice(b, at, Math.min(b.length, at + 1), utf8(TOKENS[rnd.nextInt(TOKENS.length)]));
                default -> {
                    int other = rnd.nextInt(b.length);
                    byte t = b[at];
                    b[at] = b[other];
                    b[other] = t;
                }
            }
        }
        return new Input(kind, b);
    }

    private Input truncate(byte[] seed) {
        return new Input("truncated seed", java.util.Arrays.copyOf(seed, rnd.nextInt(seed.length + 1)));
    }

    private Input mutateText(String program) {
        return new Input("mutated program", mutate(utf8(program)).bytes());
    }

    private byte[] tokens(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(TOKENS[rnd.nextInt(TOKENS.length)]).append(rnd.nextInt(3) == 0 ? "" : " ");
        }
        return utf8(b.toString());
    }

    private Input deep() {
        int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 200 : 20_000);
        String body = switch (rnd.nextInt(9)) {
            case 0 -> "bool b = " + "(".repeat(n) + "true" + ")".repeat(rnd.nextInt(n + 1)) + ";";
            case 1 -> "void f() " + "{".repeat(n) + "}".repeat(rnd.nextInt(n + 1));
            case 2 -> "bool b = " + "!".repeat(n) + "true;";
            case 3 -> "int x = 1" + " + 1".repeat(n) + ";";
            case 4 -> "invariant i: " + "exists v in bool: ".repeat(n) + "true;";
            case 5 -> "int x = " + "true ? 1 : ".repeat(n) + "0;";
            case 6 -> "void f() { " + "if (true) { ".repeat(n) + "}".repeat(n) + " }";
            case 7 -> "int x = " + "min(".repeat(n) + "1" + ", 2)".repeat(n) + ";";
            default -> "const C = " + "9".repeat(n) + ";";
        };
        return new Input("deep nesting / huge number", utf8(body));
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
