package org.mmspec.checker.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Links from a step's source to the file, for the HTML report: a spec's {@code file:line:col} to that
 * file ({@code file:} URI, with the line as fragment) when the command read it from disk (a main file,
 * or a file it imports from its directory), and the
 * reference implementation's {@code org/mmspec/ref/.../DoFault.java:120} to its source in the repository
 * ({@code reference-impl/src/main/java/...#L120}, relative, so the link works from a report written in
 * the repository's root directory).
 */
final class SourceLinks {

    private final Map<String, Path> specFiles;

    /** @param specFiles a spec file's name as steps show it, to its path on disk */
    SourceLinks(Map<String, Path> specFiles) {
        this.specFiles = Map.copyOf(specFiles);
    }

    static SourceLinks none() {
        return new SourceLinks(Map.of());
    }

    /** The href for {@code source}, or null. */
    String href(String source) {
        int colon = source.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String file = source.substring(0, colon);
        String line = source.substring(colon + 1).replaceAll(":.*", "");
        if (file.endsWith(".java")) {
            return "reference-impl/src/main/java/" + file + "#L" + line;
        }
        Path p = specFiles.get(file);
        if (p == null) {
            p = specFiles.values().stream().map(main -> main.toAbsolutePath().getParent())
                    .filter(java.util.Objects::nonNull).map(dir -> dir.resolve(file))
                    .filter(java.nio.file.Files::isRegularFile).findFirst().orElse(null);
        }
        return p == null ? null : p.toAbsolutePath().normalize().toUri() + "#L" + line;
    }
}
