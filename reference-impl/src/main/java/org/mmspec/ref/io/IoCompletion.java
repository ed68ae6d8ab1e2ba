package org.mmspec.ref.io;

import static org.mmspec.ref.sched.Threads.TASK_INTERRUPTIBLE;

import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.pin.GupPins;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.sync.ModelMisuse;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * The block device and its completion interrupt (block/blk-core.c, drivers' request handling;
 * {@code bio_endio()} → {@code bi_end_io}): the context in which I/O completes, concurrently with the
 * tasks that submitted it. It takes the oldest request off the queue, moves the data — the DMA reads
 * its source (the page, or the medium) and writes its destination in two steps, so that a store to the
 * page between them is or is not in what reaches the disk — and runs the request's completion:
 * <ul>
 * <li>a write ({@code end_swap_bio_write}, {@code end_bio_bh_io_sync}): {@link EndPageWriteback};</li>
 * <li>a read ({@code end_swap_bio_read}, {@code mpage_end_io}): {@code SetPageUptodate()}, then
 * {@code unlock_page()} — the submitter's page lock is released here, in another context;</li>
 * <li>a direct-I/O request: {@link DioComplete} (the request carries a GUP reference).</li>
 * </ul>
 * With no request queued it queues itself on its wait queue and announces an interruptible sleep (under
 * the queue lock), then {@code schedule()}s — idle until {@code submit_bio()} wakes it, unless a request
 * came first (a daemon: at rest then).
 * Context: interrupt / workqueue; never takes a sleeping lock.
 *
 * <p>Arguments: drain (1: return once the queue is empty — how sequential calls' I/O completes).
 */
public final class IoCompletion extends Procedure {

    private static final int DRAIN = 0;
    private static final int OP = 1;
    private static final int PFN = 2;
    private static final int TARGET = 3;
    private static final int HOLDER = 4;
    private static final int DATA = 5;

    private static final int DISPATCH = 0;
    private static final int DMA_FROM = 1;
    private static final int DMA_TO = 2;
    private static final int END_IO = 3;
    private static final int UNLOCK = 4;
    private static final int DONE = 5;
    private static final int SCHEDULE = 6;

    private final Threads threads;
    private final Pages pages;
    private final Swap swap;
    private final PageCache pageCache;
    private final Bios bios;
    private final GupPins gupPins;
    private final EndPageWriteback endPageWriteback;
    private final UnlockPage unlockPage;
    private final DioComplete dioComplete;

    public IoCompletion(Threads threads, Pages pages, Swap swap, PageCache pageCache, Bios bios, GupPins gupPins,
            EndPageWriteback endPageWriteback, UnlockPage unlockPage, DioComplete dioComplete) {
        super("io_completion", "blk_start_request", "dma:read", "dma:write", "bi_end_io", "unlock_page", "done",
                "schedule");
        this.threads = threads;
        this.pages = pages;
        this.swap = swap;
        this.pageCache = pageCache;
        this.bios = bios;
        this.gupPins = gupPins;
        this.endPageWriteback = endPageWriteback;
        this.unlockPage = unlockPage;
        this.dioComplete = dioComplete;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        switch (pc) {
            case DISPATCH -> {
                return dispatch(c);
            }
            case DMA_FROM -> {
                int op = c.local(OP);
                c.set(DATA, Bios.writesDevice(op) ? pages.data(c.local(PFN)) : readMedium(op, c.local(TARGET)));
                return c.yieldTo(DMA_TO);
            }
            case DMA_TO -> {
                int op = c.local(OP);
                if (Bios.writesDevice(op)) {
                    writeMedium(op, c.local(TARGET), c.local(DATA));
                } else {
                    pages.setData(c.local(PFN), c.local(DATA));
                    if (op == Bios.DIO_READ) {
                        gupPins.wroteThrough(c.local(HOLDER) - 1, c.local(DATA), c.tid());
                    }
                }
                return c.yieldTo(END_IO);
            }
            case END_IO -> {
                return endIo(c);
            }
            case UNLOCK -> {
                return c.call(unlockPage, DONE, c.local(PFN));
            }
            case SCHEDULE -> {
                threads.schedule(c.tid());
                return c.yieldTo(DISPATCH);
            }
            case DONE -> {
                for (int i = OP; i <= DATA; i++) {
                    c.set(i, 0);
                }
                return c.yieldTo(DISPATCH);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 32, pc);
        }
    }

    /**
     * Under the queue lock, the device starts the oldest request; or, with none, the context queues itself
     * to sleep and announces it ({@code prepare_to_wait}), to {@code schedule()} next.
     */
    private Flow dispatch(Ctx c) {
        Bios q = bios;
        q.lock();
        int op = q.headOp();
        if (op == 0) {
            if (c.local(DRAIN) == 0) {
                q.waitForWork(c.tid());
                threads.setCurrentState(c.tid(), TASK_INTERRUPTIBLE);
            }
            q.unlock();
            return c.local(DRAIN) != 0 ? c.ret(0) : c.yieldTo(SCHEDULE);
        }
        c.set(OP, op);
        c.set(PFN, q.headPfn());
        c.set(TARGET, q.headTarget());
        c.set(HOLDER, q.headHolder() + 1);
        q.dequeue();
        q.unlock();
        if (op == Bios.SWAP_READ || op == Bios.FILE_READ) {
            q.readLockHandedTo(c.local(PFN), c.tid());
        }
        return c.yieldTo(DMA_FROM);
    }

    private Flow endIo(Ctx c) {
        int pfn = c.local(PFN);
        return switch (c.local(OP)) {
            case Bios.SWAP_WRITE, Bios.FILE_WRITE -> c.call(endPageWriteback, DONE, pfn);
            case Bios.SWAP_READ, Bios.FILE_READ -> {
                pages.setPageFlag(pfn, PageFlag.UPTODATE);
                yield c.yieldTo(UNLOCK);
            }
            case Bios.DIO_READ, Bios.DIO_WRITE -> c.call(dioComplete, DONE, c.local(HOLDER) - 1, c.local(OP), pfn);
            default -> throw new Oops(OopsKind.MODEL_MISUSE, ModelMisuse.UNKNOWN_BIO_OP_CODE, c.local(OP));
        };
    }

    private int readMedium(int op, int target) {
        if (op == Bios.SWAP_READ) {
            return swap.data(target);
        }
        return pageCache.disk(Bios.blockFile(target), Bios.blockIndex(target));
    }

    private void writeMedium(int op, int target, int data) {
        if (op == Bios.SWAP_WRITE) {
            swap.writeSlot(target, data);
            return;
        }
        pageCache.writeDisk(Bios.blockFile(target), Bios.blockIndex(target), data);
        if (op == Bios.DIO_WRITE) {
            // ghost: a direct write is a write to the file, as write() is
            pageCache.recordLogical(Bios.blockFile(target), Bios.blockIndex(target), data);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return f.local(OP) == 0 ? "" : Bios.describeOp(f.local(OP)) + " pfn=" + f.local(PFN);
    }
}
