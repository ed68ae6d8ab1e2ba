package org.mmspec.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.alloc.FreePages;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.proc.CompoundUser;

/** Compound pages: head and tail pages, {@code compound_head()} in the reference counting, freeing as a whole. */
class CompoundPageTest {

    private final Machine m = new Machine();

    private int compound(int order) {
        return m.k.run(AllocPages.class, Gfp.GFP_KERNEL | Gfp.__GFP_COMP, order).value();
    }

    @Test
    void aCompoundAllocationHasAHeadAndTailsThatPointToIt() {
        int head = compound(2);
        assertTrue(m.k.pages().pageFlag(head, PageFlag.HEAD));
        assertEquals(2, m.k.compoundPages().compoundOrder(head));
        for (int i = 1; i < 4; i++) {
            assertTrue(m.k.pages().pageTail(head + i));
            assertEquals(head, m.k.pages().compoundHead(head + i));
        }
        assertEquals(head, m.k.pages().compoundHead(head));
        int plain = m.k.run(AllocPages.class, Gfp.GFP_KERNEL, 1).value();
        assertFalse(m.k.compoundPages().pageCompound(plain + 1), "without __GFP_COMP a block is just pages");
    }

    @Test
    void referencesToATailAreTheHeadsAndTheLastOneFreesTheWholeBlock() {
        int head = compound(1);
        int free = m.freePages();
        m.k.pages().refs().getPage(head + 1);
        assertEquals(2, m.k.pages().pageCount(head));
        assertEquals(2, m.k.pages().pageCount(head + 1), "page_count of a tail is the head's");
        assertEquals(new Outcome.Returned(0), m.k.run(FreePages.class, head, 1));
        assertFalse(m.k.buddy().isFree(head), "the tail's user still holds it");
        assertEquals(new Outcome.Returned(2), m.k.run(CompoundUser.class, head + 1));
        assertTrue(m.k.buddy().isFree(head) && m.k.buddy().isFree(head + 1));
        assertEquals(free + 2, m.freePages());
        assertFalse(m.k.pages().pageTail(head + 1), "the block went back as plain pages");
        assertFalse(m.k.pages().pageFlag(head, PageFlag.HEAD));
    }
}
