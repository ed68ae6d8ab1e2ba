package org.mmspec.checker.fidelity.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Stream;

import org.mmspec.checker.fidelity.observe.HostFacts;

/**
 * The recorded golden sets under one directory ({@code checker/src/test/resources/fidelity/golden}): each
 * subdirectory holding {@code .kernel} files is a {@link GoldenSet}, its deciding facts read from its
 * first golden (a test checks that every golden of a set agrees).
 */
public final class GoldenSets {

    private GoldenSets() {
    }

    /** The sets under {@code root}, by name; none when {@code root} does not exist. */
    public static List<GoldenSet> list(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<GoldenSet> sets = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                firstGolden(dir).ifPresent(g -> sets.add(new GoldenSet(dir.getFileName().toString(), g.deciding(), dir)));
            }
        }
        return List.copyOf(sets);
    }

    /** The set recorded on hosts with {@code facts}' deciding facts, if any. */
    public static Optional<GoldenSet> matching(List<GoldenSet> sets, HostFacts facts) {
        return sets.stream().filter(s -> s.appliesTo(facts)).findFirst();
    }

    /**
     * A directory name for a new set, from its deciding facts: {@code linux-<series>-<fs>-zero-page} or
     * {@code -no-zero-page}, then whatever else differs from the common case (swap, MGLRU, no LRU drain,
     * no {@code MADV_COLD}/{@code MADV_PAGEOUT}, a page size other than 4096).
     */
    public static String nameFor(SortedMap<String, String> deciding) {
        StringBuilder b = new StringBuilder("linux-").append(deciding.getOrDefault("kernel_series", "unknown"))
                .append('-').append(deciding.getOrDefault("workdir_fs", "unknown"))
                .append("yes".equals(deciding.get("zero_page_on_read_fault")) ? "-zero-page" : "-no-zero-page");
        if ("yes".equals(deciding.get("swap"))) {
            b.append("-swap");
        }
        if ("on".equals(deciding.get("lru_gen"))) {
            b.append("-mglru");
        }
        if ("no".equals(deciding.get("lru_drain"))) {
            b.append("-no-lru-drain");
        }
        if (!"yes".equals(deciding.get("madv_cold")) || !"yes".equals(deciding.get("madv_pageout"))) {
            b.append("-no-madv-pageout");
        }
        if (!"4096".equals(deciding.get("page_size"))) {
            b.append("-page-").append(deciding.get("page_size"));
        }
        return b.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "_");
    }

    private static Optional<Golden> firstGolden(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Optional<Path> first = files.filter(f -> f.getFileName().toString().endsWith(".kernel")).sorted().findFirst();
            if (first.isEmpty()) {
                return Optional.empty();
            }
            return switch (GoldenFormat.parse(Files.readString(first.get(), StandardCharsets.UTF_8))) {
                case GoldenParse.Read r -> Optional.of(r.golden());
                case GoldenParse.Malformed m -> throw new IOException(first.get() + ":" + m.problem());
            };
        }
    }
}
