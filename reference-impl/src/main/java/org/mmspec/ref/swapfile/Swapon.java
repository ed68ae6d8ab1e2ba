package org.mmspec.ref.swapfile;

import org.mmspec.ref.swap.SwapDevice;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code swapon()} (mm/swapfile.c, Linux 4.9 with the 4.15 {@code SWP_SYNCHRONOUS_IO} flag and the 5.13
 * {@code si->users} reference): under {@code swap_lock}, the device is enabled ({@code enable_swap_info}:
 * {@code SWP_USED}, {@code SWP_WRITEOK}, its users reference live). Its slots start free. Context:
 * process.
 *
 * <p>Arguments: synchronous (1: a fast device — zram, pmem — whose reads complete in the caller).
 * Returns 0, or {@code -EBUSY} when the device is in use.
 */
public final class Swapon extends Procedure {

    public static final int EBUSY = -16;

    private static final int SYNCHRONOUS = 0;

    private final SwapDevice swapDevice;

    public Swapon(SwapDevice swapDevice) {
        super("swapon", "enable_swap_info");
        this.swapDevice = swapDevice;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        return c.ret(swapDevice.enable(c.local(SYNCHRONOUS) != 0) ? 0 : EBUSY);
    }

    @Override
    protected String detail(FrameView f) {
        return f.local(SYNCHRONOUS) != 0 ? "SWP_SYNCHRONOUS_IO" : "";
    }
}
