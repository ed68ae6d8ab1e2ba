import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step of the runnable jar (run by the checker's pom after the shade plugin, as a single-file source
 * program with ASM on its class path): rewrites every class file older than Java 6 (major version below 50:
 * picocli's and ASM's, compiled for Java 5) as a Java 8 class file (major 52) with stack map frames computed
 * by ASM, and copies every other entry unchanged, in the same order.
 *
 * <p>Why: the JDK's AOT cache (JDK 24+, with AOT class linking) and a dynamic class-data archive cannot hold
 * a class file without stack map frames, so the launcher's trained class data left out the ~200 classes that
 * picocli loads at every start, which were read from the jar and verified by the old type-inferring verifier
 * at each run (about 0.1 s of processor time of a short check). The code of every method is unchanged; only
 * the version and the frames differ. A class using JSR/RET (not allowed at major 51+) fails the build.
 *
 * <p>Usage: {@code java -cp asm.jar UpgradeOldClassFiles.java JAR} (rewrites JAR in place).
 */
public final class UpgradeOldClassFiles {

    /** Java 6, the first class-file version with stack map frames. */
    static final int FIRST_WITH_FRAMES = 50;

    private UpgradeOldClassFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: UpgradeOldClassFiles JAR");
        }
        Path jar = Path.of(args[0]);
        Path tmp = jar.resolveSibling(jar.getFileName() + ".upgrading");
        int upgraded;
        try (URLClassLoader hierarchy = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            upgraded = rewrite(jar, tmp, hierarchy);
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("UpgradeOldClassFiles: " + upgraded + " class files of " + jar.getFileName()
                + " rewritten as Java 8 class files with stack map frames");
    }

    private static int rewrite(Path in, Path out, ClassLoader hierarchy) throws IOException {
        int upgraded = 0;
        try (InputStream fin = Files.newInputStream(in); ZipInputStream zin = new ZipInputStream(fin);
                OutputStream fout = Files.newOutputStream(out); ZipOutputStream zout = new ZipOutputStream(fout)) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                byte[] bytes = zin.readAllBytes();
                if (e.getName().endsWith(".class") && major(bytes) < FIRST_WITH_FRAMES) {
                    bytes = upgrade(bytes, hierarchy);
                    upgraded++;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                zout.putNextEntry(copy);
                zout.write(bytes);
                zout.closeEntry();
            }
        }
        return upgraded;
    }

    static int major(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    /**
     * The class re-emitted at major 52 with frames computed. A fresh writer (not one sharing the reader's
     * constant pool): a writer given the reader copies unchanged methods' code as it is, without frames.
     */
    static byte[] upgrade(byte[] classFile, ClassLoader hierarchy) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return hierarchy;
            }
        };
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }
}
