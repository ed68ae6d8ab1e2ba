package org.mmspec.checker.store;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How the workers of a {@link SharedTable} double it in the middle of a level, with no lock on the offers'
 * path: the first worker to see that the table wants to grow allocates the larger table ({@link #prepare})
 * while the others go on offering (an allocation zeroes, and so touches, every page: with the others
 * waiting, a core stood idle meanwhile); then the table's growth flag is raised, and every worker that is
 * offering ({@link #enter}ed and not yet {@link #leave}n) stops at its next offer ({@link #rendezvous}); the
 * last to arrive takes the larger table (or allocates it, when the table passed seven eighths before it
 * was allocated ahead), then all that arrived move the old table's fingerprints into it together, claiming ranges of slots
 * and inserting with a compare-and-exchange, and the last to finish puts it in the old one's place while the
 * others wait for it. A worker that leaves the phase no longer counts, so that when the others have all
 * arrived the one leaving starts the growth (for them to carry out): nobody waits for a worker that will
 * not come. A worker that enters while a growth runs waits for its end.
 *
 * <p>All of the bookkeeping is under one monitor, taken only by a growth, and by each worker once per phase.
 */
final class TableGrowth {

    /** Slots of the old table a worker claims at a time while a growth moves them. */
    private static final long RANGE = 1 << 14;

    private final SharedTable table;
    private final AtomicLong cursor = new AtomicLong();
    private int active;
    private int arrived;
    private long generation;
    /** The larger table while a growth fills it, else null. */
    private LongArray next;
    private int migrating;
    private long migrated;
    /** Taken by the worker that allocates the larger table ahead ({@link #prepare}). */
    private final AtomicBoolean claimed = new AtomicBoolean();
    /** The table so allocated (null when it could not be had), once {@link #preparedDone}. */
    private LongArray prepared;
    private boolean preparedDone;
    private int preparedCount;

    TableGrowth(SharedTable table) {
        this.table = table;
    }

    /**
     * A worker starts offering; it waits while a growth it did not take part in runs, and while the next one
     * does: the workers that go on offering may start another before this one gets the monitor back, and a
     * worker counted in after the count was taken would offer into the old table, then wait at a rendezvous
     * the others have left (its count stale, the next growth would wait for it forever).
     */
    synchronized void enter() {
        while (next != null) {
            awaitGrowth(generation);
        }
        active++;
    }

    /** A worker stops offering for this phase (always, even when it fails): it no longer holds up a growth. */
    synchronized void leave(SharedTable.Writer writer) {
        table.flush(writer);
        active--;
        if (table.growPending() && next == null && active > 0 && arrived == active) {
            startGrowth();                    // the workers waiting move the fingerprints
        }
    }

    /**
     * The table wants to grow: the first worker to call this allocates the larger table, with no lock held
     * while the others go on offering, then raises the growth flag; the others return at once.
     */
    void prepare() {
        if (claimed.get() || !claimed.compareAndSet(false, true)) {
            return;
        }
        LongArray a = table.larger();
        synchronized (this) {
            prepared = a;
            preparedDone = true;
            table.requestGrowth();
        }
    }

    /** For tests: the larger table's allocation is taken, as by a worker that has not finished it. */
    void claimPreparation() {
        claimed.set(true);
    }

    /** Growths into a table allocated ahead. */
    synchronized int prepared() {
        return preparedCount;
    }

    /**
     * Waits for every worker to stop, takes part in the growth, and returns once the larger table is in
     * place; false when it could not be had (or when interrupted before the growth started).
     */
    boolean rendezvous(SharedTable.Writer writer) {
        LongArray from;
        LongArray to;
        long seen;
        synchronized (this) {
            table.flush(writer);
            if (!table.growPending()) {
                return true;
            }
            seen = generation;
            if (++arrived >= active) {        // also a caller that did not enter (one thread, tests)
                startGrowth();
            }
            if (!await(seen)) {
                arrived--;                    // interrupted before a growth counted this worker in
                return false;
            }
            if (next == null) {
                return false;                 // no memory for it
            }
            from = table.slots();
            to = next;
            seen = generation;
        }
        long moved = migrate(from, to);
        synchronized (this) {
            migrated += moved;
            if (--migrating == 0) {
                table.replace(next, migrated);
                next = null;
                claimed.set(false);
                generation++;
                notifyAll();
            }
            awaitGrowth(seen);
            return true;
        }
    }

    /**
     * The last worker arrived: takes the larger table allocated ahead, else allocates it, for those that
     * arrived to fill (holding the monitor; a worker allocating ahead has not arrived).
     */
    private void startGrowth() {
        if (preparedDone) {
            next = prepared;
            preparedCount++;
        } else {
            next = table.larger();
        }
        prepared = null;
        preparedDone = false;
        migrating = arrived;
        migrated = 0;
        cursor.set(0);
        arrived = 0;
        generation++;
        notifyAll();
    }

    /** Moves ranges of slots of {@code from} claimed from the cursor into {@code to}; how many fingerprints. */
    private long migrate(LongArray from, LongArray to) {
        long old = from.length() / 2;
        long mask = to.length() / 2 - 1;
        long n = 0;
        for (long start = cursor.getAndAdd(RANGE); start < old; start = cursor.getAndAdd(RANGE)) {
            for (long j = start, end = Math.min(old, start + RANGE); j < end; j++) {
                long fp = from.get(2 * j);
                if (fp != 0) {
                    long i = SharedTable.home(fp, mask);
                    while (to.compareAndExchange(2 * i, 0, fp) != 0) {
                        i = (i + 1) & mask;
                    }
                    to.set(2 * i + 1, from.get(2 * j + 1));
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Waits (holding the monitor) until the generation moves on from {@code seen}; false when interrupted
     * before it did (a growth started meanwhile counts this worker in: it must take part).
     */
    private boolean await(long seen) {
        while (generation == seen) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return generation != seen;
            }
        }
        return true;
    }

    /**
     * Waits (holding the monitor) until the growth under way at generation {@code seen} has replaced the
     * table, even when interrupted: the old table is given back, nobody may probe it.
     */
    private void awaitGrowth(long seen) {
        boolean interrupted = Thread.interrupted();
        while (generation == seen) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
