package org.mmspec.ref.fault;

import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code do_page_fault()} → {@code __do_page_fault()} (arch/arm/mm/fault.c): takes {@code mmap_sem}
 * for read, finds the VMA, checks the access against its flags, and calls {@code handle_mm_fault()}.
 * A missing VMA is {@code VM_FAULT_BADMAP} and a forbidden access {@code VM_FAULT_BADACCESS} (the
 * task gets SIGSEGV). The model never retries with {@code FAULT_FLAG_ALLOW_RETRY}: page-lock waits
 * sleep with {@code mmap_sem} held. Context: the faulting task, no lock held.
 *
 * <p>Arguments: mm, address, fault flags. Returns the {@code VM_FAULT_*} bits.
 */
public final class DoPageFault extends Procedure {

    private static final int MM = 0;
    private static final int ADDR = 1;
    private static final int FLAGS = 2;

    private static final int DOWN_READ = 0;
    private static final int UP_READ = 1;

    private final Vmas vmas;
    private final Mms mms;
    private final HandleMmFault handleMmFault;

    public DoPageFault(Vmas vmas, Mms mms, HandleMmFault handleMmFault) {
        super("do_page_fault", "down_read_mmap_sem", "up_read_mmap_sem");
        this.vmas = vmas;
        this.mms = mms;
        this.handleMmFault = handleMmFault;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int mm = c.local(MM);
        int addr = c.local(ADDR);
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
        mms.upRead(mm);
        return c.ret(c.result());
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " addr=0x" + Integer.toHexString(f.local(ADDR))
                + ((f.local(FLAGS) & VmFault.FAULT_FLAG_WRITE) != 0 ? " write" : " read");
    }
}
