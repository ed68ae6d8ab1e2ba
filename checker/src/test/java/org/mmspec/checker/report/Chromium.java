package org.mmspec.checker.report;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for the HTML report's browser tests (Debian package {@code chromium}). Found on the
 * {@code PATH}; when it is missing the test fails under {@code CI=true} (where {@code .ci/run} installs
 * it) and elsewhere prints one line saying so and is aborted (reported as skipped, with the reason).
 */
final class Chromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The browser, or the test fails (CI) or is aborted with the reason. */
    static Chromium require() {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return new Chromium(found.get());
        }
        String why = "headless Chromium not found on PATH (" + String.join(", ", NAMES) + "): the HTML report's browser"
                + " check did not run; install the Debian package chromium";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true but " + why);
        }
        System.err.println("[mmspec] " + why);
        abort(why);
        return null;
    }

    private static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : NAMES) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Runs the browser headless on {@code page} with {@code extra} arguments; returns its standard output. */
    String run(Path page, Path profile, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri().toString());
        Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 120 s: " + cmd);
        }
        return Files.readString(out);
    }
}
