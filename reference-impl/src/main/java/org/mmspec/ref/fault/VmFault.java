package org.mmspec.ref.fault;

/** {@code VM_FAULT_*} results and {@code FAULT_FLAG_*} inputs of the fault handlers (include/linux/mm.h, Linux 4.x). */
public final class VmFault {

    public static final int VM_FAULT_OOM = 0x0001;
    public static final int VM_FAULT_SIGBUS = 0x0002;
    public static final int VM_FAULT_MAJOR = 0x0004;
    public static final int VM_FAULT_WRITE = 0x0008;
    public static final int VM_FAULT_SIGSEGV = 0x0040;
    public static final int VM_FAULT_NOPAGE = 0x0100;
    public static final int VM_FAULT_LOCKED = 0x0200;
    public static final int VM_FAULT_RETRY = 0x0400;
    public static final int VM_FAULT_ERROR = VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV;

    /** arch/arm/mm/fault.c: no VMA at the address. */
    public static final int VM_FAULT_BADMAP = 0x010000;
    /** arch/arm/mm/fault.c: the VMA does not allow the access. */
    public static final int VM_FAULT_BADACCESS = 0x020000;

    public static final int FAULT_FLAG_WRITE = 0x01;
    /** The fault may drop {@code mmap_sem} and return {@code VM_FAULT_RETRY} instead of sleeping on a page lock. */
    public static final int FAULT_FLAG_ALLOW_RETRY = 0x04;
    /** With {@code ALLOW_RETRY}: return {@code VM_FAULT_RETRY} without dropping {@code mmap_sem} or waiting. */
    public static final int FAULT_FLAG_RETRY_NOWAIT = 0x08;
    /** The fault's sleeps end early on a fatal signal. */
    public static final int FAULT_FLAG_KILLABLE = 0x10;
    /** This is the second try, after a {@code VM_FAULT_RETRY}. */
    public static final int FAULT_FLAG_TRIED = 0x20;
    /** Set by {@code get_user_pages()} on behalf of another task ({@code FAULT_FLAG_REMOTE}). */
    public static final int FAULT_FLAG_REMOTE = 0x80;

    private VmFault() {
    }

    public static boolean isError(int ret) {
        return (ret & (VM_FAULT_ERROR | VM_FAULT_BADMAP | VM_FAULT_BADACCESS)) != 0;
    }

    public static String describe(int ret) {
        if ((ret & (VM_FAULT_BADMAP | VM_FAULT_BADACCESS | VM_FAULT_SIGSEGV)) != 0) {
            return "SIGSEGV";
        }
        if ((ret & VM_FAULT_SIGBUS) != 0) {
            return "SIGBUS";
        }
        if ((ret & VM_FAULT_OOM) != 0) {
            return "OOM";
        }
        if ((ret & VM_FAULT_RETRY) != 0) {
            return "VM_FAULT_RETRY";
        }
        return (ret & VM_FAULT_WRITE) != 0 ? "VM_FAULT_WRITE" : "0";
    }
}
