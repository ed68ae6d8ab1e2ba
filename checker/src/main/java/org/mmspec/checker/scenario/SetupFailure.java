package org.mmspec.checker.scenario;

/**
 * A scenario's initial configuration could not be built: a set-up call failed (an {@code mmap} that does
 * not fit the configured page tables, a kernel BUG during set-up, sizes the configuration rejects, a
 * thread count that does not match the slots). The scenario's definition is at fault, not mmspec: the CLI
 * reports it as bad input (exit 2) with this message, never as an internal error.
 */
public class SetupFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SetupFailure(String message) {
        super(message, null, false, false);
    }

    /**
     * This failure as seen from scenario {@code name}: by default the message names the scenario; a
     * failure that already names its place (a scenario file's statement) keeps it.
     */
    public SetupFailure inScenario(String name) {
        return new SetupFailure("scenario " + name + ": set-up failed: " + getMessage());
    }
}
