package org.mmspec.ref.io;

import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.gup.Foll;
import org.mmspec.ref.gup.GupFast;
import org.mmspec.ref.pin.GupPins;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * An asynchronous direct-I/O read or write of one page ({@code io_submit()} of an {@code O_DIRECT}
 * request: mm/filemap.c {@code generic_file_read_iter} / {@code generic_file_direct_write},
 * fs/direct-io.c {@code do_blockdev_direct_IO}; Linux 4.9): the page cache is written back and waited
 * for first ({@link FilemapWriteAndWait}) — and for a write, invalidated ({@link InvalidateInodePages2}; a
 * page dirtied again meanwhile makes the direct write give up, {@code -EBUSY} → 0, to be done buffered) —
 * then the user
 * page is taken with {@code get_user_pages_fast()} — {@code FOLL_WRITE} for a read, which the device
 * writes into — and handed, with its reference, to a block request; the system call returns
 * {@code -EIOCBQUEUED} and the request completes later in the I/O completion context
 * ({@link DioComplete}). Meanwhile nothing holds {@code mmap_sem}: the reference is all that ties the
 * page to the request. With {@code mode} {@link #PIN} the reference is a {@code FOLL_PIN} pin (block
 * layer, Linux 6.x); otherwise {@code FOLL_GET} (4.x–5.x). What a write puts on the disk is the file's
 * new contents (the ghost of what writers intended). The page cache is not invalidated again when an
 * asynchronous write completes (4.14, 332391a9935d, does it from the completion's workqueue).
 *
 * <p>Arguments: mm, user address, file block ({@code file << 8 | page index}), mode ({@link #WRITE},
 * {@link #PIN}). Returns {@code -EIOCBQUEUED}, or {@code -EFAULT}.
 */
public final class DirectIo extends Procedure {

    /** Mode bit: write the user page to the file (else read the file into it). */
    public static final int WRITE = 1;
    /** Mode bit: take a {@code FOLL_PIN} pin rather than a {@code FOLL_GET} reference. */
    public static final int PIN = 2;
    /** {@code -EIOCBQUEUED}: the request is in flight. */
    public static final int EIOCBQUEUED = -529;

    private static final int MM = 0;
    private static final int ADDR = 1;
    private static final int BLOCK = 2;
    private static final int MODE = 3;
    private static final int SLOT = 4;
    private static final int PAGE = 5;

    private static final int WRITEBACK = 0;
    private static final int GUP = 1;
    private static final int GOT = 2;
    private static final int SUBMIT = 3;
    private static final int WRITTEN = 4;
    private static final int INVALIDATE = 5;
    private static final int INVALIDATED = 6;
    private static final int HOLD = 7;

    private final GupPins gupPins;
    private final Bios bios;
    private final FilemapWriteAndWait writeAndWait;
    private final InvalidateInodePages2 invalidate;
    private final GupFast gupFast;

    public DirectIo(GupPins gupPins, Bios bios, FilemapWriteAndWait writeAndWait, InvalidateInodePages2 invalidate,
            GupFast gupFast) {
        super("do_blockdev_direct_IO", "filemap_write_and_wait_range", "dio_refill_pages:get_user_pages_fast",
                "dio_new_bio", "submit_bio", "filemap_write_and_wait_range:done", "invalidate_inode_pages2_range",
                "invalidate_inode_pages2_range:done", "dio_new_bio:bio_add_page");
        this.gupPins = gupPins;
        this.bios = bios;
        this.writeAndWait = writeAndWait;
        this.invalidate = invalidate;
        this.gupFast = gupFast;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int mode = c.local(MODE);
        switch (pc) {
            case WRITEBACK -> {
                int block = c.local(BLOCK);
                return c.call(writeAndWait, WRITTEN, Bios.blockFile(block), Bios.blockIndex(block));
            }
            case WRITTEN -> {
                return c.yieldTo((mode & WRITE) != 0 ? INVALIDATE : GUP);
            }
            case INVALIDATE -> {
                int block = c.local(BLOCK);
                return c.call(invalidate, INVALIDATED, Bios.blockFile(block), Bios.blockIndex(block));
            }
            case INVALIDATED -> {
                if (c.result() == InvalidateInodePages2.EBUSY) {
                    return c.ret(0);
                }
                return c.yieldTo(GUP);
            }
            case GUP -> {
                int flags = ((mode & PIN) != 0 ? Foll.FOLL_PIN : Foll.FOLL_GET) | ((mode & WRITE) == 0 ? Foll.FOLL_WRITE : 0);
                return c.call(gupFast, GOT, c.local(MM), c.local(ADDR), flags);
            }
            case GOT -> {
                int page = c.result();
                if (page < 0) {
                    return c.ret(page);
                }
                c.set(PAGE, page);
                return c.yieldTo(HOLD);
            }
            case HOLD -> {
                int page = c.local(PAGE);
                int slot = gupPins.claim();
                if (slot < 0) {
                    throw new Oops(OopsKind.MODEL_CAPACITY, 7, 0);
                }
                int flags = GupPins.DIO | ((mode & WRITE) == 0 ? GupPins.WRITES_PAGE : 0)
                        | ((mode & PIN) != 0 ? GupPins.PINNED : 0);
                gupPins.hold(slot, page, flags, c.local(MM), c.local(ADDR));
                c.set(SLOT, slot + 1);
                return c.yieldTo(SUBMIT);
            }
            case SUBMIT -> {
                int slot = c.local(SLOT) - 1;
                int op = (mode & WRITE) != 0 ? Bios.DIO_WRITE : Bios.DIO_READ;
                if (!bios.submit(op, c.local(PAGE), c.local(BLOCK), slot)) {
                    return c.block(BlockKind.REQUEST_QUEUE, c.local(PAGE), 0);
                }
                return c.ret(EIOCBQUEUED);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 38, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        int block = f.local(BLOCK);
        return ((f.local(MODE) & WRITE) != 0 ? "write" : "read") + " mm" + f.local(MM) + " addr=0x"
                + Integer.toHexString(f.local(ADDR)) + " file" + Bios.blockFile(block) + "[" + Bios.blockIndex(block) + "]"
                + ((f.local(MODE) & PIN) != 0 ? " FOLL_PIN" : "");
    }
}
