package org.mmspec.spec.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The specification of Linux MM that ships with mmspec: the files of {@code spec/mm}, which the build
 * copies into this module's resources under {@value #RESOURCE_DIR}. Loading them from the class path
 * makes the standard suite independent of the working directory: it runs the same files from the
 * source tree's classes directory (tests) and from the runnable jar (the {@code mmspec} launcher).
 *
 * <pre>
 *   Path root = BundledSpec.root();
 *   for (Path file : BundledSpec.files(root)) {
 *       LoadResult r = SpecLoader.load(file, root);   // imports stay inside the bundled tree
 *   }
 * </pre>
 *
 * When the classes are in a jar, {@link #root()} is a path in a zip file system opened on the jar (and
 * left open, as the JDK's zip provider keeps it, for later calls).
 */
public final class BundledSpec {

    /** Where the files of {@code spec/mm} are on the class path. */
    public static final String RESOURCE_DIR = "org/mmspec/spec/mm";
    /** The file the directory is found by (class loaders find files, not always directories). */
    static final String ANCHOR = RESOURCE_DIR + "/README.md";

    private BundledSpec() {
    }

    /**
     * The directory of the bundled files.
     *
     * @throws IllegalStateException when the files are not on the class path: a build problem
     */
    public static Path root() {
        URL url = BundledSpec.class.getClassLoader().getResource(ANCHOR);
        if (url == null) {
            throw new IllegalStateException("the bundled specification is missing: no " + ANCHOR
                    + " on the class path (was the spec module built with its resources?)");
        }
        try {
            URI uri = url.toURI();
            return switch (uri.getScheme()) {
                case "file" -> Path.of(uri).getParent();
                case "jar" -> inJar(uri).getParent();
                default -> throw new IllegalStateException("cannot read the bundled specification from " + uri);
            };
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad class-path URL " + url, e);
        }
    }

    private static Path inJar(URI uri) {
        try {
            FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            // opened by an earlier call: Path.of finds it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + uri, e);
        }
        return Path.of(uri);
    }

    /**
     * The root of the bundled library, which {@code import <mm/fault.mmspec>;} searches: the directory
     * holding {@code mm/} (the files of {@code spec/mm}).
     */
    public static Path libraryRoot() {
        return root().getParent();
    }

    /** The {@code .mmspec} files directly in {@code dir}, sorted by name. */
    public static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".mmspec") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }
}
