package org.mmspec.checker.fidelity.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Decides whether fidelity scenarios can run on this host, and sets up the runner when they can: the OS
 * is Linux, {@code /proc/kpageflags} is readable (root), the probe compiles, and the probe sees frame
 * numbers in {@code /proc/self/pagemap} ({@code CAP_SYS_ADMIN}).
 */
public final class KernelProbe {

    /** How long one probe run may take. */
    public static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    private KernelProbe() {
    }

    /**
     * Checks this host.
     *
     * @param buildDir where the probe is compiled and scenario files are created (e.g. {@code target/fidelity})
     * @param env the environment ({@code CC}, {@code PATH})
     */
    public static Availability check(Path buildDir, Map<String, String> env) {
        String os = System.getProperty("os.name", "unknown");
        if (!os.equals("Linux")) {
            return new Availability.Unavailable("the kernel fidelity tests need Linux; this is " + os);
        }
        try (InputStream in = Files.newInputStream(Path.of("/proc/kpageflags"))) {
            if (in.readNBytes(8).length != 8) {
                return new Availability.Unavailable("/proc/kpageflags is empty");
            }
        } catch (IOException e) {
            return new Availability.Unavailable("/proc/kpageflags is not readable (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "); the kernel fidelity tests need root");
        }
        return switch (ProbeBuilder.build(buildDir, env)) {
            case ProbeBuild.NotBuilt n -> new Availability.Unavailable(n.reason());
            case ProbeBuild.Built b -> ready(new KernelRunner(b.binary(), buildDir.resolve("work"), RUN_TIMEOUT));
        };
    }

    private static Availability ready(KernelRunner runner) {
        return switch (runner.facts()) {
            case KernelRun.Failed f -> new Availability.Unavailable("the probe does not run: " + f.reason());
            case KernelRun.Completed c when !c.facts().pagemapPfn() -> new Availability.Unavailable(
                    "/proc/self/pagemap hides frame numbers (needs CAP_SYS_ADMIN)");
            case KernelRun.Completed c -> new Availability.Ready(runner, c.facts());
        };
    }
}
