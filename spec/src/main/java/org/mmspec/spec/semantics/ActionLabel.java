package org.mmspec.spec.semantics;

import java.util.Objects;

/**
 * The name of one step in a trace, e.g. {@code T2 shrink_page_list:try_to_unmap pfn=3}.
 *
 * @param thread thread id
 * @param threadName the thread's name ({@code "T2"})
 * @param step the code point, {@code "procedure:point"} in kernel names
 * @param detail arguments worth showing ({@code "pfn=3"}), possibly empty
 */
public record ActionLabel(int thread, String threadName, String step, String detail) {

    public ActionLabel {
        Objects.requireNonNull(threadName, "threadName");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return detail.isEmpty() ? threadName + " " + step : threadName + " " + step + " " + detail;
    }
}
