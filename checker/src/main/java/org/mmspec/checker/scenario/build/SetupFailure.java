package org.mmspec.checker.scenario.build;

/**
 * A set-up call did not succeed (an {@code mmap()} that found no room, a procedure that returned an
 * error or hit a kernel BUG, no page mapped where {@code pfn_at()} looked). Thrown while a scenario's
 * initial configuration is built; a scenario file reports it at the statement that failed.
 */
public class SetupFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SetupFailure(String message) {
        super(message, null, false, false);
    }
}
