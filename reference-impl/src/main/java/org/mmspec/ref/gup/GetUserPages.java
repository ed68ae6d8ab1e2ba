package org.mmspec.ref.gup;

import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.fault.HandleMmFault;
import org.mmspec.ref.fault.VmFault;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code get_user_pages()} / {@code __get_user_pages()} (mm/gup.c, Linux 4.8/4.9) for one page:
 * check the VMA allows the access ({@code check_vma_flags}: a write to a VMA without {@code VM_WRITE}
 * needs {@code FOLL_FORCE} and a COW mapping), then loop: {@code cond_resched()} (a preemption point),
 * {@code follow_page_mask()}; if it gives nothing, {@code faultin_page()} runs
 * {@code handle_mm_fault()} and retries. When the fault did a COW ({@code VM_FAULT_WRITE}) on a VMA
 * without {@code VM_WRITE}, the fixed kernel sets {@code FOLL_COW}; with {@link BugId#DIRTY_COW} the
 * local {@code FOLL_WRITE} is dropped instead (so a racing {@code MADV_DONTNEED} lets the next round
 * fault in, and return, the read-only page-cache page). Context: {@code mmap_sem} held for read.
 *
 * <p>Arguments: mm, address, gup flags. Returns the pfn (with a reference under {@code FOLL_GET}, a pin
 * under {@code FOLL_PIN}) or
 * {@code -EFAULT}/{@code -ENOMEM}.
 */
public final class GetUserPages extends Procedure {

    private static final int MM = 0;
    private static final int ADDR = 1;
    private static final int FLAGS = 2;
    private static final int VMA = 3;

    private static final int CHECK = 0;
    private static final int RETRY = 1;
    private static final int FOLLOWED = 2;
    private static final int FAULTED = 3;
    private static final int FAULTIN = 4;

    private final Vmas vmas;
    private final FollowPage followPage;
    private final HandleMmFault handleMmFault;

    public GetUserPages(Vmas vmas, FollowPage followPage, HandleMmFault handleMmFault) {
        super("__get_user_pages", "check_vma_flags", "cond_resched:follow_page_mask", "faultin_page",
                "faultin_page:done", "faultin_page");
        this.vmas = vmas;
        this.followPage = followPage;
        this.handleMmFault = handleMmFault;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Vmas v = vmas;
        int flags = c.local(FLAGS);
        switch (pc) {
            case CHECK -> {
                int vma = v.findVma(c.local(MM), c.local(ADDR));
                if (vma < 0 || v.vmStart(vma) > c.local(ADDR) || !checkVmaFlags(v.vmFlags(vma), flags)) {
                    return c.ret(Foll.EFAULT);
                }
                c.set(VMA, vma);
                return c.yieldTo(RETRY);
            }
            case RETRY -> {
                return c.call(followPage, FOLLOWED, c.local(VMA), c.local(ADDR), flags);
            }
            case FOLLOWED -> {
                int page = c.result();
                if (page >= 0) {
                    return c.ret(page);
                }
                return page != -1 ? c.ret(page) : c.yieldTo(FAULTIN);
            }
            case FAULTIN -> {
                int faultFlags = ((flags & Foll.FOLL_WRITE) != 0 ? VmFault.FAULT_FLAG_WRITE : 0)
                        | ((flags & Foll.FOLL_REMOTE) != 0 ? VmFault.FAULT_FLAG_REMOTE : 0);
                return c.call(handleMmFault, FAULTED, c.local(VMA), c.local(ADDR), faultFlags);
            }
            case FAULTED -> {
                int ret = c.result();
                if ((ret & VmFault.VM_FAULT_ERROR) != 0) {
                    return c.ret((ret & VmFault.VM_FAULT_OOM) != 0 ? Foll.ENOMEM : Foll.EFAULT);
                }
                if ((ret & VmFault.VM_FAULT_WRITE) != 0 && (v.vmFlags(c.local(VMA)) & VmFlags.VM_WRITE) == 0) {
                    c.set(FLAGS, c.bug(BugId.DIRTY_COW) ? flags & ~Foll.FOLL_WRITE : flags | Foll.FOLL_COW);
                }
                return c.yieldTo(RETRY);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 20, pc);
        }
    }

    /** {@code check_vma_flags()}: may this VMA be accessed with these gup flags? */
    boolean checkVmaFlags(int vmFlags, int gupFlags) {
        if ((vmFlags & (VmFlags.VM_IO | VmFlags.VM_PFNMAP)) != 0) {
            return false;
        }
        if ((gupFlags & Foll.FOLL_WRITE) != 0) {
            if ((vmFlags & VmFlags.VM_WRITE) == 0) {
                return (gupFlags & Foll.FOLL_FORCE) != 0 && VmFlags.isCowMapping(vmFlags);
            }
            return true;
        }
        if ((vmFlags & VmFlags.VM_READ) == 0) {
            return (gupFlags & Foll.FOLL_FORCE) != 0 && (vmFlags & VmFlags.VM_MAYREAD) != 0;
        }
        return true;
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " addr=0x" + Integer.toHexString(f.local(ADDR)) + " " + Foll.describe(f.local(FLAGS));
    }
}
