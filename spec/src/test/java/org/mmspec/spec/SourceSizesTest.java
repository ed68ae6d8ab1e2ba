package org.mmspec.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SourceSizes} can fail: generated oversized sources are reported, and tricky syntax is not. */
class SourceSizesTest {

    @TempDir
    Path root;

    @Test
    void aClassOverTheLimitIsReported() throws IOException {
        write("org/x/Big.java", "class Big {\n" + "    int f;\n".repeat(SourceSizes.CLASS_LINES) + "}\n");
        List<String> found = SourceSizes.oversized(root, Map.of());
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("org/x/Big.java: " + (SourceSizes.CLASS_LINES + 2) + " lines"),
                found.get(0));
    }

    @Test
    void aMethodOverTheLimitIsReportedWithItsNameAndLine() throws IOException {
        write("org/x/Long.java", "class Long {\n\n    /** Doc { */\n    @Override\n"
                + "    public <T> java.util.List<T> longOne(int a) throws Exception {\n"
                + "        call();\n".repeat(SourceSizes.METHOD_LINES - 2) + "    }\n}\n");
        List<String> found = SourceSizes.oversized(root, Map.of());
        assertEquals(List.of("org/x/Long.java:4: method longOne has " + (SourceSizes.METHOD_LINES + 1)
                + " lines (limit " + SourceSizes.METHOD_LINES + "): extract a named helper"), found);
    }

    @Test
    void aMethodAtTheLimitPasses() throws IOException {
        write("org/x/Fits.java", "class Fits {\n    void fits() {\n"
                + "        call();\n".repeat(SourceSizes.METHOD_LINES - 2) + "    }\n}\n");
        assertEquals(List.of(), SourceSizes.oversized(root, Map.of()));
    }

    @Test
    void blocksThatAreNotMethodsDoNotCount() {
        String body = "        x();\n".repeat(SourceSizes.METHOD_LINES);
        String source = "interface I {\n    default void small() {\n        run(() -> {\n" + body + "        });\n"
                + "    }\n}\nclass C {\n    static {\n" + body + "    }\n    record R(int a) {\n" + body + "    }\n"
                + "    Object o = new Object() {\n" + body + "    };\n    String s = \"}{\";\n}\n";
        List<SourceSizes.Finding> found = SourceSizes.findings("C.java", source);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().contains("method small has"), found.get(0).message());
    }

    @Test
    void statementsInsideAMethodAreNotMethods() {
        String source = "class C {\n    void m(int[] xs) {\n        outer: for (int x : xs) {\n            y();\n"
                + "        }\n        if (a(b)) {\n        } else if (c) {\n        }\n"
                + "        try (var r = open()) {\n        } catch (E e) {\n        }\n        switch (k) {\n"
                + "            case A -> {\n            }\n            default -> {\n            }\n        }\n    }\n}\n";
        assertEquals(List.of(new SourceSizes.Method("m", 2, 17)),
                SourceSizes.methods(SourceSizes.blank(source)));
    }

    @Test
    void anAllowedEntryIsNotReportedButAStaleOneIs() throws IOException {
        write("org/x/Big.java", "class Big {\n" + "    int f;\n".repeat(SourceSizes.CLASS_LINES) + "}\n");
        assertEquals(List.of(), SourceSizes.oversized(root, Map.of("org/x/Big.java", "why")));
        assertEquals(List.of("org/x/Gone.java#m: allow-listed but within the limits now; remove the entry"),
                SourceSizes.oversized(root, Map.of("org/x/Big.java", "why", "org/x/Gone.java#m", "why")));
    }

    private void write(String name, String text) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
