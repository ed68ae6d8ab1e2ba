package org.mmspec.ref.audit;

/**
 * How a state region is protected: the vocabulary the atomicity audit checks accesses against, shared
 * with the spec language's {@code guarded_by} annotations (docs/model.md, "Atomicity").
 */
public enum Discipline {
    /**
     * Lock-protected: accesses by a thread holding the region's lock are both-movers; a write without it
     * breaks the discipline; a read without it is a non-mover where the region allows racy reads, else a
     * breach.
     */
    LOCK_PROTECTED("lock-protected"),
    /**
     * Atomic-only: atomic read-modify-writes and reads are non-movers; a plain write (or a non-atomic
     * bit operation) is allowed only while the object is private to the thread (an unpublished page).
     */
    ATOMIC_ONLY("atomic-only"),
    /**
     * A statistics counter updated with commutative atomic or per-cpu adds: an add is a both-mover (adds
     * commute with adds), a read a non-mover, a plain store a breach.
     */
    COUNTER("counter"),
    /** The running thread's own words: both-movers; another thread's access is a breach. */
    THREAD_LOCAL("thread-local"),
    /** The current CPU's per-cpu words: both-movers; another CPU may read racily (a non-mover) but not write. */
    CPU_LOCAL("cpu-local"),
    /** Shared data the kernel accesses without a lock by design (user memory, I/O): every access a non-mover. */
    RACY("racy"),
    /** A lock word: only lock operations; a plain read is a racy peek at the lock (a non-mover). */
    LOCK("lock"),
    /** Set when the object is created (by setup or while private) and never changed: reads are both-movers. */
    IMMUTABLE("immutable"),
    /** Only sequential API calls touch it; no step of any scenario may. */
    SEQUENTIAL("sequential-only"),
    /** Invariant bookkeeping the kernel does not have: exempt. */
    GHOST("ghost"),
    /** The model's own bookkeeping (the BUG slot, the audit's report): exempt. */
    MODEL("model");

    private final String word;

    Discipline(String word) {
        this.word = word;
    }

    /** The word used in docs and spec annotations. */
    public String word() {
        return word;
    }

    /** Whether accesses to such words are audited at all. */
    public boolean audited() {
        return this != GHOST && this != MODEL;
    }
}
