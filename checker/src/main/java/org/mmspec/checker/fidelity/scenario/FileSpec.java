package org.mmspec.checker.fidelity.scenario;

import java.util.Objects;

/**
 * A small regular file the harness creates before the scenario runs: page {@code i} is filled with the
 * character {@code contents.charAt(i)}. Before the first step the file's pages are in the page cache,
 * uptodate and clean (written with {@code write()} one page at a time, then {@code fsync()}).
 *
 * @param name the scenario's name for the file, e.g. {@code f1}
 * @param index position among the scenario's files (0-based), used in compiled programs
 * @param contents one fill character per page, {@code A}-{@code Z}
 */
public record FileSpec(String name, int index, String contents) {

    public FileSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contents, "contents");
    }

    /** Number of pages. */
    public int pages() {
        return contents.length();
    }

    /** The byte every position of page {@code page} holds at the start. */
    public int fill(int page) {
        return contents.charAt(page);
    }
}
