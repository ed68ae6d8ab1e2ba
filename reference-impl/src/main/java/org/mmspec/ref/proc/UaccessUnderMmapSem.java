package org.mmspec.ref.proc;

import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Mms;

/**
 * A system call that looks at the address space under {@code mmap_sem} for read and copies a result to
 * user memory ({@code copy_to_user}), the copy modelled as a kernel-mode store through the MMU (which
 * faults like a user access when the page is not mapped). Two orders:
 * <ul>
 * <li>{@link #COPY_AFTER_UNLOCK}: {@code up_read()} first, then the copy — what mm code does (e.g.
 * {@code sys_mincore()} copies each chunk after dropping {@code mmap_sem});</li>
 * <li>{@link #COPY_UNDER_LOCK}: the copy while still holding {@code mmap_sem}. A fault in the copy takes
 * {@code mmap_sem} for read a second time ({@code do_page_fault}); with Linux's writer-preferring rwsem
 * that second {@code down_read()} queues behind any writer that arrived in between, which waits for the
 * first read hold: a deadlock (lockdep: "possible recursive locking").</li>
 * </ul>
 * Context: process, no locks held.
 *
 * <p>Arguments: mm, user address of the buffer, order ({@link #COPY_UNDER_LOCK} or
 * {@link #COPY_AFTER_UNLOCK}), value copied. Returns 0, or the fault's {@code -VM_FAULT_*} bits.
 */
public final class UaccessUnderMmapSem extends Procedure {

    public static final int COPY_AFTER_UNLOCK = 0;
    public static final int COPY_UNDER_LOCK = 1;

    private static final int MM = 0;
    private static final int ADDR = 1;
    private static final int ORDER = 2;
    private static final int VALUE = 3;
    private static final int RESULT = 4;

    private static final int DOWN_READ = 0;
    private static final int WORK = 1;
    private static final int COPIED = 2;
    private static final int UP_READ = 3;
    private static final int DONE = 4;
    private static final int COPY_AFTER = 5;

    private final Mms mms;
    private final UserAccess userAccess;

    public UaccessUnderMmapSem(Mms mms, UserAccess userAccess) {
        super("uaccess_under_mmap_sem", "down_read_mmap_sem", "find_vma", "copy_to_user:done", "up_read_mmap_sem",
                "copy_to_user:after_unlock:done", "copy_to_user:after_unlock");
        this.mms = mms;
        this.userAccess = userAccess;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int mm = c.local(MM);
        boolean underLock = c.local(ORDER) == COPY_UNDER_LOCK;
        switch (pc) {
            case DOWN_READ -> {
                if (!mms.downRead(mm)) {
                    return Flow.BLOCK;
                }
                return c.yieldTo(WORK);
            }
            case WORK -> {
                if (underLock) {
                    return c.call(userAccess, COPIED, mm, c.local(ADDR), 1, c.local(VALUE));
                }
                return c.next(UP_READ);
            }
            case COPIED -> {
                c.set(RESULT, c.result());
                return c.yieldTo(UP_READ);
            }
            case UP_READ -> {
                mms.upRead(mm);
                if (underLock) {
                    return c.ret(c.local(RESULT));
                }
                return c.yieldTo(COPY_AFTER);
            }
            case COPY_AFTER -> {
                return c.call(userAccess, DONE, mm, c.local(ADDR), 1, c.local(VALUE));
            }
            default -> {
                return c.ret(c.result());
            }
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " buf=0x" + Integer.toHexString(f.local(ADDR))
                + (f.local(ORDER) == COPY_UNDER_LOCK ? " copy under mmap_sem" : " copy after up_read");
    }
}
