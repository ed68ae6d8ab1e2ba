package org.mmspec.checker.cli;

/** Bad input found while running a command (an unknown scenario, an unreadable file): exit 2. */
final class UsageError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message, null, false, false);
    }
}
