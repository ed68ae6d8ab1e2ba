package org.mmspec.spec.semantics;

import java.util.Objects;

/**
 * The name of one step in a trace, e.g. {@code T2 shrink_page_list:try_to_unmap pfn=3}.
 *
 * @param thread thread id
 * @param threadName the thread's name ({@code "T2"})
 * @param step the code point whose code the step executed, {@code "procedure:point"} in kernel names
 * @param detail arguments worth showing ({@code "pfn=3"}), possibly empty
 * @param source where that code is written: {@code file:line:col} of a spec, or
 *     {@code org/mmspec/ref/fault/DoFault.java:120} in the reference implementation; empty when unknown
 */
public record ActionLabel(int thread, String threadName, String step, String detail, String source) {

    public ActionLabel {
        Objects.requireNonNull(threadName, "threadName");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(source, "source");
    }

    /** A label without a source location. */
    public ActionLabel(int thread, String threadName, String step, String detail) {
        this(thread, threadName, step, detail, "");
    }

    /**
     * {@link #source} as traces print it: a Java source without its package directory
     * ({@code DoFault.java:120}); a spec source as it is ({@code gup.mmspec:41:5}, {@code mm/gup.mmspec:41:5}).
     */
    public String shortSource() {
        return shortSource(source);
    }

    /** {@code source} as traces print it (see {@link #shortSource()}). */
    public static String shortSource(String source) {
        int colon = source.indexOf(':');
        return colon > 0 && source.substring(0, colon).endsWith(".java")
                ? source.substring(source.lastIndexOf('/', colon) + 1) : source;
    }

    @Override
    public String toString() {
        return detail.isEmpty() ? threadName + " " + step : threadName + " " + step + " " + detail;
    }
}
