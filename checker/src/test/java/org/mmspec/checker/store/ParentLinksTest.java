package org.mmspec.checker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParentLinksTest {

    @Test
    void holdsEveryEntryAcrossChunks() {
        ParentLinks links = new ParentLinks();
        int n = 3 * ParentLinks.CHUNK + 17;
        for (int i = 0; i < n; i++) {
            links.add(i * 31);
        }
        assertEquals(n, links.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i * 31, links.get(i));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> links.get(n));
        assertThrows(IndexOutOfBoundsException.class, () -> links.get(-1));
    }

    @Test
    void allocatesAtMostAnEighthMoreThanItHolds() {
        ParentLinks links = new ParentLinks();
        for (int i = 1; i <= 5 * ParentLinks.CHUNK; i++) {
            links.add(i);
            assertTrue(links.bytes() <= 4.5 * i + 4, i + ": " + links.bytes());
        }
        assertEquals(4L * 5 * ParentLinks.CHUNK, links.bytes());
    }
}
