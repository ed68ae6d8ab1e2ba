package org.mmspec.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmspec.spec.diag.Diagnostic;
import org.mmspec.spec.diag.DiagnosticCode;

/** Deep nesting of every recursive construct ends in a diagnostic, never a StackOverflowError. */
class NestingLimitsTest {

    private static final int N = 100_000;

    static Stream<Arguments> deepInputs() {
        return Stream.of(
                Arguments.of("parentheses", "bool b = " + "(".repeat(N) + "true" + ")".repeat(N) + ";",
                        DiagnosticCode.NESTING_TOO_DEEP),
                Arguments.of("braces", "void f() " + "{".repeat(N) + "}".repeat(N),
                        DiagnosticCode.NESTING_TOO_DEEP),
                Arguments.of("unary prefixes", "bool x = " + "!".repeat(N) + "true;", DiagnosticCode.EXPRESSION_TOO_DEEP),
                Arguments.of("binary chain", "int x = 1" + " + 1".repeat(N) + ";", DiagnosticCode.EXPRESSION_TOO_DEEP),
                Arguments.of("quantifier chain", "invariant i: " + "forall x in bool: ".repeat(N / 4) + "true;",
                        DiagnosticCode.NESTING_TOO_DEEP),
                Arguments.of("conditional chain", "int x = " + "true ? 1 : ".repeat(N / 4) + "0;",
                        DiagnosticCode.NESTING_TOO_DEEP),
                Arguments.of("labels", "void f() { " + "l: ".repeat(N) + "; }", DiagnosticCode.NESTING_TOO_DEEP),
                Arguments.of("index chain", "int x = a" + "[0]".repeat(N) + ";", DiagnosticCode.EXPRESSION_TOO_DEEP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deepInputs")
    void deepNestingIsADiagnostic(String what, String text, DiagnosticCode expected) {
        LoadResult r = SpecLoader.loadString("deep.mmspec", text);
        Diagnostic first = assertInstanceOf(LoadResult.Rejected.class, r).diagnostics().get(0);
        assertEquals(expected, first.code(), what + ": " + first.message());
    }

    /** Inputs just inside the limits load even on a thread with a small (512 KiB) stack. */
    @org.junit.jupiter.api.Test
    void inputsJustInsideTheLimitsNeedNoBigStack() throws InterruptedException {
        int b = org.mmspec.spec.parse.SpecParser.MAX_BRACKETS;
        java.util.List<String> inputs = java.util.List.of(
                "bool x = " + "(".repeat(b) + "true" + ")".repeat(b) + ";",
                "int x = " + "min(".repeat(b - 1) + "1" + ", 2)".repeat(b - 1) + ";",
                "void f() { " + "if (true) { ".repeat(b - 2) + "}".repeat(b - 2) + " }\nscenario s { thread T = f(); }",
                "bool x = " + "!".repeat(190) + "true;",
                "int x = 1" + " + 1".repeat(190) + ";",
                "int x = " + "true ? 1 : ".repeat(190) + "0;",
                "invariant i: " + java.util.stream.IntStream.range(0, 50).mapToObj(k -> "exists v" + k + " in bool: ")
                        .collect(java.util.stream.Collectors.joining()) + "true;");
        java.util.List<String> failures = new java.util.ArrayList<>();
        for (String text : inputs) {
            Thread t = new Thread(null, () -> {
                if (!(SpecLoader.loadString("limit.mmspec", text) instanceof LoadResult.Loaded)) {
                    synchronized (failures) {
                        failures.add(text.substring(0, Math.min(40, text.length())));
                    }
                }
            }, "small-stack", 512 * 1024);
            t.start();
            t.join();
        }
        assertEquals(java.util.List.of(), failures);
    }

    @org.junit.jupiter.api.Test
    void longElseIfChainsAreFine() {
        StringBuilder b = new StringBuilder("int<0..9> x;\nvoid f() {\n    if (x == 0) { x = 1; }");
        for (int i = 0; i < 2_000; i++) {
            b.append(" else if (x == 1) { x = 2; }");
        }
        b.append("\n}\nscenario s { thread T = f(); }\n");
        assertInstanceOf(LoadResult.Loaded.class, SpecLoader.loadString("chain.mmspec", b.toString()));
    }
}
