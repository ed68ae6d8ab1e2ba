package org.mmspec.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.run.CheckRun;
import org.mmspec.checker.run.FileChecks;
import org.mmspec.checker.scenario.Scenario;

/**
 * JUnit 5 dynamic tests from mmspec files: one test per check of every spec file ({@code .mmspec}) and
 * scenario file ({@code .scenario}) given — or found under a directory given — each failing, as
 * {@code mmspec check} judges it, with the counterexample; a file that does not load is one failing test
 * with its diagnostics. Scenarios built in Java ({@code ScenarioBuilder}) work the same way.
 *
 * <pre>{@code
 * class MyMmChecks {
 *     @TestFactory
 *     Stream<DynamicNode> mmspec() {
 *         return MmspecTests.files(Path.of("src/test/mmspec"));
 *     }
 * }
 * }</pre>
 *
 * A file's searches run when its tests are created (each search once; its tests then report the
 * verdicts).
 */
public final class MmspecTests {

    private final List<Path> libs;

    private MmspecTests(List<Path> libs) {
        this.libs = List.copyOf(libs);
    }

    /** Tests for {@code paths}: files, or directories searched for {@code .mmspec} and {@code .scenario} files. */
    public static Stream<DynamicNode> files(Path... paths) {
        return new MmspecTests(List.of()).of(paths);
    }

    /** As {@link #files}, with {@code import <path>;} of spec files also searching {@code libs}. */
    public static MmspecTests withLibrary(Path... libs) {
        return new MmspecTests(List.of(libs));
    }

    /** Tests for {@code paths} with this library search path. */
    public Stream<DynamicNode> of(Path... paths) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path p : expand(paths)) {
            nodes.add(file(p));
        }
        return nodes.stream();
    }

    /** Tests for scenarios built in Java: each with its bugs off and, if it has one, its own bug on. */
    public static Stream<DynamicTest> scenarios(Scenario... scenarios) {
        List<CheckRun> runs = FileChecks.scenarios("", "", List.of(scenarios), SearchListener.NONE);
        return runs.stream().map(r -> DynamicTest.dynamicTest(testName(r), () -> MmspecAssertions.assertAsExpected(r)));
    }

    private DynamicNode file(Path file) {
        URI source = file.toUri();
        return switch (FileChecks.check(file, libs, SearchListener.NONE)) {
            case FileChecks.Rejected r -> DynamicTest.dynamicTest(file.getFileName() + " loads", source,
                    () -> MmspecAssertions.fail(r.file() + " does not load:\n" + r.diagnostics()));
            case FileChecks.Checked c -> DynamicContainer.dynamicContainer(file.getFileName().toString(), source,
                    c.runs().stream().map(r -> DynamicTest.dynamicTest(testName(r), source,
                            () -> MmspecAssertions.assertAsExpected(r))));
        };
    }

    private static String testName(CheckRun r) {
        return r.scenario() + (r.bugs().isEmpty() ? "" : " [" + String.join(",", r.bugs()) + " on]")
                + " expects " + r.expected();
    }

    private static List<Path> expand(Path... paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".mmspec")
                            || f.toString().endsWith(".scenario"))).sorted(Comparator.comparing(Path::toString))
                            .forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p, e);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
