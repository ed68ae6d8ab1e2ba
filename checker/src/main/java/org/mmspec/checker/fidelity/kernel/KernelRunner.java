package org.mmspec.checker.fidelity.kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.mmspec.checker.fidelity.scenario.Scenario;

/**
 * Runs scenarios on the live kernel with a built probe. Each run gets a fresh directory under
 * {@code workDir} for the scenario's files, removed afterwards.
 *
 * <p>{@link #withoutZeroPage()} gives a runner that stands in for a kernel with {@code mm_forbids_zeropage()}
 * (see {@link ProbeProgram#compile(Scenario, boolean)}), so that the model's {@code mmForbidsZeropage}
 * configuration can be compared with a kernel on any host.
 */
public final class KernelRunner {

    private final Path probe;
    private final Path workDir;
    private final Duration timeout;
    private final boolean forbidZeropage;

    /**
     * @param probe the probe binary ({@link ProbeBuild.Built#binary()})
     * @param workDir where scenario files are created; its file system matters (see
     *     {@link org.mmspec.checker.fidelity.observe.HostFacts#workdirFs()})
     * @param timeout how long one run may take before it is killed
     */
    public KernelRunner(Path probe, Path workDir, Duration timeout) {
        this(probe, workDir, timeout, false);
    }

    private KernelRunner(Path probe, Path workDir, Duration timeout, boolean forbidZeropage) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.forbidZeropage = forbidZeropage;
    }

    /**
     * This runner, standing in for a kernel that never maps the zero page on a read fault
     * ({@code mm_forbids_zeropage()}): its runs report {@code zero_page_on_read_fault=no}.
     */
    public KernelRunner withoutZeroPage() {
        return new KernelRunner(probe, workDir, timeout, true);
    }

    /** Whether this runner emulates {@code mm_forbids_zeropage()} ({@link #withoutZeroPage()}). */
    public boolean emulatesForbiddenZeroPage() {
        return forbidZeropage;
    }

    /** Runs {@code scenario} and returns what the kernel did. */
    public KernelRun run(Scenario scenario) {
        ProbeProgram program = ProbeProgram.compile(scenario, forbidZeropage);
        return execute(program.text()).map(out -> ProbeOutput.parse(out, program));
    }

    /** Runs no scenario: only measures the host facts. */
    public KernelRun facts() {
        return execute(ProbeProgram.factsOnly(forbidZeropage)).map(ProbeOutput::parseFacts);
    }

    /** The probe's standard output, or why there is none. */
    private Execution execute(String program) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(Files.createDirectories(workDir), "run-");
            Path stderr = dir.resolve("probe.stderr");
            Process p = new ProcessBuilder(probe.toString(), dir.toString())
                    .redirectError(stderr.toFile()).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(program.getBytes(StandardCharsets.US_ASCII));
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Execution(null, "the probe did not finish within " + timeout);
            }
            String stdout = new String(out, StandardCharsets.US_ASCII);
            if (p.exitValue() != 0 && !stdout.contains("ERROR ")) {
                return new Execution(null, "the probe exited with status " + p.exitValue() + "; stderr: "
                        + Files.readString(stderr).strip());
            }
            return new Execution(stdout, null);
        } catch (IOException e) {
            return new Execution(null, "cannot run the probe " + probe + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Execution(null, "interrupted while running the probe");
        } finally {
            deleteQuietly(dir);
        }
    }

    private record Execution(String stdout, String failure) {
        KernelRun map(java.util.function.Function<String, KernelRun> parse) {
            return stdout == null ? new KernelRun.Failed(failure) : parse.apply(stdout);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory under target/ is harmless.
        }
    }
}
