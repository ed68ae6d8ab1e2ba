package org.mmspec.ref.swap;

import static org.mmspec.ref.state.Layout.G_SWAP_FLAGS;
import static org.mmspec.ref.state.Layout.G_SWAP_USERS;

import org.mmspec.ref.state.Mem;

/**
 * The swap device's {@code swap_info_struct} state (mm/swapfile.c, include/linux/swap.h): its flags
 * and, as in Linux 5.13, the {@code si->users} reference that {@code get_swap_device()} takes and
 * {@code swapoff()} waits for. {@code swap_lock} is taken inside single steps.
 */
public final class SwapDevice {

    /** {@code SWP_USED}: the device is in use (between {@code swapon} and the end of {@code swapoff}). */
    public static final int SWP_USED = 1;
    /** {@code SWP_WRITEOK}: slots may be allocated ({@code get_swap_page()}). */
    public static final int SWP_WRITEOK = 2;
    /**
     * {@code si->users} is live ({@code percpu_ref_tryget_live} succeeds; {@code SWP_VALID} in
     * 5.3–5.12): swap entries of the device may be looked up.
     */
    public static final int SWP_VALID = 4;
    /** {@code SWP_SYNCHRONOUS_IO} (4.15): a fast device (zram, pmem) whose reads complete in the caller. */
    public static final int SWP_SYNCHRONOUS_IO = 8;

    private final Mem m;

    public SwapDevice(Mem m) {
        this.m = m;
    }

    public int flags() {
        return m.get(G_SWAP_FLAGS);
    }

    public void setFlags(int flags) {
        m.set(G_SWAP_FLAGS, flags);
    }

    public boolean writeOk() {
        return (flags() & SWP_WRITEOK) != 0;
    }

    public boolean synchronousIo() {
        return (flags() & SWP_SYNCHRONOUS_IO) != 0;
    }

    /**
     * {@code get_swap_device(entry)} (mm/swapfile.c, Linux 5.13): a reference that keeps the device (and
     * its {@code swap_map}) from being torn down by {@code swapoff()}; false when it is going away.
     */
    public boolean getSwapDevice() {
        if ((flags() & SWP_VALID) == 0) {
            return false;
        }
        m.add(G_SWAP_USERS, 1);
        return true;
    }

    /** {@code put_swap_device(si)}. */
    public void putSwapDevice() {
        m.add(G_SWAP_USERS, -1);
    }

    /** Holders of {@code get_swap_device()} references. */
    public int users() {
        return m.get(G_SWAP_USERS);
    }

    /** Renders the flags for traces. */
    public static String describe(int flags) {
        if (flags == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        String[] names = {"SWP_USED", "SWP_WRITEOK", "SWP_VALID", "SWP_SYNCHRONOUS_IO"};
        for (int b = 0; b < names.length; b++) {
            if ((flags & (1 << b)) != 0) {
                sb.append(sb.isEmpty() ? "" : "|").append(names[b]);
            }
        }
        return sb.toString();
    }
}
