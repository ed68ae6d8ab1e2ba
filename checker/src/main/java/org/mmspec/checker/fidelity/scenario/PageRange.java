package org.mmspec.checker.fidelity.scenario;

/**
 * Pages {@code first .. first + count - 1} of a region.
 *
 * @param first index of the first page in the region
 * @param count number of pages, at least 1
 */
public record PageRange(int first, int count) {

    public PageRange {
        if (first < 0 || count < 1) {
            throw new IllegalArgumentException("bad page range " + first + "+" + count);
        }
    }

    /** The last page in the range. */
    public int last() {
        return first + count - 1;
    }

    /** Scenario syntax: {@code 2} or {@code 1-3}. */
    @Override
    public String toString() {
        return count == 1 ? Integer.toString(first) : first + "-" + last();
    }
}
