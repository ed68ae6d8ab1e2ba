package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./mmspec} command in the README's "Scale" section runs: the checkpoint and resume examples as
 * written (with their directory in a temporary folder), the benchmark commands with a state budget so
 * that they take seconds rather than minutes. The workload under {@code ../shared/bench/} is looked for
 * beside the repository (or a worktree's parent); a clean clone does not have it, so its commands are then
 * left out and one visible line says which (the rest of the section still runs).
 */
class ReadmeScaleExamplesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static List<String> commands() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Scale");
        assertTrue(start >= 0, "README has a Scale section");
        int end = readme.indexOf("\n## ", start + 1);
        List<String> out = new ArrayList<>();
        for (String line : readme.substring(start, end).split("\n")) {
            String l = line.strip();
            int hash = l.indexOf("  #");
            l = hash >= 0 ? l.substring(0, hash).strip() : l;
            if (l.startsWith("MMSPEC_JAVA_OPTS=")) {
                l = l.substring(l.indexOf(' ') + 1);
            }
            if (l.startsWith("./mmspec ")) {
                out.add(l.substring("./mmspec ".length()));
            }
        }
        return out;
    }

    /**
     * The {@code shared} directory beside the repository (or beside a parent folder of it), or null: the
     * benchmark workload lives outside the project and a clean clone (CI) does not have it.
     */
    static Path shared() {
        for (Path p = ROOT; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("bench"))) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void everyScaleCommandOfTheReadmeRuns(@TempDir Path dir) throws IOException {
        List<String> commands = commands();
        assertTrue(commands.size() >= 4, "the Scale section shows its commands: " + commands);
        int checkpointed = 0;
        Path shared = shared();
        List<String> notRun = new ArrayList<>();
        for (String command : commands) {
            if (shared == null && command.contains("../shared/")) {
                notRun.add(command);
                continue;
            }
            String c = command.replace("../shared/", shared + "/").replace(" cp", " " + dir.resolve("cp"));
            List<String> args = new ArrayList<>(Arrays.asList(c.split(" +")));
            // the README's commands run from the repository's root; these tests run in checker/
            args.replaceAll(a -> a.startsWith("bench/") ? ROOT.resolve(a).toString() : a);
            if (args.contains("--scale")) {
                int budget = args.indexOf("--max-states");
                if (budget >= 0) {
                    args.set(budget + 1, "3000");   // the README's own budget, cut to the test's
                } else {
                    args.addAll(List.of("--max-states", "3000"));
                }
                args.add("--no-warmup");
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));
            if (args.contains("--checkpoint")) {
                assertEquals(3, run.code(), run.toString());
                checkpointed++;
            } else if (args.contains("--resume")) {
                assertEquals(1, run.code(), run.toString());
                assertTrue(run.out().contains("VIOLATED"), run.toString());
            } else if (args.contains("--scale")) {
                assertEquals(0, run.code(), run.toString());
                assertTrue(run.out().contains("scale model="), run.toString());
                assertTrue(run.out().matches("(?s).*peak_huge_page_bytes=(-1|[0-9]+) .*"), run.toString());
                assertFalse(run.out().contains("verdict=violated"), run.toString());
            } else {
                assertEquals(1, run.code(), run.toString());
                assertTrue(run.out().contains("VIOLATED"), run.toString());
            }
        }
        assertEquals(4, checkpointed, "a checkpoint example for each strategy");
        assertTrue(commands.size() - notRun.size() >= 3, "most of the Scale section runs anywhere: " + commands);
        if (!notRun.isEmpty()) {
            System.out.println("README Scale: ../shared/bench (the benchmark workload outside the project) is not beside "
                    + ROOT + "; " + notRun.size() + " of its " + commands.size() + " commands were not run: " + notRun);
        }
    }
}
