package org.mmspec.checker.cli;

import java.io.PrintWriter;
import org.mmspec.checker.observe.ProgressLine;
import org.mmspec.checker.observe.ProgressSnapshot;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;

/** The live progress line on stderr, redrawn in place; silent when stderr is not a terminal. */
final class ProgressPrinter implements SearchListener {

    private final PrintWriter err;
    private final boolean enabled;
    private boolean drawn;

    ProgressPrinter(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void onProgress(ProgressSnapshot snapshot) {
        if (enabled) {
            err.print("\r" + ProgressLine.format(snapshot) + "   ");
            err.flush();
            drawn = true;
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
