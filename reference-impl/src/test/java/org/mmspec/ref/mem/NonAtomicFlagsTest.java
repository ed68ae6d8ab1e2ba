package org.mmspec.ref.mem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.api.KernelApi;
import org.mmspec.ref.state.Config;

/**
 * {@code __SetPageXXX}/{@code __ClearPageXXX}: a read and a separate write of the flags word. Correct on a
 * page no one else can reach; on a shared page an atomic update between the two is lost — which is why
 * the kernel uses them only on private pages, and why the model keeps them apart.
 */
class NonAtomicFlagsTest {

    private final Kernel k = Kernel.boot(Config.defaults());
    private final Pages pages = k.pages();
    private final int pfn = KernelApi.allocPages(k, Gfp.GFP_KERNEL, 0).value();

    @Test
    void onAPrivatePageTheReadAndTheWriteSetTheFlag() {
        int read = pages.nonAtomicFlagsRead(pfn);
        pages.nonAtomicSetPageFlag(pfn, read, PageFlag.UPTODATE);
        assertTrue(pages.pageFlag(pfn, PageFlag.UPTODATE));
        pages.nonAtomicClearPageFlag(pfn, PageFlag.UPTODATE);
        assertFalse(pages.pageFlag(pfn, PageFlag.UPTODATE));
    }

    @Test
    void anAtomicUpdateBetweenTheReadAndTheWriteIsLost() {
        int read = pages.nonAtomicFlagsRead(pfn);
        pages.setPageFlag(pfn, PageFlag.REFERENCED);
        pages.nonAtomicSetPageFlag(pfn, read, PageFlag.UPTODATE);
        assertTrue(pages.pageFlag(pfn, PageFlag.UPTODATE));
        assertFalse(pages.pageFlag(pfn, PageFlag.REFERENCED), "the other CPU's set_bit is overwritten");
    }
}
