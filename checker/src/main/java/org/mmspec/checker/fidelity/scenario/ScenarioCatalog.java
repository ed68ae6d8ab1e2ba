package org.mmspec.checker.fidelity.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The scenarios shipped with mmspec: {@code fidelity/scenarios/<name>.scn} on the classpath, listed in
 * {@code fidelity/scenarios/index.txt} (one name per line, in the order they run).
 */
public final class ScenarioCatalog {

    /** The classpath directory of the bundled scenarios. */
    public static final String DIRECTORY = "/fidelity/scenarios/";

    private ScenarioCatalog() {
    }

    /** The names of all bundled scenarios, in index order. */
    public static List<String> names() {
        return read("index.txt").lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    /** The text of bundled scenario {@code name}. */
    public static String text(String name) {
        return read(name + ".scn");
    }

    /** Parses bundled scenario {@code name}. */
    public static ParseResult load(String name) {
        return ScenarioParser.parse(name, text(name));
    }

    private static String read(String file) {
        try (InputStream in = ScenarioCatalog.class.getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalStateException("bundled scenario file " + DIRECTORY + file + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
