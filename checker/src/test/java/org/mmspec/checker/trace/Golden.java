package org.mmspec.checker.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/org/mmspec/checker/trace/golden}. Run the tests with
 * {@code -Dmmspec.golden.regenerate=true} to rewrite them from the current output (then review the diff).
 */
final class Golden {

    private static final Path DIR = Path.of("src/test/resources/org/mmspec/checker/trace/golden");

    private Golden() {}

    static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("mmspec.golden.regenerate")) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("golden file " + file.toAbsolutePath()
                    + " (regenerate with -Dmmspec.golden.regenerate=true)", e);
        }
    }
}
