package org.mmspec.spec.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Test helper: a spec file with its imports inlined, imports first, each file once. */
final class Inliner {

    private Inliner() {
    }

    static String inline(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        inline(file.toAbsolutePath().normalize(), new HashSet<>(), out);
        return out.toString();
    }

    private static void inline(Path file, Set<Path> seen, StringBuilder out) throws IOException {
        if (!seen.add(file)) {
            return;
        }
        StringBuilder body = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.trim();
            if (t.startsWith("import \"") && t.endsWith("\";")) {
                inline(file.getParent().resolve(t.substring(8, t.length() - 2)).normalize(), seen, out);
            } else {
                body.append(line).append('\n');
            }
        }
        out.append(body);
    }
}
