package org.mmspec.spec.types;

/**
 * How a global is protected: the vocabulary of the atomicity audit, shared with the reference
 * implementation's regions (docs/model.md, "Atomicity"; docs/language.md, "Disciplines"). Each kind
 * names the annotation that declares it.
 */
public enum Discipline {
    /** No annotation: unprotected shared state, every access a non-mover. */
    UNDECLARED("unprotected shared", null),
    /** {@code guarded_by(G, ...)}: accesses holding a guard are both-movers; others break it (reads, with {@code racy_reads}, are non-movers). */
    LOCK_PROTECTED("lock-protected", "guarded_by"),
    /** {@code atomic}: atomic reads and read-modify-writes are non-movers; a plain write breaks it. */
    ATOMIC_ONLY("atomic-only", "atomic"),
    /** {@code counter}: a compound add or subtract is a both-mover, a read a non-mover, a plain store breaks it. */
    COUNTER("counter", "counter"),
    /** {@code thread_local}: element [t] belongs to thread t (both-mover); another thread's access breaks it. */
    THREAD_LOCAL("thread-local", "thread_local"),
    /** {@code cpu_local}: element [t] is cpu t's (both-mover); other cpus may read it racily, never write. */
    CPU_LOCAL("cpu-local", "cpu_local"),
    /** {@code racy}: shared data accessed without a lock by design: every access a non-mover. */
    RACY("racy", "racy"),
    /** {@code immutable}: set by the initialisation only; reads are both-movers, a write breaks it. */
    IMMUTABLE("immutable", "immutable"),
    /** {@code ghost}: invariant bookkeeping the kernel does not have; exempt. */
    GHOST("ghost", "ghost"),
    /** {@code bit_lock(owner)} on members of a set: a lock bit, taken by {@code test_and_set_bit}. */
    BIT_LOCK("lock", "bit_lock"),
    /** A lock declaration ({@code mutex}, {@code spinlock_t}, {@code rwsem}): only lock operations. */
    LOCK("lock", null);

    private final String word;
    private final String annotation;

    Discipline(String word, String annotation) {
        this.word = word;
        this.annotation = annotation;
    }

    /** The vocabulary word (docs, reports). */
    public String word() {
        return word;
    }

    /** The annotation that declares it, or null. */
    public String annotation() {
        return annotation;
    }

    /** Whether accesses are audited at all. */
    public boolean audited() {
        return this != GHOST;
    }
}
