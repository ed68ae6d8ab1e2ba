package org.mmspec.ref.bio;

import static org.mmspec.ref.state.Layout.BIO_FIELDS;
import static org.mmspec.ref.state.Layout.BIO_HOLDER;
import static org.mmspec.ref.state.Layout.BIO_OP;
import static org.mmspec.ref.state.Layout.BIO_PFN;
import static org.mmspec.ref.state.Layout.BIO_TARGET;
import static org.mmspec.ref.state.Layout.G_IO_IDLE;

import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;

/**
 * The block device's request queue (block/blk-core.c {@code submit_bio}, {@code blk_finish_request};
 * a single-queue device of Linux 4.x): the block requests in flight, in submission order, each carrying
 * one page. {@code submit_bio()} queues a request and kicks the device; the device takes the oldest
 * request off the queue, moves the data (DMA) and raises the completion interrupt, whose handler is the
 * request's {@code bi_end_io} — the completion context {@code io.IoCompletion}. The queue has
 * {@link Config#nrBios()} requests; a submitter that finds none free waits ({@code get_request()}
 * sleeps in {@code io_schedule()} until a request completes). {@code q->queue_lock} is taken and
 * released inside single steps.
 *
 * <p>The completion context sleeps, when the queue is empty, on a one-entry wait queue (the
 * {@code G_IO_IDLE} word: its thread id + 1); {@link #submit} wakes it.
 */
public final class Bios {

    /** {@code swap_writepage()}: the page's contents go to swap slot {@code target}. */
    public static final int SWAP_WRITE = 1;
    /** {@code swap_readpage()}: swap slot {@code target} is read into the (locked) page. */
    public static final int SWAP_READ = 2;
    /** {@code ->writepage()} of a file page: the contents go to block {@code target} of the file. */
    public static final int FILE_WRITE = 3;
    /** {@code ->readpage()}: the file block is read into the (locked) page-cache page. */
    public static final int FILE_READ = 4;
    /** A direct-I/O read: the file block is DMAed into a user page a GUP holder keeps. */
    public static final int DIO_READ = 5;
    /** A direct-I/O write: a user page a GUP holder keeps is DMAed to the file block. */
    public static final int DIO_WRITE = 6;

    private static final String[] OPS = {"free", "swap_writepage", "swap_readpage", "writepage", "readpage",
        "dio_read", "dio_write"};

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final Threads threads;

    public Bios(Config c, Layout l, Mem m, Threads threads) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.threads = threads;
    }

    /** The name of a request operation, for traces. */
    public static String describeOp(int op) {
        return op >= 0 && op < OPS.length ? OPS[op] : "op" + op;
    }

    /** Whether {@code op} writes the page's contents to the device (the rest read into the page). */
    public static boolean writesDevice(int op) {
        return op == SWAP_WRITE || op == FILE_WRITE || op == DIO_WRITE;
    }

    /** The target word of a file block: {@code file << 8 | index}. */
    public static int fileBlock(int file, int index) {
        return file << 8 | index;
    }

    public static int blockFile(int target) {
        return target >>> 8;
    }

    public static int blockIndex(int target) {
        return target & 0xFF;
    }

    /** Requests in flight. */
    public int count() {
        int n = 0;
        while (n < c.nrBios() && m.get(l.bio(n, BIO_OP)) != 0) {
            n++;
        }
        return n;
    }

    /**
     * {@code submit_bio()}: queues a request for {@code pfn} at the tail and wakes the completion context
     * if it sleeps. Returns false, queueing nothing, when every request is in use: the caller's step
     * must wait ({@code get_request()}).
     *
     * @param holder the GUP holder slot whose reference the request carries, or -1
     */
    public boolean submit(int op, int pfn, int target, int holder) {
        int n = count();
        if (n >= c.nrBios()) {
            return false;
        }
        m.set(l.bio(n, BIO_OP), op);
        m.set(l.bio(n, BIO_PFN), pfn + 1);
        m.set(l.bio(n, BIO_TARGET), target);
        m.set(l.bio(n, BIO_HOLDER), holder + 1);
        int idle = m.get(G_IO_IDLE);
        if (idle != 0) {
            m.set(G_IO_IDLE, 0);
            threads.wake(idle - 1);
        }
        return true;
    }

    /** The operation of the oldest request, or 0 when the queue is empty. */
    public int headOp() {
        return c.nrBios() == 0 ? 0 : m.get(l.bio(0, BIO_OP));
    }

    /** The page of the oldest request. */
    public int headPfn() {
        return m.get(l.bio(0, BIO_PFN)) - 1;
    }

    /** The device block of the oldest request. */
    public int headTarget() {
        return m.get(l.bio(0, BIO_TARGET));
    }

    /** The GUP holder of the oldest request, or -1. */
    public int headHolder() {
        return m.get(l.bio(0, BIO_HOLDER)) - 1;
    }

    /** The device takes the oldest request off the queue (it is being carried out). */
    public void dequeue() {
        int n = count();
        for (int i = 0; i < n - 1; i++) {
            for (int f = 0; f < BIO_FIELDS; f++) {
                m.set(l.bio(i, f), m.get(l.bio(i + 1, f)));
            }
        }
        for (int f = 0; f < BIO_FIELDS; f++) {
            m.set(l.bio(n - 1, f), 0);
        }
    }

    /** Whether a queued request carries page {@code pfn}. */
    public boolean queued(int pfn) {
        int n = count();
        for (int i = 0; i < n; i++) {
            if (m.get(l.bio(i, BIO_PFN)) == pfn + 1) {
                return true;
            }
        }
        return false;
    }

    /** The completion context goes to sleep for want of requests ({@code tid}: its thread). */
    public void waitForWork(int tid) {
        m.set(G_IO_IDLE, tid + 1);
    }

    /** The thread of the completion context if it sleeps for want of requests, else -1. */
    public int idleCompletion() {
        return m.get(G_IO_IDLE) - 1;
    }
}
