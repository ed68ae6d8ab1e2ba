package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.scenario.ScenarioRun;
import org.mmspec.checker.scenario.Setup;
import org.mmspec.checker.scenario.SetupFailure;
import org.mmspec.ref.vma.VmFlags;

/**
 * The CLI's error contract under hostile input: every file kind a user can name (FIFO, device, directory,
 * a sparse multi-GiB file, a symbolic link to {@code /dev/zero}), replays that do not match, paths with a
 * NUL character, scenarios whose set-up fails, budgets that must end a search that would run for hours.
 * Each ends in exit 2 (or 3 for a budget) with a message, never a hang, a stack trace or exit 4. Runs of
 * the CLI happen on a thread with the JVM's default 1 MiB stack and a generous hang guard. Sizes are
 * seeded ({@code -Dmmspec.seed=N}); failures print the seed.
 */
class InputRobustnessTest {

    private static final long SEED = Long.getLong("mmspec.seed", System.nanoTime());
    private static final long GENEROUS_MILLIS = 120_000;

    @TempDir
    Path dir;

    /** Runs the CLI on a default-sized stack; fails on a hang. */
    static CliRun cli(String... args) throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(CliRun.of(args));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "cli", 1024 * 1024);
        t.setDaemon(true);
        t.start();
        t.join(GENEROUS_MILLIS);
        if (t.isAlive()) {
            fail("seed=" + SEED + ": mmspec " + String.join(" ", args) + " still running after "
                    + GENEROUS_MILLIS / 1000 + " s");
        }
        if (result.get() instanceof Throwable e) {
            fail("seed=" + SEED + ": mmspec " + String.join(" ", args) + " threw " + e, e);
        }
        CliRun run = (CliRun) result.get();
        assertFalse(run.err().contains("\tat ") || run.out().contains("\tat "), "a stack trace:\n" + run);
        assertFalse(run.code() == ExitCodes.INTERNAL, "an internal error:\n" + run);
        return run;
    }

    private Path fifo() throws IOException, InterruptedException {
        Path p = dir.resolve("fifo.mmspec");
        Process mk = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
        assertEquals(0, mk.waitFor(), new String(mk.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        return p;
    }

    /** A file of {@code bytes} bytes that takes no disk space. */
    private Path sparse(String name, long bytes) throws IOException {
        Path p = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return p;
    }

    @Test
    void onlyRegularFilesOfBoundedSizeAreRead() throws IOException, InterruptedException {
        long big = (2L << 30) + new Random(SEED).nextInt(1 << 30);
        Path link = dir.resolve("zero.mmspec");
        Files.createSymbolicLink(link, Path.of("/dev/zero"));
        List<Object[]> cases = List.of(
                new Object[] {fifo(), "is a FIFO, not a regular file", List.of("check", "replay")},
                new Object[] {Path.of("/dev/zero"), "is a character device, not a regular file", List.of("check", "replay")},
                new Object[] {link, "is a character device, not a regular file", List.of("check", "replay")},
                new Object[] {Files.createDirectory(dir.resolve("d.mmspec")), "is a directory, not a regular file",
                        List.of("check", "replay")},
                new Object[] {sparse("big.mmspec", big), "is " + big + " bytes long", List.of("check", "replay")},
                new Object[] {sparse("five.mmspec", 5 << 20), "is " + (5 << 20) + " bytes long", List.of("check")});
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            List<String> commands = (List<String>) c[2];
            for (String command : commands) {
                CliRun run = cli(command, c[0].toString());
                assertEquals(ExitCodes.USAGE, run.code(), "seed=" + SEED + " " + command + " " + c[0] + ":\n" + run);
                assertTrue(run.err().contains((String) c[1]), "seed=" + SEED + " " + command + " " + c[0] + ":\n" + run);
            }
        }
    }

    @Test
    void anImportedFifoIsRefusedWithItsLine() throws IOException, InterruptedException {
        fifo();
        Path main = dir.resolve("main.mmspec");
        Files.writeString(main, "import \"fifo.mmspec\";\nint<0..1> x;\n");
        CliRun run = cli("check", main.toString());
        assertEquals(ExitCodes.USAGE, run.code(), run::toString);
        assertTrue(run.err().contains("main.mmspec:1:1: error[E0207]: imported file 'fifo.mmspec' is a FIFO"), run::toString);
    }

    @Test
    void replayComparesTheRecordedVerdict() throws IOException, InterruptedException {
        Path json = dir.resolve("t.json");
        CliRun explore = cli("explore", "--bug", "dirty-cow", "--json", json.toString());
        assertEquals(ExitCodes.VIOLATION, explore.code(), explore::toString);
        CliRun same = cli("replay", json.toString());
        assertEquals(ExitCodes.VIOLATION, same.code(), same::toString);
        assertTrue(same.out().contains("as recorded: invariant cow_isolation violated"), same::toString);

        Files.writeString(json, Files.readString(json).replace("\"invariant\": \"cow_isolation\"",
                "\"invariant\": \"dirty_not_lost\""));
        CliRun other = cli("replay", json.toString());
        assertEquals(ExitCodes.USAGE, other.code(), other::toString);
        assertFalse(other.out().contains("as recorded"), other::toString);
        assertTrue(other.err().contains("the verdict differs from the recording: recorded invariant dirty_not_lost"
                + " violated") && other.err().contains("replayed invariant cow_isolation violated"), other::toString);
    }

    @Test
    void aNulCharacterInAPathIsBadInput() throws IOException, InterruptedException {
        Path json = dir.resolve("t.json");
        cli("explore", "--bug", "dirty-cow", "--json", json.toString());
        String text = Files.readString(json).replace("\"model\": \"reference-impl\"",
                "\"model\": \"spec\", \"file\": \"a\\u0000b.mmspec\"");
        Files.writeString(json, text);
        CliRun run = cli("replay", json.toString());
        assertEquals(ExitCodes.USAGE, run.code(), run::toString);
        assertTrue(run.err().contains("not a valid path"), run::toString);
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.USAGE, Cli.exitCode(new java.nio.file.InvalidPathException("a\0b", "Nul character"),
                new PrintWriter(err, true)));
        assertTrue(err.toString().contains("a\\0b") && !err.toString().contains("\0"), err.toString());
    }

    @Test
    void aScenarioWhoseSetupFailsIsBadInputWithTheReason() {
        Scenario base = ScenarioCatalog.standard().byName("fault-vs-fault").orElseThrow();
        Setup tooBig = k -> {
            int a = k.mmap().doMmapPgoff(1, -1, 0, 1024 * 4096, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
                    VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS, 0);
            throw new SetupFailure("mmap of 1024 pages failed with error " + a);
        };
        Setup kernelBug = k -> {
            k.pages().refs().getPage(5);
            return List.of();
        };
        for (Setup setup : List.of(tooBig, kernelBug)) {
            Scenario bad = new Scenario("bad-setup", "a set-up that cannot be built", base.config(), setup,
                    Optional.empty(), base.whenBuggy(), List.of(), base.search());
            SetupFailure f = assertThrows(SetupFailure.class, () -> ScenarioRun.check(bad, Set.of(), List.of(),
                    SearchOptions.defaults(), SearchListener.NONE));
            assertTrue(f.getMessage().startsWith("scenario bad-setup: set-up failed: "), f.getMessage());
            assertTrue(f.getMessage().contains("mmap of 1024 pages failed with error -")
                    || f.getMessage().contains("the kernel hit VM_BUG_ON_PAGE(page_ref_count(page) <= 0) in a set-up call"),
                    f.getMessage());
            StringWriter err = new StringWriter();
            assertEquals(ExitCodes.USAGE, Cli.exitCode(f, new PrintWriter(err, true)));
            assertEquals("mmspec: " + f.getMessage(), err.toString().strip());
        }
    }
}
