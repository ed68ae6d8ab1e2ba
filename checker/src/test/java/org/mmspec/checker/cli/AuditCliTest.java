package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code --audit} on {@code explore}, before it, and off: the audit checks every step and says how many. */
class AuditCliTest {

    private static final Pattern AUDITED = Pattern.compile("audit: ([\\d,]+) steps, ([\\d,]+) accesses checked");

    private static long[] audited(CliRun run) {
        Matcher m = AUDITED.matcher(run.out());
        assertTrue(m.find(), run::toString);
        return new long[] {Long.parseLong(m.group(1).replace(",", "")), Long.parseLong(m.group(2).replace(",", ""))};
    }

    @Test
    void exploreWithTheAuditCountsWhatItChecked() {
        for (String[] args : new String[][] {{"explore", "ttu-vs-munmap", "--audit"}, {"--audit", "explore", "ttu-vs-munmap"}}) {
            CliRun run = CliRun.of(args);
            assertEquals(ExitCodes.PASSED, run.code(), run::toString);
            long[] n = audited(run);
            assertTrue(n[0] > 0 && n[1] > n[0], run::toString);
        }
    }

    @Test
    void aBugFoundWithTheAuditOnIsTheSameBug() {
        CliRun run = CliRun.of("explore", "--bug", "ttu-sync", "--audit");
        assertEquals(ExitCodes.VIOLATION, run.code(), run::toString);
        assertTrue(run.out().contains("VM_BUG_ON"), run::toString);
        assertTrue(audited(run)[0] > 0, run::toString);
    }

    @Test
    void withoutTheAuditNothingIsCounted() {
        CliRun run = CliRun.of("explore", "ttu-vs-munmap");
        assertEquals(ExitCodes.PASSED, run.code(), run::toString);
        assertFalse(AUDITED.matcher(run.out()).find(), run::toString);
    }
}
