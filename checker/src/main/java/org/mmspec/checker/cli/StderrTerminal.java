package org.mmspec.checker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a terminal. Looked up on stderr itself ({@code /proc/self/fd/2} on Linux):
 * stdout on a terminal with stderr redirected to a file must not get the redrawn progress line in the
 * file. Elsewhere, falls back to whether the JVM has a console.
 */
final class StderrTerminal {

    private StderrTerminal() {
    }

    static boolean isTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                return isTerminalDevice(Files.readSymbolicLink(fd).toString());
            }
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            // no /proc: fall through
        }
        return System.console() != null;
    }

    /** Whether {@code target} (what fd 2 links to) is a terminal device. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }
}
