package org.mmspec.ref.state;

/**
 * Receives the accesses kernel code makes through {@link Mem} while an audit is attached (audit mode).
 * Outside audit mode {@link Mem} has no sink and records nothing.
 */
public interface AccessSink {

    /**
     * One access to word {@code word}; {@code mask} names the bits it touches ({@code -1}: the whole word,
     * as for any non-bit access).
     */
    void access(int word, int mask, AccessKind kind);

    /** A lock held only inside the step ({@link ScopedLock}) is taken ({@code acquire}) or released. */
    void scoped(ScopedLock lock, int obj, boolean acquire);

    /**
     * Entering ({@code enter}) or leaving ghost code: bookkeeping the kernel does not have (invariant
     * ghosts, model sanity checks). Its accesses are not kernel accesses and are not audited.
     */
    void ghost(boolean enter);

    /**
     * Entering ({@code enter}) or leaving one logical access that the model spells as several word
     * accesses (the MMU's walk and access through the translation, one list lookup): the accesses inside
     * count as one, a non-mover if any of them is.
     */
    void compound(boolean enter);

    /**
     * A blocking acquisition of the lock at {@code word} is about to be attempted (whether or not it will
     * have to wait). It must be the first action of its step.
     */
    void blockingAttempt(int word, AccessKind kind);

    /**
     * Entering ({@code enter}) or leaving an interrupt handler that runs on {@code cpu} (an IPI's): its
     * accesses are that CPU's, and count as one access, a non-mover if any of them is not a both-mover.
     */
    void interrupt(int cpu, boolean enter);
}
