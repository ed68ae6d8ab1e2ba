package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** list and bench write JSON too, so that every command has a machine-readable form. */
class MachineReadableTest {

    @Test
    void listWritesTheCatalogsAsJson() throws Exception {
        CliRun run = CliRun.of("list", "--report", "json");
        assertEquals(0, run.code(), run::toString);
        JsonNode list = new ObjectMapper().readTree(run.out());
        assertEquals("mmspec-list", list.get("format").asText());
        assertEquals(org.mmspec.checker.scenario.ScenarioCatalog.standard().all().size(), list.get("scenarios").size());
        assertEquals(org.mmspec.ref.bugs.BugId.values().length, list.get("bugs").size());
        assertTrue(list.get("operations").toString().contains("user_write(mm: mm, addr: addr, value: int)"));
    }

    @Test
    void benchWritesItsMeasurementsAsJson(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bench.json");
        CliRun run = CliRun.of("bench", "--scenario", "fork-vs-fault", "--warmup", "0", "--seconds", "0.05",
                "--report", "json:" + file);
        assertEquals(0, run.code(), run::toString);
        JsonNode bench = new ObjectMapper().readTree(Files.readString(file));
        assertEquals("fork-vs-fault", bench.get(0).get("scenario").asText());
        assertEquals(org.mmspec.checker.junit.Mmspec.check("fork-vs-fault").statistics().distinctStates(),
                bench.get(0).get("distinctStates").asLong());
        assertEquals(2, CliRun.of("bench", "--report", "junit").code());
    }
}
