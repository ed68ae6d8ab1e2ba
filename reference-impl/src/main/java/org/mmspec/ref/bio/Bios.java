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
import org.mmspec.ref.state.ScopedLock;

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
 * {@code G_IO_IDLE} word: its thread id + 1, under the queue lock); {@link #submit} wakes it
 * ({@code try_to_wake_up}).
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

    /** {@code spin_lock_irq(q->queue_lock)}: held only inside the step. */
    public void lock() {
        m.lockScoped(ScopedLock.QUEUE_LOCK, 0);
    }

    public void unlock() {
        m.unlockScoped(ScopedLock.QUEUE_LOCK, 0);
    }

    /** Requests in flight: one racy look at the queue (its length, as {@code blk_queue_congested} reads it). */
    public int count() {
        m.compoundBegin();
        int n = length();
        m.compoundEnd();
        return n;
    }

    private int length() {
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
        lock();
        int n = length();
        boolean queued = n < c.nrBios();
        if (queued) {
            m.set(l.bio(n, BIO_OP), op);
            m.set(l.bio(n, BIO_PFN), pfn + 1);
            m.set(l.bio(n, BIO_TARGET), target);
            m.set(l.bio(n, BIO_HOLDER), holder + 1);
            int idle = m.get(G_IO_IDLE);
            if (idle != 0) {
                m.set(G_IO_IDLE, 0);
                threads.tryToWakeUp(idle - 1, Threads.WAKE_NORMAL);
            }
        }
        unlock();
        return queued;
    }

    /** The operation of the oldest request, or 0 when the queue is empty. Context: the queue lock. */
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

    /** The device takes the oldest request off the queue (it is being carried out). Context: the queue lock. */
    public void dequeue() {
        int n = length();
        for (int i = 0; i < n - 1; i++) {
            for (int f = 0; f < BIO_FIELDS; f++) {
                m.set(l.bio(i, f), m.get(l.bio(i + 1, f)));
            }
        }
        for (int f = 0; f < BIO_FIELDS; f++) {
            m.set(l.bio(n - 1, f), 0);
        }
    }

    /**
     * Ghost: the I/O context {@code tid} took a read of {@code pfn} off the queue; the page lock its
     * submitter took is the I/O's now (its completion sets {@code PG_uptodate} and unlocks the page).
     */
    public void readLockHandedTo(int pfn, int tid) {
        m.ghostBegin();
        m.set(l.page(pfn, org.mmspec.ref.state.Layout.PG_LOCKER), tid + 1);
        m.ghostEnd();
    }

    /** Whether a queued request carries page {@code pfn} (deadlock reports; no step uses it). */
    public boolean queued(int pfn) {
        int n = length();
        for (int i = 0; i < n; i++) {
            if (m.get(l.bio(i, BIO_PFN)) == pfn + 1) {
                return true;
            }
        }
        return false;
    }

    /** The completion context queues itself to sleep for want of requests ({@code tid}: its thread). Context: the queue lock. */
    public void waitForWork(int tid) {
        m.set(G_IO_IDLE, tid + 1);
    }

    /** The thread of the completion context if it sleeps for want of requests, else -1. */
    public int idleCompletion() {
        return m.get(G_IO_IDLE) - 1;
    }
}
