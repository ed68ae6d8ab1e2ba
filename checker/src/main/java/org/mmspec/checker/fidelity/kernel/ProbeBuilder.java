package org.mmspec.checker.fidelity.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Compiles {@code fidelity/probe/mmspec-probe.c} (a classpath resource) with the system C compiler into a
 * directory. The compiler is {@code $CC} when set, else the first of {@code cc}, {@code gcc},
 * {@code clang} on {@code $PATH}. The binary's name carries a hash of the source and the compiler, so an
 * unchanged probe is compiled once per directory.
 */
public final class ProbeBuilder {

    /** The probe source on the classpath. */
    public static final String SOURCE_RESOURCE = "/fidelity/probe/mmspec-probe.c";

    private static final List<String> DEFAULT_COMPILERS = List.of("cc", "gcc", "clang");
    private static final long COMPILE_TIMEOUT_SECONDS = 120;

    private ProbeBuilder() {
    }

    /** Builds the probe into {@code outDir}; {@code env} supplies {@code CC} and {@code PATH}. */
    public static ProbeBuild build(Path outDir, Map<String, String> env) {
        Optional<Path> compiler = findCompiler(env);
        if (compiler.isEmpty()) {
            return new ProbeBuild.NotBuilt(env.containsKey("CC")
                    ? "the C compiler $CC=" + env.get("CC") + " was not found or is not executable"
                    : "no C compiler found: none of " + DEFAULT_COMPILERS + " is on $PATH");
        }
        try {
            byte[] source = readSource();
            Path dir = Files.createDirectories(outDir);
            Path binary = dir.resolve("mmspec-probe-" + hash(source, compiler.get()));
            if (Files.isExecutable(binary)) {
                return new ProbeBuild.Built(binary, compiler.get().toString());
            }
            Path src = dir.resolve("mmspec-probe.c");
            Files.write(src, source);
            return compile(compiler.get(), src, binary);
        } catch (IOException e) {
            return new ProbeBuild.NotBuilt("cannot build the probe in " + outDir + ": " + e);
        }
    }

    private static ProbeBuild compile(Path compiler, Path src, Path binary) throws IOException {
        Path tmp = binary.resolveSibling(binary.getFileName() + ".tmp");
        List<String> cmd = List.of(compiler.toString(), "-std=gnu11", "-O1", "-Wall", "-Wextra", "-o",
                tmp.toString(), src.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(COMPILE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new ProbeBuild.NotBuilt("compiling the probe timed out: " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new ProbeBuild.NotBuilt("interrupted while compiling the probe");
        }
        if (p.exitValue() != 0) {
            return new ProbeBuild.NotBuilt("the probe does not compile with " + compiler + " (exit "
                    + p.exitValue() + "):\n" + output.strip());
        }
        Files.move(tmp, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new ProbeBuild.Built(binary, compiler.toString());
    }

    /** {@code $CC} (a path or a name on {@code $PATH}), else the first default compiler on {@code $PATH}. */
    static Optional<Path> findCompiler(Map<String, String> env) {
        List<String> names = new ArrayList<>();
        String cc = env.get("CC");
        if (cc != null && !cc.isBlank()) {
            names.add(cc.strip());
        } else {
            names.addAll(DEFAULT_COMPILERS);
        }
        String path = env.getOrDefault("PATH", "");
        for (String name : names) {
            if (name.contains("/")) {
                Path p = Path.of(name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
                continue;
            }
            for (String dir : path.split(":")) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] readSource() throws IOException {
        try (InputStream in = ProbeBuilder.class.getResourceAsStream(SOURCE_RESOURCE)) {
            if (in == null) {
                throw new IOException("probe source " + SOURCE_RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        }
    }

    private static String hash(byte[] source, Path compiler) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(source);
            md.update(compiler.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
