package org.mmspec.checker.fidelity.observe;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Gives raw frame identities stable names in order of first appearance: {@code ZERO} for the zero page,
 * {@code F1}, {@code F2}, … for other frames and {@code S1}, {@code S2}, … for swap entries. Two runs
 * that place the same pages in different physical frames get the same labels. A frame no longer mapped
 * anywhere ({@link #retainOnly}) loses its label: if it shows up again, it is a new allocation and gets a
 * new label.
 */
final class FrameLabels {

    private final Map<Long, String> frames = new HashMap<>();
    private final Map<Long, String> swapEntries = new HashMap<>();
    private int nextFrame = 1;
    private int nextSwapEntry = 1;

    /** Forgets the labels of frames not in {@code mapped}. */
    void retainOnly(Set<Long> mapped) {
        frames.keySet().retainAll(mapped);
    }

    /** The label of a page's frame: {@code -} when the page is neither present nor swapped. */
    String label(PageState page) {
        if (page.present()) {
            return page.has(PageFlag.ZERO) ? "ZERO"
                    : frames.computeIfAbsent(page.frame(), f -> "F" + nextFrame++);
        }
        if (page.swapped()) {
            return swapEntries.computeIfAbsent(page.frame(), e -> "S" + nextSwapEntry++);
        }
        return "-";
    }
}
