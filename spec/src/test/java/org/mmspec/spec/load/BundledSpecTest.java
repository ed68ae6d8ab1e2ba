package org.mmspec.spec.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The specification bundled as resources is spec/mm, and it loads from a jar (a zip file system) too. */
class BundledSpecTest {

    @Test
    void theBundledFilesAreTheFilesOfSpecMm() throws IOException {
        Path root = BundledSpec.root();
        List<Path> bundled = BundledSpec.files(root);
        List<Path> source = BundledSpec.files(SpecMmTest.MM);
        assertEquals(names(source), names(bundled));
        assertTrue(bundled.size() >= 10, "spec/mm has the library and scenario files: " + names(bundled));
        for (int i = 0; i < source.size(); i++) {
            assertArrayEquals(Files.readAllBytes(source.get(i)), Files.readAllBytes(bundled.get(i)),
                    bundled.get(i) + " differs from spec/mm (rebuild the spec module)");
        }
    }

    @Test
    void everyFileLoadsFromAJarWithItsImports(@TempDir Path tmp) throws IOException {
        Path jar = tmp.resolve("specs.jar");
        writeJar(jar);
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            Path root = fs.getPath("/" + BundledSpec.RESOURCE_DIR);
            List<Path> files = BundledSpec.files(root);
            assertEquals(names(BundledSpec.files(SpecMmTest.MM)), names(files));
            for (Path file : files) {
                LoadResult.Loaded loaded = assertInstanceOf(LoadResult.Loaded.class, SpecLoader.load(file, root),
                        () -> file + ": " + SpecLoader.load(file, root));
                assertEquals(file.getFileName().toString(), loaded.program().file());
            }
        }
    }

    private static void writeJar(Path jar) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Path p : BundledSpec.files(SpecMmTest.MM)) {
                zip.putNextEntry(new ZipEntry(BundledSpec.RESOURCE_DIR + "/" + p.getFileName()));
                zip.write(Files.readAllBytes(p));
                zip.closeEntry();
            }
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }
}
