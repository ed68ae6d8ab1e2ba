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
            links.add(i * 31L << 30);
        }
        assertEquals(n, links.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i * 31L << 30, links.get(i));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> links.get(n));
        assertThrows(IndexOutOfBoundsException.class, () -> links.get(-1));
    }

    @Test
    void costsEightBytesAnEntryPlusAtMostOneChunk() {
        ParentLinks links = new ParentLinks();
        for (int i = 1; i <= 5 * ParentLinks.CHUNK; i++) {
            links.add(i);
            assertTrue(links.bytes() <= 16L * i + 8L * ParentLinks.CHUNK, i + ": " + links.bytes());
        }
        assertEquals(8L * 5 * ParentLinks.CHUNK, links.bytes());
        links.free();
    }
}
