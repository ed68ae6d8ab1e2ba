package org.mmspec.checker.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.mmspec.checker.observe.ProgressLine;
import org.mmspec.checker.observe.ProgressSnapshot;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;

/**
 * Search progress on stderr. On a terminal, one line redrawn in place; otherwise (a CI log, a file) a
 * heartbeat: one full line every {@code heartbeatSeconds} of a search, so that a long search shows it is
 * alive without flooding the log, and a log never gets carriage returns.
 */
final class ProgressPrinter implements SearchListener {

    private final PrintWriter err;
    private final boolean terminal;
    private final long heartbeatNanos;
    private final LongSupplier clock;
    private String what = "";
    private boolean drawn;
    private long lastBeat;

    /**
     * @param terminal whether stderr is a terminal
     * @param heartbeatSeconds the heartbeat interval when it is not (0: none)
     * @param clock nanoseconds, as {@link System#nanoTime}
     */
    ProgressPrinter(PrintWriter err, boolean terminal, double heartbeatSeconds, LongSupplier clock) {
        this.err = err;
        this.terminal = terminal;
        this.heartbeatNanos = (long) (heartbeatSeconds * 1e9);
        this.clock = clock;
    }

    ProgressPrinter(PrintWriter err, boolean terminal, double heartbeatSeconds) {
        this(err, terminal, heartbeatSeconds, System::nanoTime);
    }

    /** Names what is being searched, for heartbeat lines ({@code gup-vs-madvise}). */
    ProgressPrinter searching(String name) {
        this.what = name;
        return this;
    }

    @Override
    public void onStart() {
        lastBeat = clock.getAsLong();
    }

    @Override
    public void onProgress(ProgressSnapshot snapshot) {
        if (terminal) {
            err.print("\r" + ProgressLine.format(snapshot) + "   ");
            err.flush();
            drawn = true;
        } else if (heartbeatNanos > 0 && clock.getAsLong() - lastBeat >= heartbeatNanos) {
            lastBeat = clock.getAsLong();
            err.println(String.format(Locale.ROOT, "mmspec: still searching%s after %.0f s: %s",
                    what.isEmpty() ? "" : " " + what, snapshot.seconds(), ProgressLine.format(snapshot)));
            err.flush();
        }
    }

    @Override
    public void onFinish(CheckResult result) {
        if (drawn) {
            err.print("\r\u001b[K");
            err.flush();
            drawn = false;
        }
    }
}
