package org.mmspec.ref.fault;

import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code do_page_fault()} → {@code __do_page_fault()} (arch/arm/mm/fault.c, Linux 4.9): adds
 * {@code FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_KILLABLE} to the fault flags, takes {@code mmap_sem} for
 * read, finds the VMA, checks the access against its flags, and calls {@code handle_mm_fault()}. A
 * missing VMA is {@code VM_FAULT_BADMAP} and a forbidden access {@code VM_FAULT_BADACCESS} (the task
 * gets SIGSEGV). When the fault returns {@code VM_FAULT_RETRY}, {@code mmap_sem} has already been
 * dropped (by {@code lock_page_or_retry}, before it slept on a page lock): with a fatal signal pending
 * the fault ends there; otherwise it clears {@code ALLOW_RETRY}, sets {@code FAULT_FLAG_TRIED}, takes
 * {@code mmap_sem} again and retries from the VMA lookup — the second try sleeps on the page lock
 * holding {@code mmap_sem}. Context: user mode, or a kernel access to user memory
 * ({@code copy_to_user}); no locks held except, for the latter, whatever its caller holds.
 *
 * <p>Arguments: mm, address, fault flags. Returns the {@code VM_FAULT_*} bits ({@code VM_FAULT_RETRY}
 * when a fatal signal ended a retry).
 */
public final class DoPageFault extends Procedure {

    private static final int MM = 0;
    private static final int ADDR = 1;
    private static final int FLAGS = 2;

    private static final int ENTRY = 0;
    private static final int DOWN_READ = 1;
    private static final int UP_READ = 2;
    private static final int RETRY = 3;

    private final Threads threads;
    private final Vmas vmas;
    private final Mms mms;
    private final HandleMmFault handleMmFault;

    public DoPageFault(Threads threads, Vmas vmas, Mms mms, HandleMmFault handleMmFault) {
        super("do_page_fault", "entry", "down_read_mmap_sem", "up_read_mmap_sem", "fatal_signal_pending");
        this.threads = threads;
        this.vmas = vmas;
        this.mms = mms;
        this.handleMmFault = handleMmFault;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int mm = c.local(MM);
        int addr = c.local(ADDR);
        if (pc == ENTRY) {
            c.set(FLAGS, c.local(FLAGS) | VmFault.FAULT_FLAG_ALLOW_RETRY | VmFault.FAULT_FLAG_KILLABLE);
            return c.next(DOWN_READ);
        }
        if (pc == DOWN_READ) {
            if (!mms.downRead(mm)) {
                return Flow.BLOCK;
            }
            Vmas v = vmas;
            int vma = v.findVma(mm, addr);
            if (vma < 0 || v.vmStart(vma) > addr) {
                mms.upRead(mm);
                return c.ret(VmFault.VM_FAULT_BADMAP);
            }
            int flags = v.vmFlags(vma);
            boolean write = (c.local(FLAGS) & VmFault.FAULT_FLAG_WRITE) != 0;
            int need = write ? VmFlags.VM_WRITE : VmFlags.VM_READ | VmFlags.VM_EXEC | VmFlags.VM_WRITE;
            if ((flags & need) == 0) {
                mms.upRead(mm);
                return c.ret(VmFault.VM_FAULT_BADACCESS);
            }
            return c.call(handleMmFault, UP_READ, vma, addr, c.local(FLAGS));
        }
        if (pc == RETRY) {
            if (threads.fatalSignalPending(c.tid())) {
                return c.ret(VmFault.VM_FAULT_RETRY);
            }
            c.set(FLAGS, c.local(FLAGS) & ~VmFault.FAULT_FLAG_ALLOW_RETRY | VmFault.FAULT_FLAG_TRIED);
            return c.yieldTo(DOWN_READ);
        }
        int fault = c.result();
        if ((fault & VmFault.VM_FAULT_RETRY) != 0) {
            return c.yieldTo(RETRY);
        }
        mms.upRead(mm);
        return c.ret(fault);
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " addr=0x" + Integer.toHexString(f.local(ADDR))
                + ((f.local(FLAGS) & VmFault.FAULT_FLAG_WRITE) != 0 ? " write" : " read")
                + ((f.local(FLAGS) & VmFault.FAULT_FLAG_TRIED) != 0 ? " TRIED" : "");
    }
}
