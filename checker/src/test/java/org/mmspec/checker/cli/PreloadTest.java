package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmspec.spec.load.LoadResult;

/**
 * The spec file a {@code check} or {@code explore} names first is loaded while the command line is parsed, and
 * that changes nothing a user sees: every output and exit code is the command's own load's, for a search, a
 * relative import, syntax and type errors, a missing file, {@code --lib}; and the preloaded result is the one
 * the command uses exactly when it asks for that file without library directories.
 */
class PreloadTest {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    static Path dir;

    /** {@code @} is the project's directory, {@code ~} the temporary one (with files bad.mmspec, types.mmspec). */
    @ParameterizedTest
    @ValueSource(strings = {
        "check|@/bench/models/swap_faults_vs_reclaim.mmspec|--scenario|small|--max-states|30",
        "check|@/spec/mm/dirty_cow.mmspec|--max-states|40",
        "explore|@/spec/mm/dirty_cow.mmspec|--scenario|dirty_cow_bug",
        "check|~/bad.mmspec", "check|~/types.mmspec", "explore|~/bad.mmspec",
        "check|~/bad.mmspec|@/bench/models/swap_faults_vs_reclaim.mmspec"})
    void theOutputsAreThoseOfTheCommandsOwnLoad(String argv) throws IOException {
        String[] args = args(argv);
        Preload preload = Preload.start(args);
        assertEquals(run(args, Preload.NONE), run(args, preload), argv);
        assertTrue(preload.taken(), "the command used the preloaded load: " + argv);
    }

    @ParameterizedTest
    @ValueSource(strings = {"check|~/none.mmspec", "check|@/spec/mm/dirty_cow.mmspec|--lib|~|--max-states|40",
        "check|~/bad.mmspec|--help"})
    void otherLoadsAreTheCommandsOwn(String argv) throws IOException {
        String[] args = args(argv);
        Preload preload = Preload.start(args);
        assertEquals(run(args, Preload.NONE), run(args, preload), argv);
        if (argv.contains("--lib") || argv.contains("--help")) {
            assertTrue(!preload.taken(), "a load with library directories, or none, is the command's own: " + argv);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "check", "check|--scenario|x|a.mmspec", "check|a.scenario", "replay|a.mmspec",
        "bench|a.mmspec", "explore|--bug|dirty-cow", "--audit|check|a.mmspec"})
    void onlyASpecFileRightAfterCheckOrExploreIsGuessed(String argv) {
        assertSame(Preload.NONE, Preload.start(argv.split("\\|")));
    }

    @Test
    void thePreloadedResultIsTakenOnceForItsPathWithoutLibraries() throws IOException {
        Path file = PROJECT.resolve("spec/mm/dirty_cow.mmspec");
        Preload preload = Preload.start(new String[] {"check", file.toString()});
        LoadResult other = preload.load(file, List.of(dir));
        assertTrue(!preload.taken(), "not with library directories");
        assertInstanceOf(LoadResult.Loaded.class, other);
        LoadResult first = preload.load(file, List.of());
        assertTrue(preload.taken());
        LoadResult second = preload.load(file, List.of());
        assertNotSame(first, second, "a second load of the same file is its own");
        assertEquals(((LoadResult.Loaded) first).program().scenarios().size(),
                ((LoadResult.Loaded) second).program().scenarios().size());
    }

    private static String[] args(String argv) throws IOException {
        Files.writeString(dir.resolve("bad.mmspec"), "int x;\nvoid p() {\n  x = (1 + ;\n}\n\u00e9\n");
        Files.writeString(dir.resolve("types.mmspec"), "bool b;\nvoid p() { b = 3; }\nscenario s { thread T = p(); }\n");
        return argv.replace("@", PROJECT.toString()).replace("~", dir.toString()).split("\\|");
    }

    /** Exit code, stdout and stderr, with times and rates (which differ from run to run) masked. */
    private static String run(String[] args, Preload preload) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err), false, PROJECT, false, preload);
        return ("exit " + code + "\n--- out\n" + out + "--- err\n" + err)
                .replaceAll("[0-9][0-9,.]*( s\\b| distinct states/s|e[-+][0-9]+)", "#$1");
    }
}
