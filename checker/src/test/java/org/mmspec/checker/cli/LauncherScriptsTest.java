package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's two commands on a machine whose default {@code java} is older than 21: {@code ./mvnw} (the
 * test command) and {@code ./mmspec} (the launcher, with {@code MMSPEC_JAVA_OPTS}). Each script runs from a
 * copy of the project's scripts in a temporary root, with stand-ins for Maven, for a JDK 17 (JAVA_HOME and
 * the default {@code java}) and for the launcher's jar, so nothing is built and the real JDK running this
 * test is the only JDK 21+ offered ({@code MMSPEC_JDK_DIRS}).
 */
class LauncherScriptsTest {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path root;

    private Path jdkDirs;
    private Path oldJdk;
    private Path bin;

    @BeforeEach
    void copyScriptsAndStandIns() throws IOException {
        Files.createDirectories(root.resolve(".ci"));
        for (String script : List.of("mvnw", "mmspec", ".ci/select-jdk", ".ci/run")) {
            Files.copy(PROJECT.resolve(script), root.resolve(script));
            executable(root.resolve(script));
        }
        jdkDirs = Files.createDirectories(root.resolve("jvms"));
        oldJdk = Files.createDirectories(jdkDirs.resolve("a-jdk-17/bin"));
        for (String tool : List.of("java", "javac")) {
            script(oldJdk.resolve(tool), "echo '    java.specification.version = 17' >&2\necho 'openjdk 17' >&2\n");
        }
        Files.createSymbolicLink(jdkDirs.resolve("b-jdk-current"), Path.of(System.getProperty("java.home")));
        bin = Files.createDirectories(root.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("java"), oldJdk.resolve("java"));
        script(bin.resolve("mvn"), "echo \"maven: JAVA_HOME=$JAVA_HOME args=$* CI=${CI:-}\"\n"
                + "\"$JAVA_HOME/bin/java\" -XshowSettings:properties -version 2>&1 | grep 'java.specification.version'\n");
    }

    private static void executable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void script(Path p, String body) throws IOException {
        Files.writeString(p, "#!/usr/bin/env bash\n" + body);
        executable(p);
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> e = pb.environment();
        e.put("PATH", bin + ":/usr/bin:/bin");
        e.put("JAVA_HOME", oldJdk.getParent().toString());
        e.put("MMSPEC_JDK_DIRS", jdkDirs.toString());
        e.remove("CI");
        e.putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running: " + List.of(command));
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void mvnwRunsMavenWithAJdk21EvenWhenTheDefaultJavaIs17() throws IOException, InterruptedException {
        Run r = run(Map.of(), "./mvnw", "-B", "verify");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("maven: JAVA_HOME=" + jdkDirs.resolve("b-jdk-current") + " args=-B verify"),
                r.toString());
        int major = Integer.parseInt(r.out().replaceAll("(?s).*java.specification.version = ([0-9]+).*", "$1"));
        assertTrue(major >= 21, r.toString());
    }

    @Test
    void ciRunsExactlyTheReadmesTestCommandUnderCiTrue() throws IOException, InterruptedException {
        Run r = run(Map.of(), ".ci/run");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("args=-B verify CI=true"), r.toString());
    }

    @Test
    void withoutAJdk21TheScriptsSaySoAndExitTwo() throws IOException, InterruptedException {
        Files.delete(jdkDirs.resolve("b-jdk-current"));
        Run r = run(Map.of(), "./mvnw", "-B", "verify");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("mmspec: no JDK 21 or newer found"), r.toString());
    }

    /** A stand-in for the launcher's jar: prints its heap limit and arguments. */
    private void fakeJar() throws IOException {
        Path src = Files.createDirectories(root.resolve("probe-src"));
        Files.writeString(src.resolve("Probe.java"), "public class Probe { public static void main(String[] a) {"
                + " System.out.println(\"max heap MiB \" + Runtime.getRuntime().maxMemory() / (1 << 20)"
                + " + \" args \" + String.join(\" \", a)"
                + " + \" jvm \" + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()"
                + " + \" tunables \" + System.getenv(\"GLIBC_TUNABLES\"));"
                + " if (a.length > 0 && a[0].equals(\"check\") && System.getenv(\"PROBE_FAIL_TRAINING\") != null)"
                + " System.exit(1); } }");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", src.toString(),
                src.resolve("Probe.java").toString()));
        Path jar = Files.createDirectories(root.resolve("checker/target/dist")).resolve("mmspec.jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Probe");
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, m)) {
            j.putNextEntry(new JarEntry("Probe.class"));
            j.write(Files.readAllBytes(src.resolve("Probe.class")));
            j.closeEntry();
        }
        for (String d : List.of("spec", "reference-impl", "invariants")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Path stamp = Files.writeString(root.resolve(".mmspec-build.stamp"), "");
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.now().plusSeconds(3600)));
    }

    /** The README's example ({@code MMSPEC_JAVA_OPTS="-Xmx2g" ./mmspec explore ...}) does what it says. */
    @Test
    void theReadmesJavaOptsExampleRuns() throws IOException, InterruptedException {
        fakeJar();
        String line = Files.readAllLines(PROJECT.resolve("README.md")).stream()
                .filter(l -> l.startsWith("MMSPEC_JAVA_OPTS=\"")).findFirst().orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("MMSPEC_JAVA_OPTS=\"-Xmx([0-9]+)g\" \\./mmspec (.*)")
                .matcher(line);
        assertTrue(m.matches(), line);
        long gib = Long.parseLong(m.group(1));
        List<String> command = new java.util.ArrayList<>(List.of("./mmspec"));
        command.addAll(List.of(m.group(2).split(" ")));
        Run r = run(Map.of("MMSPEC_JAVA_OPTS", "-Xmx" + gib + "g"), command.toArray(String[]::new));
        assertEquals(0, r.code(), r.toString());
        long mib = Long.parseLong(r.out().replaceAll("(?s).*max heap MiB ([0-9]+).*", "$1"));
        assertTrue(mib <= gib * 1024 && mib >= gib * 512, "the heap follows -Xmx" + gib + "g: " + r);
        assertTrue(r.out().contains("args " + m.group(2)), r.toString());
    }

    /**
     * The launcher prepares the classes of a training check once per jar and starts the JVM with them: an
     * AOT cache on JDK 25 and later, a dynamic class-data archive before (and whenever {@code
     * MMSPEC_CDS=dynamic}); a failed training leaves them out and the command still runs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"auto", "dynamic", "aot"})
    void theLauncherSharesClassDataFromATrainingRun(String mode) throws IOException, InterruptedException {
        fakeJar();
        boolean aotJdk = Runtime.version().feature() >= 25;
        Map<String, String> env = mode.equals("auto") ? Map.of() : Map.of("MMSPEC_CDS", mode);
        if (mode.equals("aot") && !aotJdk) {
            Run refused = run(env, "./mmspec", "list");
            assertEquals(2, refused.code(), refused.toString());
            assertTrue(refused.err().contains("MMSPEC_CDS=aot needs a JDK 25 or newer"), refused.toString());
            return;
        }
        boolean aot = mode.equals("aot") || mode.equals("auto") && aotJdk;
        Path archive = root.resolve("checker/target/dist/mmspec." + (aot ? "aot" : "jsa"));
        String option = (aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive;
        Run first = run(env, "./mmspec", "list");
        assertEquals(0, first.code(), first.toString());
        assertTrue(Files.size(archive) > 0, "the training run wrote the class data");
        assertTrue(first.out().contains(option), first.toString());
        assertTrue(first.err().isEmpty(), "starting with the class data warns of nothing: " + first);
        Path jdk = archive.resolveSibling(archive.getFileName() + ".jdk");
        String current = jdkDirs.resolve("b-jdk-current").toString();
        assertTrue(Files.readString(jdk).startsWith(current), "the archive names its JDK");
        Files.writeString(jdk, "/another/jdk 17.0.1");
        FileTime trained = FileTime.from(Instant.now().minusSeconds(600));
        Files.setLastModifiedTime(archive, trained);
        Run otherJdk = run(env, "./mmspec", "list");
        assertEquals(0, otherJdk.code(), otherJdk.toString());
        assertTrue(Files.getLastModifiedTime(archive).compareTo(trained) > 0
                && Files.readString(jdk).startsWith(current),
                "class data of another JDK is trained again: " + otherJdk);
        Files.delete(archive);
        Map<String, String> failing = new java.util.HashMap<>(env);
        failing.put("PROBE_FAIL_TRAINING", "1");
        Run failed = run(failing, "./mmspec", "list");
        assertEquals(0, failed.code(), failed.toString());
        assertTrue(!Files.exists(archive) && !failed.out().contains("SharedArchiveFile")
                && !failed.out().contains("AOTCache"),
                "a failed training leaves the class data out and the command still runs: " + failed);
        try (var left = Files.list(archive.getParent())) {
            assertEquals(List.of(), left.filter(f -> f.getFileName().toString().matches("mmspec\\.(jsa|aot)\\.[0-9].*"))
                    .toList(), "no temporary archive is left behind");
        }
    }

    /**
     * The launcher rebuilds the jar exactly when a source file is newer than the build's stamp (build output
     * under a {@code target} directory does not count), says so, and then runs the command.
     */
    @Test
    void theLauncherRebuildsWhenASourceIsNewerThanTheBuild() throws IOException, InterruptedException {
        fakeJar();
        Map<String, String> env = Map.of("MMSPEC_CDS", "off");
        Path source = Files.writeString(Files.createDirectories(root.resolve("spec/src")).resolve("A.java"), "");
        Path output = Files.writeString(Files.createDirectories(root.resolve("spec/target")).resolve("A.class"), "");
        Files.setLastModifiedTime(output, FileTime.from(Instant.now().plusSeconds(7200)));
        Run fresh = run(env, "./mmspec", "list");
        assertEquals(0, fresh.code(), fresh.toString());
        assertTrue(!fresh.err().contains("building") && fresh.out().contains("args list"), fresh.toString());
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(7200)));
        Run stale = run(env, "./mmspec", "list");
        assertEquals(0, stale.code(), stale.toString());
        assertTrue(stale.err().contains("mmspec: building (first use or sources changed)")
                && stale.out().contains("args list"), stale.toString());
        assertTrue(Files.readString(root.resolve("checker/.mmspec-build.log")).contains("args=-B -q -DskipTests package"),
                "the build ran Maven");
    }

    /**
     * The class data's JDK identity includes the time of the JDK's modules file: a JDK updated in place (same
     * directory, same version, a package's older file time) trains it again; an unchanged one reuses it.
     */
    @Test
    void classDataOfAJdkUpdatedInPlaceIsTrainedAgain() throws IOException, InterruptedException {
        fakeJar();
        Path real = Path.of(System.getProperty("java.home"));
        Path jdk = Files.createDirectories(root.resolve("jdk-in-place"));
        Files.createDirectories(jdk.resolve("bin"));
        for (String tool : List.of("java", "javac")) {
            Files.createSymbolicLink(jdk.resolve("bin").resolve(tool), real.resolve("bin").resolve(tool));
        }
        Files.copy(real.resolve("release"), jdk.resolve("release"));
        Path modules = Files.writeString(Files.createDirectories(jdk.resolve("lib")).resolve("modules"), "");
        Files.setLastModifiedTime(modules, FileTime.from(Instant.now().minusSeconds(86_400)));
        Map<String, String> env = Map.of("JAVA_HOME", jdk.toString());
        Run first = run(env, "./mmspec", "list");
        assertEquals(0, first.code(), first.toString());
        Path archive;
        try (var dist = Files.list(root.resolve("checker/target/dist"))) {
            archive = dist.filter(f -> f.getFileName().toString().matches("mmspec\\.(aot|jsa)")).findFirst().orElseThrow();
        }
        FileTime trained = FileTime.from(Instant.now().minusSeconds(600));
        Files.setLastModifiedTime(archive, trained);
        Files.setLastModifiedTime(archive.resolveSibling("mmspec.jar"), FileTime.from(Instant.now().minusSeconds(1200)));
        Run same = run(env, "./mmspec", "list");
        assertEquals(0, same.code(), same.toString());
        assertEquals(trained, Files.getLastModifiedTime(archive), "the same JDK reuses the class data: " + same);
        Files.setLastModifiedTime(modules, FileTime.from(Instant.now().minusSeconds(2 * 86_400)));
        Run updated = run(env, "./mmspec", "list");
        assertEquals(0, updated.code(), updated.toString());
        assertTrue(Files.getLastModifiedTime(archive).compareTo(trained) > 0,
                "class data of a JDK updated in place is trained again: " + updated);
    }

    /**
     * {@code MMSPEC_CDS=off}, or JVM options of the user's that name their own class data, leave the
     * launcher's out; a value of {@code MMSPEC_CDS} that means nothing is refused with exit 2.
     */
    @Test
    void classDataCanBeLeftOutAndABadModeIsRefused() throws IOException, InterruptedException {
        fakeJar();
        for (Map<String, String> env : List.of(Map.of("MMSPEC_CDS", "off"), Map.of("MMSPEC_JAVA_OPTS", "-Xshare:off"))) {
            Run r = run(env, "./mmspec", "list");
            assertEquals(0, r.code(), r.toString());
            assertTrue(!r.out().contains("SharedArchiveFile") && !r.out().contains("AOTCache"), r.toString());
        }
        Run bad = run(Map.of("MMSPEC_CDS", "maybe"), "./mmspec", "list");
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("MMSPEC_CDS='maybe' is not one of aot, dynamic, off"), bad.toString());
    }

    /**
     * A JDK's version is read from its {@code release} file when it has one, without starting its {@code java}:
     * a candidate whose file says 17 is passed over, though its {@code java} (never run) would claim 21.
     */
    @Test
    void aJdksReleaseFileGivesItsVersionWithoutStartingIt() throws IOException, InterruptedException {
        Path liar = Files.createDirectories(jdkDirs.resolve("c-jdk-17-with-release/bin"));
        Path ran = root.resolve("liar-ran");
        for (String tool : List.of("java", "javac")) {
            script(liar.resolve(tool), "touch '" + ran + "'\necho '    java.specification.version = 21' >&2\n");
        }
        Files.writeString(liar.getParent().resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"17.0.9\"\n");
        Run r = run(Map.of(), "./mvnw", "-B", "verify");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("maven: JAVA_HOME=" + jdkDirs.resolve("b-jdk-current") + " "), r.toString());
        assertTrue(!Files.exists(ran), "the JDK with a release file was not started");
    }

    /**
     * Huge pages are asked for (the JVM's heap, and glibc's malloc for the off-heap tables) exactly when the
     * kernel gives them to a process that asks, and {@code MMSPEC_THP=0} leaves them out; a tunable the user
     * set is kept.
     */
    @Test
    void theLauncherAsksForHugePagesWhenTheKernelOffersThem() throws IOException, InterruptedException {
        fakeJar();
        Path thp = root.resolve("thp-enabled");
        Files.writeString(thp, "always [madvise] never\n");
        Run offered = run(Map.of("MMSPEC_THP_FILE", thp.toString(), "GLIBC_TUNABLES", "glibc.malloc.arena_max=2"),
                "./mmspec", "list");
        assertEquals(0, offered.code(), offered.toString());
        assertTrue(offered.out().contains("-XX:+UseTransparentHugePages")
                && offered.out().contains("tunables glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1"), offered.toString());
        Files.writeString(thp, "[always] madvise never\n");
        Run always = run(Map.of("MMSPEC_THP_FILE", thp.toString()), "./mmspec", "list");
        assertTrue(always.out().contains("-XX:+UseTransparentHugePages")
                && always.out().contains("tunables glibc.malloc.hugetlb=1"), always.toString());
        Run off = run(Map.of("MMSPEC_THP_FILE", thp.toString(), "MMSPEC_THP", "0"), "./mmspec", "list");
        Files.writeString(thp, "always madvise [never]\n");
        Run never = run(Map.of("MMSPEC_THP_FILE", thp.toString()), "./mmspec", "list");
        Run missing = run(Map.of("MMSPEC_THP_FILE", root.resolve("absent").toString()), "./mmspec", "list");
        for (Run r : List.of(off, never, missing)) {
            assertEquals(0, r.code(), r.toString());
            assertTrue(!r.out().contains("TransparentHugePages") && r.out().contains("tunables null"), r.toString());
        }
    }

    @Test
    void theLauncherPassesMmspecJavaOpts() throws IOException, InterruptedException {
        fakeJar();
        Run plain = run(Map.of(), "./mmspec", "list");
        assertEquals(0, plain.code(), plain.toString());
        assertTrue(plain.out().contains("args list"), plain.toString());
        long plainMib = Long.parseLong(plain.out().replaceAll("(?s).*max heap MiB ([0-9]+).*", "$1"));
        assertTrue(plainMib <= 1024 && plainMib >= 64, "the launcher's default heap is at most 1 GiB: " + plain);
        assertTrue(plain.out().matches("(?s).*-XX:MaxDirectMemorySize=[1-9][0-9]*k.*"),
                "off-heap memory is not capped at the heap (JDK 21's direct buffers): " + plain);
        Run small = run(Map.of("MMSPEC_JAVA_OPTS", "-Xmx64m -Dunused=1"), "./mmspec", "list");
        assertEquals(0, small.code(), small.toString());
        long mib = Long.parseLong(small.out().replaceAll("(?s).*max heap MiB ([0-9]+).*", "$1"));
        assertTrue(mib <= 64 && mib >= 32, "the heap follows -Xmx64m: " + small);
        Run bad = run(Map.of("MMSPEC_JAVA_OPTS", "-Xbogus"), "./mmspec", "list");
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("mmspec: the JVM rejects MMSPEC_JAVA_OPTS='-Xbogus'"), bad.toString());
    }
}
