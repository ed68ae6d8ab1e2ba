package org.mmspec.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The first example of docs/language.md is a spec that loads and runs to completion. */
class DocsExampleTest {

    @Test
    void theAtAGlanceExampleLoads() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "language.md"));
        int section = doc.indexOf("## At a glance");
        int start = doc.indexOf("```c\n", section) + 5;
        int end = doc.indexOf("```", start);
        assertTrue(section >= 0 && start > section && end > start, "example not found");
        SpecScenario s = Specs.scenario(doc.substring(start, end), "two_mappers");
        assertEquals(LowestThreadRun.End.FINISHED, LowestThreadRun.run(s, 50).end());
    }
}
