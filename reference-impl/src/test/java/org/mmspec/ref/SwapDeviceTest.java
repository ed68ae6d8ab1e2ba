package org.mmspec.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.reclaim.ShrinkActiveList;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.swap.SwapDevice;
import org.mmspec.ref.swapfile.Swapoff;
import org.mmspec.ref.swapfile.Swapon;

/** The swap device's lifecycle: swapoff brings every page back and tears the device down; swapon. */
class SwapDeviceTest {

    private final Machine m = new Machine();
    private final int mm = m.mm();
    private final int a = m.mmapAnon(mm, 1);

    private int swapOut(int value) {
        m.store(mm, a, value);
        m.k.run(ShrinkActiveList.class, 0, 1);
        m.k.run(ShrinkZone.class, 0, 1);
        m.k.run(ShrinkZone.class, 0, 1);
        int pte = m.pte(mm, a);
        assertTrue(Pte.isSwapPte(pte), Pte.describe(pte));
        return Pte.swpOffset(pte);
    }

    @Test
    void swapoffBringsTheSwappedOutPageBackAndTearsTheDeviceDown() {
        int slot = swapOut(9);
        assertEquals(new Outcome.Returned(0), m.k.run(Swapoff.class, 0));
        assertTrue(Pte.ptePresent(m.pte(mm, a)), "unuse_pte mapped the page again");
        assertEquals(9, m.load(mm, a));
        assertFalse(m.k.swap().slotInUse(slot));
        assertEquals(0, m.k.swapDevice().flags(), "swap_map freed, SWP_USED clear");
        assertEquals(new Outcome.Returned(Swapoff.EINVAL), m.k.run(Swapoff.class, 0), "no device to turn off");
        assertFalse(m.k.swap().hasFreeSwap(), "reclaim has nowhere to swap to");
    }

    @Test
    void swapoffWaitsForTheHoldersOfSwapDeviceReferences() {
        swapOut(9);
        assertTrue(m.k.swapDevice().getSwapDevice());
        Outcome o = m.k.run(Swapoff.class, 0);
        assertInstanceOf(Outcome.WouldBlock.class, o);
        assertTrue(((Outcome.WouldBlock) o).reason().describe().contains("get_swap_device() reference"));
        m.k.swapDevice().putSwapDevice();
        assertEquals(new Outcome.Returned(0), m.k.run(Swapoff.class, 0));
    }

    @Test
    void aSynchronousDeviceSwapsInPastTheSwapCacheInTheFaultingTask() {
        assertEquals(new Outcome.Returned(0), m.k.run(Swapoff.class, 0));
        assertEquals(new Outcome.Returned(0), m.k.run(Swapon.class, 1));
        assertTrue(m.k.swapDevice().synchronousIo());
        assertEquals(new Outcome.Returned(Swapon.EBUSY), m.k.run(Swapon.class, 0));
        int slot = swapOut(4);
        assertEquals(4, m.load(mm, a));
        int page = m.pfn(mm, a);
        assertFalse(m.k.pages().pageFlag(page, PageFlag.SWAPCACHE), "the page skipped the swap cache");
        assertFalse(m.k.swap().slotInUse(slot), "the slot is freed at once");
        assertEquals(0, m.k.bios().count());
    }

    @Test
    void theDeviceIsEnabledAtBootOnAMachineWithSwap() {
        assertEquals(SwapDevice.SWP_USED | SwapDevice.SWP_WRITEOK | SwapDevice.SWP_VALID, m.k.swapDevice().flags());
    }
}
