package org.mmspec.ref;

import static org.mmspec.ref.state.Layout.MM_USERS;
import static org.mmspec.ref.state.Layout.PG_MAPCOUNT;
import static org.mmspec.ref.state.Layout.Z_NR_FREE;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.swap.SwapDevice;

/**
 * Brings a machine up: {@code mem_map} initialised ({@code _mapcount} -1), the zero page reserved,
 * every other frame handed to the buddy allocator ({@code free_all_bootmem}), {@code init_mm} live,
 * the kmalloc caches created.
 */
final class Boot {

    private final Kernel k;

    Boot(Kernel k) {
        this.k = k;
    }

    void run() {
        Config c = k.config();
        Layout l = k.layout();
        Mem m = k.mem();
        for (int pfn = 0; pfn < c.nrPages(); pfn++) {
            m.set(l.page(pfn, PG_MAPCOUNT), -1);
        }
        Pages p = k.pages();
        p.setPageCount(Pages.ZERO_PFN, 1);
        p.setPageFlag(Pages.ZERO_PFN, PageFlag.RESERVED);
        m.set(l.mm(0, MM_USERS), 1);
        for (int pfn = 1; pfn < c.nrPages(); pfn++) {
            k.buddy().freeOnePage(pfn, 0, 0);
        }
        for (int zone = 0; zone < c.nrZones(); zone++) {
            m.set(l.zone(zone, Z_NR_FREE), k.buddy().freePagesInLists(zone));
            for (int cpu = 0; cpu < c.nrCpus(); cpu++) {
                m.set(l.pcpDiff(zone, cpu), 0);
            }
        }
        k.slab().createKmallocCaches();
        if (c.nrSwapSlots() > 0) {
            k.swapDevice().setFlags(SwapDevice.SWP_USED | SwapDevice.SWP_WRITEOK | SwapDevice.SWP_VALID);
        }
    }
}
