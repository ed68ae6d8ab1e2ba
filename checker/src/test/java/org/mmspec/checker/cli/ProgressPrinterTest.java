package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.observe.ProgressSnapshot;

/** Progress on stderr: redrawn on a terminal, a heartbeat line every few seconds otherwise. */
class ProgressPrinterTest {

    private static final ProgressSnapshot SNAPSHOT = new ProgressSnapshot(12_345, 20_000, 17, 1_024, 6.0, -1);

    @Test
    void withoutATerminalAHeartbeatLineComesEveryFewSecondsAndNeverACarriageReturn() {
        StringWriter err = new StringWriter();
        long[] now = {0};
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(err), false, 5, () -> now[0]).searching("gup-vs-madvise");
        p.onStart();
        now[0] = 1_000_000_000L;
        p.onProgress(SNAPSHOT);
        assertEquals("", err.toString(), "not yet five seconds");
        now[0] = 5_000_000_000L;
        p.onProgress(SNAPSHOT);
        now[0] = 6_000_000_000L;
        p.onProgress(SNAPSHOT);
        now[0] = 10_500_000_000L;
        p.onProgress(SNAPSHOT);
        String[] lines = err.toString().split("\n");
        assertEquals(2, lines.length, err.toString());
        assertEquals("mmspec: still searching gup-vs-madvise after 6 s: distinct=12,345 states/s=2,058 depth=17 queue=1,024",
                lines[0]);
        assertFalse(err.toString().contains("\r"));
    }

    @Test
    void aHeartbeatOfZeroIsSilent() {
        StringWriter err = new StringWriter();
        long[] now = {0};
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(err), false, 0, () -> now[0]);
        p.onStart();
        now[0] = 100_000_000_000L;
        p.onProgress(SNAPSHOT);
        assertEquals("", err.toString());
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlace() {
        StringWriter err = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(err), true, 5, () -> 0L);
        p.onStart();
        p.onProgress(SNAPSHOT);
        assertTrue(err.toString().startsWith("\rdistinct=12,345"), err.toString());
    }

    @Test
    void terminalDetectionLooksAtWhatStderrIs() {
        assertTrue(StderrTerminal.isTerminalDevice("/dev/pts/3"));
        assertTrue(StderrTerminal.isTerminalDevice("/dev/tty1"));
        assertFalse(StderrTerminal.isTerminalDevice("/tmp/build.log"));
        assertFalse(StderrTerminal.isTerminalDevice("pipe:[12345]"));
    }
}
