package org.mmspec.checker.fidelity.scenario;

/** What a mapping maps: anonymous memory or a file from a page offset. */
public sealed interface Backing {

    /** Anonymous memory ({@code MAP_ANONYMOUS}). */
    record Anon() implements Backing {
        @Override
        public String toString() {
            return "anon";
        }
    }

    /**
     * The file {@code file} from page {@code offsetPages} on.
     *
     * @param file the file's scenario name
     * @param offsetPages mmap offset in pages
     */
    record File(String file, int offsetPages) implements Backing {
        @Override
        public String toString() {
            return "file " + file + (offsetPages == 0 ? "" : " offset " + offsetPages);
        }
    }
}
