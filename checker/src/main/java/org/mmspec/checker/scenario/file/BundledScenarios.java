package org.mmspec.checker.scenario.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mmspec.checker.scenario.Scenario;

/**
 * The standard scenarios that ship with mmspec: the files of {@code checker/scenarios}, which the build
 * copies into the resources under {@value #RESOURCE_DIR}, loaded in file-name order. Read once per
 * class loader (the list is immutable).
 */
public final class BundledScenarios {

    /** Where the files of {@code checker/scenarios} are on the class path. */
    public static final String RESOURCE_DIR = "org/mmspec/checker/scenarios";
    private static final String ANCHOR = RESOURCE_DIR + "/README.md";

    private BundledScenarios() {
    }

    /** Holds the scenarios, loaded on first use. */
    private static final class Holder {
        static final List<Scenario> ALL = load();
    }

    /**
     * The standard scenarios, in file-name order.
     *
     * @throws IllegalStateException when a bundled file is missing or has errors (a build problem)
     */
    public static List<Scenario> all() {
        return Holder.ALL;
    }

    private static List<Scenario> load() {
        List<Scenario> out = new ArrayList<>();
        for (Path file : files()) {
            switch (ScenarioFiles.load(file)) {
                case ScenarioLoad.Loaded l -> out.addAll(l.scenarios());
                case ScenarioLoad.Rejected r -> throw new IllegalStateException("bundled scenario file "
                        + file.getFileName() + " has errors:\n" + r.render());
            }
        }
        return List.copyOf(out);
    }

    /** The bundled {@code .scenario} files, sorted by name. */
    public static List<Path> files() {
        Path dir = root();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(ScenarioFiles::isScenarioFile)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bundled scenarios in " + dir, e);
        }
    }

    /** The directory of the bundled files (in a zip file system when the classes are in a jar). */
    public static Path root() {
        URL url = BundledScenarios.class.getClassLoader().getResource(ANCHOR);
        if (url == null) {
            throw new IllegalStateException("the bundled scenarios are missing: no " + ANCHOR + " on the class path");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("file")) {
                return Path.of(uri).getParent();
            }
            try {
                FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                // opened before: Path.of finds it
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the bundled scenarios from " + url, e);
        }
    }
}
