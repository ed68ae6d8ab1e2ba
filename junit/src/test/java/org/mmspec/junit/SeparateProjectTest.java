package org.mmspec.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "use it as a library" path, end to end: a new Maven project in a temporary directory,
 * outside the repository, depends on {@code org.mmspec:mmspec-junit:0.1.0-SNAPSHOT}, checks a scenario
 * file and a spec file of its own with {@link MmspecTests} and builds a scenario in Java — and its
 * {@code mvn test} passes. The mmspec artifacts are installed into a private local repository (never the
 * shared {@code ~/.m2}); everything else is copied from the build's own local repository, which Maven
 * reads as a file mirror, so the test works offline.
 */
class SeparateProjectTest {

    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final List<String> MODULES = List.of("spec", "reference-impl", "invariants", "checker", "junit");

    @TempDir
    Path tmp;

    @Test
    void aMavenProjectOutsideTheRepositoryChecksItsOwnFilesWithMmspecJunit() throws Exception {
        Path root = repositoryRoot();
        Path mvn = maven();
        Path repo = tmp.resolve("repo");
        install(root, repo);
        Path project = tmp.resolve("my-mm-checks");
        writeProject(root, project);
        Path settings = tmp.resolve("settings.xml");
        Files.writeString(settings, "<settings><mirrors><mirror><id>build-repository</id><mirrorOf>*</mirrorOf><url>"
                + sharedRepository().toUri() + "</url></mirror></mirrors></settings>\n");
        Path log = tmp.resolve("mvn.log");
        ProcessBuilder pb = new ProcessBuilder(mvn.toString(), "-B", "-q", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repo, "test")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("mvn test of the generated project took more than 300 s");
        }
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), "mvn test of the generated project failed:\n" + output);
        String report = Files.readString(project.resolve("target/surefire-reports/TEST-example.MmChecksTest.xml"));
        Matcher m = Pattern.compile("tests=\"(\\d+)\"[^>]*failures=\"(\\d+)\"").matcher(report);
        assertTrue(m.find(), report);
        assertEquals("4", m.group(1), report);
        assertEquals("0", m.group(2), report);
    }

    @Test
    void theReadmeShowsTheTestThisProjectRuns() throws Exception {
        String readme = Files.readString(repositoryRoot().resolve("README.md"));
        for (String line : UserProject.TEST.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            assertTrue(readme.contains(line), "README.md's library example is the tested project's test; it lacks: " + line);
        }
    }

    /** The repository's root directory (where the parent pom is). */
    private static Path repositoryRoot() {
        String given = System.getProperty("mmspec.repository.root");
        Path dir = given != null && !given.isEmpty() ? Path.of(given) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("junit/pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            fail("cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The Maven running this build ({@code maven.home}), else {@code mvn} on the PATH. */
    private static Path maven() {
        String home = System.getProperty("maven.home");
        if (home != null && !home.isEmpty() && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn");
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mvn"))) {
                return Path.of(dir, "mvn");
            }
        }
        String why = "no Maven to build the generated project (maven.home is not set and mvn is not on the PATH)";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true but " + why);
        }
        System.err.println("[mmspec] " + why + "; the separate-project test did not run");
        abort(why);
        return null;
    }

    /** The build's own local repository, read-only: {@code mmspec.maven.repo}, else {@code ~/.m2/repository}. */
    private static Path sharedRepository() {
        String given = System.getProperty("mmspec.maven.repo");
        return given != null && !given.isEmpty() ? Path.of(given) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Puts every mmspec artifact and the parent pom into {@code repo}, from this build's class path. */
    private static void install(Path root, Path repo) throws IOException {
        put(repo, "mmspec-parent", "pom", root.resolve("pom.xml"));
        List<String> classpath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        for (String module : MODULES) {
            String artifact = module.equals("reference-impl") ? "mmspec-reference-impl" : "mmspec-" + module;
            put(repo, artifact, "pom", root.resolve(module).resolve("pom.xml"));
            Path built = module.equals("junit") ? root.resolve("junit/target/classes") : classpath.stream()
                    .map(Path::of).filter(p -> p.toAbsolutePath().startsWith(root.resolve(module))).findFirst()
                    .orElseThrow(() -> new IllegalStateException(module + " is not on the test class path"));
            Path jar = Files.isDirectory(built) ? jar(built, repo.resolve(artifact + ".jar")) : built;
            put(repo, artifact, "jar", jar);
        }
    }

    private static void put(Path repo, String artifact, String type, Path file) throws IOException {
        Path dir = repo.resolve("org/mmspec").resolve(artifact).resolve(VERSION);
        Files.createDirectories(dir);
        Files.copy(file, dir.resolve(artifact + "-" + VERSION + "." + type));
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    /** The user's project: a pom, two files of theirs, and a test class. */
    private static void writeProject(Path root, Path project) throws IOException {
        String parent = Files.readString(root.resolve("pom.xml"));
        Path mm = project.resolve("src/test/mmspec");
        Files.createDirectories(mm);
        Files.createDirectories(project.resolve("src/test/java/example"));
        Files.writeString(project.resolve("pom.xml"), UserProject.pom(version(parent, "junit.version"),
                plugin(parent, "maven-compiler-plugin"), plugin(parent, "maven-resources-plugin"),
                plugin(parent, "maven-surefire-plugin")), StandardCharsets.UTF_8);
        Files.writeString(mm.resolve("two-writers.scenario"), UserProject.SCENARIO, StandardCharsets.UTF_8);
        Files.writeString(mm.resolve("my_faults.mmspec"), UserProject.SPEC, StandardCharsets.UTF_8);
        Files.writeString(project.resolve("src/test/java/example/MmChecksTest.java"), UserProject.TEST,
                StandardCharsets.UTF_8);
    }

    private static String version(String pom, String property) {
        Matcher m = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</").matcher(pom);
        assertTrue(m.find(), property + " in the parent pom");
        return m.group(1);
    }

    private static String plugin(String pom, String artifact) {
        Matcher m = Pattern.compile("<artifactId>" + Pattern.quote(artifact) + "</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertTrue(m.find(), artifact + " in the parent pom");
        return m.group(1);
    }
}
