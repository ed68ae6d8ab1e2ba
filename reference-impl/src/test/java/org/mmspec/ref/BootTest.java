package org.mmspec.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.state.Config;

class BootTest {

    @Test
    void theZeroPageIsReservedAndCarriesNoOtherFlag() {
        Kernel k = Kernel.boot(Config.defaults());
        Pages p = k.pages();
        assertTrue(p.pageFlag(Pages.ZERO_PFN, PageFlag.RESERVED));
        assertEquals(PageFlag.RESERVED.mask(), p.flags(Pages.ZERO_PFN));
        assertFalse(p.pageMapped(Pages.ZERO_PFN));
    }
}
