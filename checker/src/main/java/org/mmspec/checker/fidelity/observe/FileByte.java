package org.mmspec.checker.fidelity.observe;

import java.util.Objects;

/**
 * The first byte of page {@code page} of file {@code file} after the last step: what {@code read()} of
 * the file returns (page cache if cached, else the backing store). A private mapping's writes must never
 * show here.
 */
public record FileByte(String file, int page, int value) {
    public FileByte {
        Objects.requireNonNull(file, "file");
    }
}
