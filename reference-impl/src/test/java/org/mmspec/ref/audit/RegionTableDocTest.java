package org.mmspec.ref.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/model.md shows the discipline of every state region as declared in {@link Region}, and the
 * discipline vocabulary as declared in {@link Discipline}: the tables between the markers are exactly
 * what these enums say (regenerate with {@code -Dmmspec.updateDocs=true}).
 */
class RegionTableDocTest {

    private static String doc() throws IOException {
        return Files.readString(Path.of("..", "docs", "model.md"));
    }

    private static String between(String doc, String marker) {
        String begin = "<!-- " + marker + " -->\n";
        String end = "<!-- /" + marker + " -->";
        int from = doc.indexOf(begin);
        int to = doc.indexOf(end);
        assertTrue(from >= 0 && to > from, "markers " + marker + " not found in docs/model.md");
        return doc.substring(from + begin.length(), to);
    }

    static String regionTable() {
        StringBuilder sb = new StringBuilder("| region | discipline | lock | racy reads | kernel source (Linux 4.x) |\n");
        sb.append("|---|---|---|---|---|\n");
        for (Region r : Region.values()) {
            sb.append("| ").append(r.what()).append(" | ").append(r.discipline().word()).append(" | ")
                    .append(r.guard() == Guard.NONE ? "-" : "`" + r.guard().kernelName() + "`").append(" | ")
                    .append(r.racyReads() ? "allowed" : "-").append(" | ").append(r.source()).append(" |\n");
        }
        return sb.toString();
    }

    @Test
    void theRegionTableIsTheDeclaredOne() throws IOException {
        String doc = doc();
        if (Boolean.getBoolean("mmspec.updateDocs")) {
            String table = between(doc, "regions");
            Files.writeString(Path.of("..", "docs", "model.md"),
                    doc.replace("<!-- regions -->\n" + table, "<!-- regions -->\n" + regionTable()));
            doc = doc();
        }
        assertEquals(regionTable(), between(doc, "regions"), "run with -Dmmspec.updateDocs=true to regenerate");
    }

    @Test
    void everyDisciplineWordIsDocumented() throws IOException {
        String vocabulary = between(doc(), "disciplines");
        for (Discipline d : Discipline.values()) {
            assertTrue(vocabulary.contains("| " + d.word() + " |"), d.word() + " missing from the vocabulary table");
        }
    }
}
