package org.mmspec.checker.fidelity.scenario;

/** {@code MAP_PRIVATE} or {@code MAP_SHARED}. */
public enum Sharing {
    /** {@code MAP_PRIVATE}: writes are copied on write, never reach the file or another process. */
    PRIVATE("private"),
    /** {@code MAP_SHARED}: writes reach the file (or the shared anonymous object) and every mapper. */
    SHARED("shared");

    private final String token;

    Sharing(String token) {
        this.token = token;
    }

    /** The scenario token. */
    public String token() {
        return token;
    }
}
