package org.mmspec.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.pageref.FindGetPage;
import org.mmspec.ref.proc.FileWrite;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.unmap.TruncateRange;
import org.mmspec.ref.view.MmView;
import org.mmspec.ref.view.MmView.FrameInfo;

/**
 * The speculative page-cache lookup ({@code find_get_entry}): a page loaded from the slot can be truncated,
 * freed and reused before the reference is taken; the reload of the slot catches it, the reference is
 * dropped and the lookup starts over.
 */
class SpeculativeLookupTest {

    private static final int T = 0;

    @Test
    void aPageReusedBetweenTheLoadAndTheReferenceIsDroppedAndTheLookupRetried() {
        Machine m = new Machine();
        Kernel k = m.k;
        int f = k.pageCache().createFile(FileKind.REGULAR_RW, new int[] {1, 2});
        assertEquals(new Outcome.Returned(0), k.run(FileWrite.class, f, 0, 7));
        int page = k.pageCache().lookup(f, 0);
        k.spawn(T, FindGetPage.class, f, 0, 0, 0);
        k.executor().step(T);
        assertEquals("page_cache_get_speculative", top(k).point(), "the slot was loaded");

        assertEquals(new Outcome.Returned(0), k.run(TruncateRange.class, f, 0, 1));
        assertTrue(k.buddy().isFree(page), "truncated and freed under the lookup");
        assertEquals(new Outcome.Returned(0), k.run(FileWrite.class, f, 1, 8));
        assertEquals(page, k.pageCache().lookup(f, 1), "and reused for another offset");

        k.executor().step(T);
        assertEquals("reload_slot", top(k).point(), "get_page_unless_zero succeeded on the reused page");
        k.executor().step(T);
        assertEquals("put_page", top(k).point(), "the slot no longer holds it");
        int count = k.pages().pageCount(page);
        k.executor().step(T);
        assertEquals(count - 1, k.pages().pageCount(page));
        while (k.threads().status(T) != ThreadStatus.FINISHED) {
            k.executor().step(T);
        }
        assertEquals(-1, k.threads().returnValue(T), "offset 0 is empty now");
        assertNotEquals(null, new MmView(k.config()));
    }

    private static FrameInfo top(Kernel k) {
        List<FrameInfo> frames = new MmView(k.config()).reset(k.state()).frames(T);
        return frames.get(frames.size() - 1);
    }
}
