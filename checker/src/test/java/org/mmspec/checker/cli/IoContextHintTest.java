package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario that reads a file page not in the page cache queues a read whose completion runs in the block
 * device's completion context; a scenario that declares no {@code io_completion} thread deadlocks, and the
 * report says what to add. With the thread, the same race passes.
 */
class IoContextHintTest {

    private static final String HINT = "no thread runs io_completion, so it never completes: "
            + "add `thread io = io_completion();`";

    private static String scenario(boolean withIo) {
        return """
                scenario uncached "a read of an uncached file page races MADV_DONTNEED" {
                    setup {
                        mm = mm_alloc();
                        f = create_file(REGULAR_RO, {100});
                        a = mmap(mm, PAGE_SIZE, PROT_READ, MAP_PRIVATE, file = f);
                    }
                    thread reader = access_remote_vm(mm, a);
                    thread madvise = madvise_dontneed(mm, a, PAGE_SIZE);
                """ + (withIo ? "    thread io = io_completion();\n" : "") + "}\n";
    }

    @Test
    void withoutAnIoThreadTheDeadlockSaysWhatToAdd(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("uncached.scenario"), scenario(false));
        CliRun run = CliRun.of("check", file.toString());
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.out().contains("deadlock"), run.toString());
        assertTrue(run.out().contains(HINT), run.toString());
    }

    @Test
    void withAnIoThreadTheSameRacePasses(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("uncached.scenario"), scenario(true));
        CliRun run = CliRun.of("check", file.toString());
        assertEquals(0, run.code(), run.toString());
        assertFalse(run.out().contains(HINT), run.toString());
    }
}
