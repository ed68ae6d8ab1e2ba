package org.mmspec.spec.load;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code import <path>;} looks: the directories given by the user ({@code --lib DIR}), in order,
 * then the library bundled with mmspec, whose {@code mm/} holds the specification of Linux MM
 * ({@code import <mm/fault.mmspec>;}). A library file's own relative imports stay inside the directory
 * it was found in. Only {@code .mmspec} files are found; the path may not leave its directory.
 *
 * <p>The bundled library is opened (a zip file system on the runnable jar, some tens of milliseconds at
 * start-up) only when an import is not found in the user's directories: a spec that imports nothing never
 * opens it (issue 14: start-up of {@code check}).
 *
 * @param userDirs the user's directories, searched in order
 * @param bundledToo whether the bundled library is searched after them
 */
public record SearchPath(List<Path> userDirs, boolean bundledToo) {

    /** A file found: where it is and the directory of the search path it was found in. */
    public record Found(Path file, Path root) {
    }

    public SearchPath {
        userDirs = List.copyOf(userDirs);
    }

    /** The bundled library alone. */
    public static SearchPath bundled() {
        return new SearchPath(List.of(), true);
    }

    /** {@code userDirs} (absolute, normalised), then the bundled library. */
    public static SearchPath of(List<Path> userDirs) {
        List<Path> out = new ArrayList<>();
        for (Path p : userDirs) {
            out.add(p.toAbsolutePath().normalize());
        }
        return new SearchPath(out, true);
    }

    /** The directories searched, in order: the user's, then the bundled library's (opened now if need be). */
    public List<Path> dirs() {
        if (!bundledToo) {
            return userDirs;
        }
        List<Path> out = new ArrayList<>(userDirs);
        out.add(BundledSpec.libraryRoot());
        return List.copyOf(out);
    }

    /** The first {@code dir/path} that is a {@code .mmspec} file. */
    public Optional<Found> find(String path) {
        if (!path.endsWith(".mmspec")) {
            return Optional.empty();
        }
        for (int i = 0; i < userDirs.size() + (bundledToo ? 1 : 0); i++) {
            Path dir = i < userDirs.size() ? userDirs.get(i) : BundledSpec.libraryRoot();   // bundled: last, lazily
            try {
                Path file = dir.resolve(dir.getFileSystem().getPath(path)).normalize();
                if (file.startsWith(dir) && Files.isRegularFile(file)) {
                    return Optional.of(new Found(file, dir));
                }
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The {@code .mmspec} files of the search path, as imports name them ({@code mm/fault.mmspec}), for hints. */
    public List<String> files() {
        List<String> out = new ArrayList<>();
        for (Path dir : dirs()) {
            try (java.util.stream.Stream<Path> s = Files.walk(dir, 3)) {
                s.filter(p -> p.toString().endsWith(".mmspec") && Files.isRegularFile(p))
                        .forEach(p -> out.add(dir.relativize(p).toString().replace('\\', '/')));
            } catch (java.io.IOException | java.io.UncheckedIOException | SecurityException e) {
                // an unreadable directory offers no hint
            }
        }
        return out;
    }

    /** The directories, for messages: user directories as paths, the bundled library as {@code (bundled)}. */
    public String describe() {
        List<String> out = new ArrayList<>();
        Path bundled = BundledSpec.libraryRoot();
        for (Path d : dirs()) {
            out.add(d.equals(bundled) ? "the bundled library" : d.toString());
        }
        return String.join(", ", out);
    }
}
