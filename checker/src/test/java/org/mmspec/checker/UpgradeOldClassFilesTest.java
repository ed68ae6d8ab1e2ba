package org.mmspec.checker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar's build step {@code src/build/UpgradeOldClassFiles.java} (run by the checker's pom after
 * the shade plugin), run here as the build runs it, on picocli's own jar: every Java 5 class file comes out
 * as a Java 8 one that the JVM's verifier accepts (so its stack map frames are right), every other entry
 * unchanged and in order. A writer that only raised the version, without frames (what an ASM writer sharing
 * the reader's constant pool does), is caught: the verifier rejects its classes.
 */
class UpgradeOldClassFilesTest {

    @TempDir
    Path dir;

    @Test
    void everyOldClassBecomesAVerifiableJava8ClassAndTheRestIsCopied() throws Exception {
        Path original = codeSource(picocli.CommandLine.class);
        Path jar = dir.resolve("picocli.jar");
        Files.copy(original, jar);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", codeSource(org.objectweb.asm.ClassReader.class).toString(),
                Path.of("src/build/UpgradeOldClassFiles.java").toAbsolutePath().toString(), jar.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);

        Map<String, byte[]> before = entries(original);
        Map<String, byte[]> after = entries(jar);
        assertEquals(new ArrayList<>(before.keySet()), new ArrayList<>(after.keySet()));
        int upgraded = 0;
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            byte[] now = after.get(e.getKey());
            if (e.getKey().endsWith(".class") && major(e.getValue()) < 50) {
                assertEquals(52, major(now), e.getKey());
                upgraded++;
            } else {
                assertArrayEquals(e.getValue(), now, e.getKey());
            }
        }
        assertTrue(upgraded > 100, "picocli's class files are Java 5 ones: " + upgraded + " upgraded");
        assertTrue(log.contains(upgraded + " class files of picocli.jar rewritten"), log);
        assertEquals(upgraded, verifyAll(jar, after));
    }

    @Test
    void aJava8ClassWithoutFramesIsCaughtByTheVerification() throws Exception {
        Map<String, byte[]> original = entries(codeSource(picocli.CommandLine.class));
        Map<String, byte[]> versionOnly = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : original.entrySet()) {
            byte[] b = e.getValue().clone();
            if (e.getKey().endsWith(".class") && major(b) < 50) {
                b[6] = 0;
                b[7] = 52;
            }
            versionOnly.put(e.getKey(), b);
        }
        Path jar = dir.resolve("version-only.jar");
        write(jar, versionOnly);
        assertThrows(VerifyError.class, () -> verifyAll(jar, versionOnly));
    }

    /** Loads and initialises (so links and verifies) every upgraded class; returns how many. */
    private static int verifyAll(Path jar, Map<String, byte[]> entries) throws Exception {
        int n = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                String name = e.getKey();
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && major(e.getValue()) == 52) {
                    Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), true, loader);
                    n++;
                }
            }
        }
        return n;
    }

    private static int major(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private static Path codeSource(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                m.put(e.getName(), in.readAllBytes());
            }
        }
        return m;
    }

    private static void write(Path jar, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }
}
