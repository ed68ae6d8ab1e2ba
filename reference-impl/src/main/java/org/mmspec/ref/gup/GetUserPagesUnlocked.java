package org.mmspec.ref.gup;

import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Mms;

/**
 * {@code get_user_pages_unlocked()} (mm/gup.c, Linux 4.9): the slow path of
 * {@code get_user_pages_fast()}: {@code down_read(mmap_sem)}, {@link GetUserPages} (which faults the
 * page in), {@code up_read}. Context: process, no locks held.
 *
 * <p>Arguments: mm, address, foll flags. Returns the pfn with its reference, or a negative errno.
 */
public final class GetUserPagesUnlocked extends Procedure {

    private static final int MM = 0;
    private static final int ADDR = 1;
    private static final int FLAGS = 2;

    private static final int DOWN_READ = 0;
    private static final int GOT = 1;

    private final Mms mms;
    private final GetUserPages getUserPages;

    public GetUserPagesUnlocked(Mms mms, GetUserPages getUserPages) {
        super("get_user_pages_unlocked", "down_read_mmap_sem", "up_read_mmap_sem");
        this.mms = mms;
        this.getUserPages = getUserPages;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int mm = c.local(MM);
        if (pc == DOWN_READ) {
            if (!mms.downRead(mm)) {
                return Flow.BLOCK;
            }
            return c.call(getUserPages, GOT, mm, c.local(ADDR), c.local(FLAGS) | Foll.FOLL_TOUCH);
        }
        mms.upRead(mm);
        return c.ret(c.result());
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " addr=0x" + Integer.toHexString(f.local(ADDR)) + " " + Foll.describe(f.local(FLAGS));
    }
}
