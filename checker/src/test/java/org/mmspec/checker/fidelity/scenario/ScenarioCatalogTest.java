package org.mmspec.checker.fidelity.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.mmspec.checker.fidelity.golden.GoldenSet;
import org.mmspec.checker.fidelity.golden.GoldenSets;

class ScenarioCatalogTest {

    private static final Path SOURCE = Path.of("src", "main", "resources", "fidelity", "scenarios");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "fidelity", "golden");

    @Test
    void theIndexListsExactlyTheScenarioFilesAndEachHasAGolden() throws IOException {
        Set<String> files;
        try (Stream<Path> s = Files.list(SOURCE)) {
            files = new HashSet<>(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".scn"))
                    .map(n -> n.substring(0, n.length() - 4)).toList());
        }
        List<String> index = ScenarioCatalog.names();
        assertEquals(files, new HashSet<>(index));
        assertEquals(index.size(), new HashSet<>(index).size(), "no scenario listed twice");
        List<GoldenSet> sets = GoldenSets.list(GOLDEN);
        assertTrue(sets.size() >= 2, "golden sets with and without the zero page: " + sets);
        for (GoldenSet set : sets) {
            for (String name : index) {
                assertTrue(Files.exists(set.file(name)), "golden of " + name + " in set " + set.name());
            }
            try (Stream<Path> s = Files.list(set.dir())) {
                assertEquals(index.size(), s.count(), "set " + set.name() + " holds exactly one golden per scenario");
            }
        }
    }

    @Test
    void everyScenarioParsesAndTogetherTheyCoverTheLanguage() {
        List<String> names = ScenarioCatalog.names();
        assertTrue(names.size() >= 30, "at least 30 scenarios, found " + names.size());
        Set<Class<?>> ops = new HashSet<>();
        Set<Advice> advice = EnumSet.noneOf(Advice.class);
        Set<String> mappings = new HashSet<>();
        for (String name : names) {
            ParseResult r = ScenarioCatalog.load(name);
            if (r instanceof ParseResult.Invalid i) {
                throw new AssertionError(i.describe());
            }
            Scenario s = ((ParseResult.Parsed) r).scenario();
            for (Step step : s.steps()) {
                ops.add(step.op().getClass());
                if (step.op() instanceof Op.Madvise m) {
                    advice.add(m.advice());
                }
            }
            s.regions().forEach(reg -> mappings.add(reg.backing().getClass().getSimpleName() + " "
                    + reg.sharing()));
        }
        assertEquals(Set.of(Op.Mmap.class, Op.Touch.class, Op.Fork.class, Op.Munmap.class, Op.Mprotect.class,
                Op.Madvise.class, Op.FileWrite.class, Op.Exit.class, Op.Observe.class), ops);
        assertEquals(EnumSet.allOf(Advice.class), advice);
        assertEquals(Set.of("Anon PRIVATE", "Anon SHARED", "File PRIVATE", "File SHARED"), mappings);
    }
}
