package org.mmspec.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.ref.api.KernelApi;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.KernelState;

/** The buddy allocator, watermarks and GFP semantics. */
class AllocatorTest {

    private static Config zoneOf16(int min, int low, int high) {
        return Config.defaults().toBuilder().nrPages(16).maxOrder(4).wmarkMin(min).wmarkLow(low).wmarkHigh(high).build();
    }

    private static int[] freeAreas(Kernel k) {
        int[] out = new int[k.config().maxOrder()];
        for (int o = 0; o < out.length; o++) {
            out[o] = k.buddy().nrFree(0, o);
        }
        return out;
    }

    @Test
    void bootHandsEveryFrameButTheZeroPageToTheBuddyAllocatorMerged() {
        Kernel k = Kernel.boot(zoneOf16(0, 0, 0));
        // pfns 1..15: blocks {1}, {2,3}, {4..7}, {8..15}
        assertEquals(List.of(1, 1, 1, 1), List.of(freeAreas(k)[0], freeAreas(k)[1], freeAreas(k)[2], freeAreas(k)[3]));
        assertEquals(15, k.buddy().freePagesInLists(0));
        assertEquals(15, k.zones().zonePageState(0));
    }

    @Test
    void splitAndMergeRestoreTheOriginalFreeAreas() {
        Kernel k = Kernel.boot(zoneOf16(0, 0, 0));
        int[] before = freeAreas(k);
        KernelState start = k.state();
        List<Integer> pages = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            int pfn = KernelApi.allocPages(k, Gfp.GFP_KERNEL, 0).value();
            assertTrue(pfn > 0, "allocation " + i);
            pages.add(pfn);
        }
        assertEquals(-1, KernelApi.allocPages(k, Gfp.GFP_KERNEL, 0).value(), "memory is exhausted");
        assertEquals(0, k.buddy().freePagesInLists(0));
        for (int i = pages.size() - 1; i >= 0; i -= 2) {
            k.freePath().freePagesBlock(pages.get(i), 0);
        }
        for (int i = pages.size() - 2; i >= 0; i -= 2) {
            k.freePath().freePagesBlock(pages.get(i), 0);
        }
        assertEquals(List.of(before[0], before[1], before[2], before[3]),
                List.of(freeAreas(k)[0], freeAreas(k)[1], freeAreas(k)[2], freeAreas(k)[3]));
        assertEquals(start.size(), k.state().size());
    }

    @Test
    void aHigherOrderAllocationSplitsABlockAndFreesTheBuddyHalves() {
        Kernel k = Kernel.boot(zoneOf16(0, 0, 0));
        int pfn = KernelApi.allocPages(k, Gfp.GFP_KERNEL, 2).value();
        assertEquals(4, pfn, "the order-2 block {4..7} is taken whole");
        int pfn3 = KernelApi.allocPages(k, Gfp.GFP_KERNEL, 3).value();
        assertEquals(8, pfn3);
        assertEquals(-1, KernelApi.allocPages(k, Gfp.GFP_KERNEL, 3).value(), "no order-3 block left");
        k.freePath().freePagesBlock(pfn, 2);
        k.freePath().freePagesBlock(pfn3, 3);
        assertEquals(15, k.buddy().freePagesInLists(0));
        assertEquals(1, k.buddy().nrFree(0, 3));
    }

    @Test
    void belowMinGfpKernelFailsWithoutReclaimableMemoryAndGfpAtomicDipsIntoTheReserve() {
        Kernel k = Kernel.boot(zoneOf16(4, 5, 6));
        int taken = 0;
        while (KernelApi.allocPages(k, Gfp.GFP_KERNEL, 0).value() >= 0) {
            taken++;
        }
        int free = k.buddy().freePagesInLists(0);
        assertEquals(15 - taken, free);
        assertTrue(free >= 4, "GFP_KERNEL stops at the min watermark: free=" + free);
        // ALLOC_HIGH halves min (4 -> 2), ALLOC_HARDER takes a further quarter (2 -> 2): atomic stops above 2
        int atomic = 0;
        while (KernelApi.allocPages(k, Gfp.GFP_ATOMIC, 0).value() >= 0) {
            atomic++;
        }
        assertTrue(atomic > 0, "GFP_ATOMIC may go below min");
        int after = k.buddy().freePagesInLists(0);
        assertTrue(after < 4 && after >= 2, "GFP_ATOMIC keeps the atomic reserve: free=" + after);
        assertTrue(k.zones().kswapdWakePending(0), "the slow path woke kswapd");
    }

    @Test
    void zoneWatermarkOkIsOrderAware() {
        Kernel k = Kernel.boot(zoneOf16(2, 3, 4));
        assertTrue(k.zones().zoneWatermarkOk(0, 0, 4, 0, 0));
        assertTrue(k.zones().zoneWatermarkOk(0, 3, 4, 0, 0), "an order-3 block is free and 15-7 > 4");
        KernelApi.allocPages(k, Gfp.GFP_KERNEL, 3).value();
        assertFalse(k.zones().zoneWatermarkOk(0, 3, 0, 0, 0), "7 pages free but no order-3 block");
        assertTrue(k.zones().zoneWatermarkOk(0, 2, 0, 0, 0));
        assertFalse(k.zones().zoneWatermarkOk(0, 0, 7, 0, 0), "7 free is not above 7");
    }

    @Test
    void freeingAFreePageIsAKernelBug() {
        Kernel k = Kernel.boot(Config.defaults());
        int pfn = KernelApi.allocPages(k, Gfp.GFP_KERNEL, 0).value();
        k.freePath().freePagesBlock(pfn, 0);
        Outcome o = k.attempt(() -> {
            k.freePath().freePagesBlock(pfn, 0);
            return 0;
        });
        Outcome.KernelBug bug = assertInstanceOf(Outcome.KernelBug.class, o);
        assertTrue(bug.fault().message().contains("pfn " + pfn), bug.fault().message());
        assertTrue(k.buddy().isFree(pfn), "the machine was rolled back, nothing corrupted");
    }

    @Test
    void getFreePagesReturnsALinearMapAddressAndFreePagesTakesItBack() {
        Kernel k = Kernel.boot(Config.defaults());
        int addr = KernelApi.getFreePages(k, Gfp.GFP_KERNEL | Gfp.__GFP_ZERO, 1).value();
        int pfn = k.geometry().virtToPfn(addr);
        assertEquals(addr, k.geometry().pfnToVirt(pfn));
        assertEquals(1, k.pages().pageCount(pfn));
        int free = k.buddy().freePagesInLists(0);
        KernelApi.freePages(k, addr, 1);
        assertEquals(free + 2, k.buddy().freePagesInLists(0));
    }

    @Test
    void allocationsFallBackFromTheHighestZoneToTheLowerOne() {
        Kernel k = Kernel.boot(Config.defaults().toBuilder().nrPages(16).nrZones(2).maxOrder(3).wmarkMin(0).wmarkLow(0)
                .wmarkHigh(0).build());
        assertEquals(0, k.zones().zoneOf(7));
        assertEquals(1, k.zones().zoneOf(8));
        int first = KernelApi.allocPages(k, Gfp.GFP_KERNEL, 0).value();
        assertEquals(1, k.zones().zoneOf(first), "the zonelist starts with the highest zone");
        for (int i = 0; i < 7; i++) {
            KernelApi.allocPages(k, Gfp.GFP_KERNEL, 0).value();
        }
        int fallback = KernelApi.allocPages(k, Gfp.GFP_KERNEL, 0).value();
        assertEquals(0, k.zones().zoneOf(fallback), "zone 1 is full: zone 0 serves");
        k.freePath().freePagesBlock(fallback, 0);
        assertEquals(7, k.buddy().freePagesInLists(0));
    }

    @Test
    void gfpKernelReclaimsWhenFreeMemoryRunsOutAndGfpNowaitDoesNot() {
        Kernel k = Kernel.boot(zoneOf16(0, 0, 0).toBuilder().nrSwapSlots(4).build());
        int mm = k.mms().mmAlloc();
        int a = k.mmap().doMmapPgoff(mm, -1, 0, 2 * 4096, org.mmspec.ref.vma.VmFlags.PROT_READ
                | org.mmspec.ref.vma.VmFlags.PROT_WRITE, org.mmspec.ref.vma.VmFlags.MAP_PRIVATE
                | org.mmspec.ref.vma.VmFlags.MAP_ANONYMOUS, 0);
        k.run(org.mmspec.ref.proc.UserAccess.class, mm, a, 1, 5).value();
        k.run(org.mmspec.ref.reclaim.ShrinkActiveList.class, 0, 1).value();
        while (k.buddy().freePagesInLists(0) > 0) {
            KernelApi.allocPages(k, Gfp.GFP_NOWAIT, 0).value();
        }
        assertEquals(-1, KernelApi.allocPages(k, Gfp.GFP_NOWAIT, 0).value(), "no free page and no reclaim");
        int pfn = KernelApi.allocPages(k, Gfp.GFP_KERNEL, 0).value();
        assertTrue(pfn > 0, "direct reclaim swapped the anonymous page out and handed over its frame");
        assertTrue(org.mmspec.ref.pgtable.Pte.isSwapPte(k.pageTables().pteValue(mm, a)));
        int slot = org.mmspec.ref.pgtable.Pte.swpOffset(k.pageTables().pteValue(mm, a));
        assertEquals(5, k.swap().data(slot), "the data went to swap");
        assertEquals(-org.mmspec.ref.fault.VmFault.VM_FAULT_OOM,
                k.run(org.mmspec.ref.proc.UserAccess.class, mm, a, 0, 0).value(),
                "with every frame taken and nothing left to reclaim, the swap-in cannot get a page (no OOM killer)");
    }
}
