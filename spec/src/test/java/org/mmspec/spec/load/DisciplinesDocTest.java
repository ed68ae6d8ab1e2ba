package org.mmspec.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.eval.SpecSystem;
import org.mmspec.spec.semantics.Fault;

/**
 * The examples of docs/language.md, "Disciplines and the atomicity audit": the annotated spec audits clean
 * in every interleaving, and the too-coarse {@code follow} in its place is reported with exactly the
 * message the page shows.
 */
class DisciplinesDocTest {

    private static List<String> blocks() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "language.md"));
        int section = doc.indexOf("## Disciplines and the atomicity audit");
        int end = doc.indexOf("\n## ", section + 10);
        assertTrue(section >= 0 && end > section, "section not found");
        List<String> out = new ArrayList<>();
        int at = section;
        while (true) {
            int open = doc.indexOf("```", at);
            if (open < 0 || open > end) {
                return out;
            }
            int start = doc.indexOf('\n', open) + 1;
            int close = doc.indexOf("```", start);
            out.add(doc.substring(start, close));
            at = close + 3;
        }
    }

    @Test
    void theAnnotatedExampleAuditsCleanAndTheCoarseOneIsReportedAsShown() throws IOException {
        List<String> b = blocks();
        String spec = b.get(0);
        assertNull(firstFault(Specs.scenario(spec, "follow_vs_zap").spec().withAudit(true)), "the example audits clean");

        int from = spec.indexOf("void follow(mm_t mm) {");
        int to = spec.indexOf("void zap(");
        String coarse = spec.substring(0, from) + b.get(1) + "\n" + spec.substring(to);
        Fault f = firstFault(Specs.scenario(coarse, "follow_vs_zap", "follow.mmspec").spec().withAudit(true));
        assertNotNull(f, "the coarse follow is flagged");
        assertEquals(Fault.Kind.MODEL_ERROR, f.kind());
        assertEquals(b.get(2).strip(), ("model error: " + f.message()).strip());
    }

    /** The first fault in a breadth-first exploration, or null. */
    private static Fault firstFault(SpecSystem sys) {
        Set<SpecState> seen = new HashSet<>();
        ArrayDeque<SpecState> queue = new ArrayDeque<>(List.of(sys.initialState()));
        seen.add(sys.initialState());
        while (!queue.isEmpty()) {
            SpecState s = queue.poll();
            if (sys.fault(s) != null) {
                return sys.fault(s);
            }
            for (int t = 0; t < sys.threadCount(); t++) {
                for (SpecState n : sys.successors(s, t)) {
                    if (seen.add(n)) {
                        queue.add(n);
                    }
                }
            }
        }
        return null;
    }
}
