package org.mmspec.ref.swap;

import static org.mmspec.ref.state.Layout.G_SWAP_FLAGS;
import static org.mmspec.ref.state.Layout.G_SWAP_USERS;

import org.mmspec.ref.state.Mem;
import org.mmspec.ref.state.ScopedLock;

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

    /** {@code si->flags}: written under {@code swap_lock}, read racily elsewhere. */
    public int flags() {
        return m.get(G_SWAP_FLAGS);
    }

    /** The flags as the model's own checks read them (not a kernel access). */
    public int flagsForGhost() {
        return m.peek(G_SWAP_FLAGS);
    }

    /**
     * {@code enable_swap_info()} under {@code swap_lock} (taken here, inside the step): the device becomes
     * used, writable and live (and synchronous if {@code synchronous}); false if it is in use already.
     */
    public boolean enable(boolean synchronous) {
        m.lockScoped(ScopedLock.SWAP_LOCK, 0);
        boolean free = (m.get(G_SWAP_FLAGS) & SWP_USED) == 0;
        if (free) {
            m.set(G_SWAP_FLAGS, SWP_USED | SWP_WRITEOK | SWP_VALID | (synchronous ? SWP_SYNCHRONOUS_IO : 0));
        }
        m.unlockScoped(ScopedLock.SWAP_LOCK, 0);
        return free;
    }

    /**
     * {@code swapoff()}'s {@code del_from_avail_list()}: under {@code swap_lock}, a used, writable device
     * stops handing out slots ({@code SWP_WRITEOK} cleared); false if there is no such device.
     */
    public boolean disableWrites() {
        m.lockScoped(ScopedLock.SWAP_LOCK, 0);
        int flags = m.get(G_SWAP_FLAGS);
        boolean ok = (flags & SWP_USED) != 0 && (flags & SWP_WRITEOK) != 0;
        if (ok) {
            m.set(G_SWAP_FLAGS, flags & ~SWP_WRITEOK);
        }
        m.unlockScoped(ScopedLock.SWAP_LOCK, 0);
        return ok;
    }

    /** {@code reinsert_swap_info()} under {@code swap_lock}: the device takes slots again. */
    public void enableWrites() {
        changeFlags(SWP_WRITEOK, 0);
    }

    /** {@code percpu_ref_kill(&si->users)}: no new {@code get_swap_device()} succeeds. */
    public void killUsers() {
        changeFlags(0, SWP_VALID);
    }

    /** Under {@code swap_lock}: the device is torn down ({@code swap_map} freed, {@code SWP_USED} cleared). */
    public void destroy() {
        changeFlags(0, -1);
    }

    private void changeFlags(int set, int clear) {
        m.lockScoped(ScopedLock.SWAP_LOCK, 0);
        m.set(G_SWAP_FLAGS, m.get(G_SWAP_FLAGS) & ~clear | set);
        m.unlockScoped(ScopedLock.SWAP_LOCK, 0);
    }

    /** Sets the flags outright (setups: no step). */
    public void setFlags(int flags) {
        m.set(G_SWAP_FLAGS, flags);
    }

    public boolean writeOk() {
        return (flags() & SWP_WRITEOK) != 0;
    }

    /** {@code SWP_SYNCHRONOUS_IO}: fixed while the device is in use (set by swapon before it is enabled). */
    public boolean synchronousIo() {
        return m.test(G_SWAP_FLAGS, SWP_SYNCHRONOUS_IO);
    }

    /**
     * {@code get_swap_device(entry)} (mm/swapfile.c, Linux 5.13): a reference that keeps the device (and
     * its {@code swap_map}) from being torn down by {@code swapoff()}; false when it is going away.
     */
    public boolean getSwapDevice() {
        m.compoundBegin();    // percpu_ref_tryget_live(): the liveness test and the increment are one action
        boolean live = (flags() & SWP_VALID) != 0;
        if (live) {
            m.atomicAdd(G_SWAP_USERS, 1);
        }
        m.compoundEnd();
        return live;
    }

    /** {@code put_swap_device(si)}: {@code percpu_ref_put}. */
    public void putSwapDevice() {
        m.atomicAdd(G_SWAP_USERS, -1);
    }

    /** Holders of {@code get_swap_device()} references ({@code percpu_ref_is_zero}: a racy read). */
    public int users() {
        return m.atomicRead(G_SWAP_USERS);
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
