package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A search that runs out of the real JVM heap ends as incomplete with its statistics, never with an
 * {@link OutOfMemoryError}: a child JVM with a 32 MiB heap searches a system whose frontier lives on the
 * heap ({@link HeapExhaustionProbe}), with no budget at all.
 */
class OutOfHeapTest {

    @Test
    void aSearchThatFillsTheHeapEndsAsIncomplete() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx32m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), HeapExhaustionProbe.class.getName()));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ended, "the search did not end: " + out);
        assertFalse(out.contains("OutOfMemoryError"), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("Incomplete JVM_HEAP "), out);
        long distinct = Long.parseLong(out.trim().split(" ")[2]);
        assertTrue(distinct > 1000, out);
    }
}
