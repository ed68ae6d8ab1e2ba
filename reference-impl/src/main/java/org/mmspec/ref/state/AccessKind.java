package org.mmspec.ref.state;

/**
 * What kind of access kernel code made to a word of the state vector, as the atomicity audit sees it
 * (docs/model.md, "Atomicity"). The kind is told by the code that makes the access — a lock primitive
 * says it acquires, a page-flag helper says it is an atomic bit operation — never guessed from values.
 *
 * <p>The audit turns each access into a mover (Lipton): acquisitions are right movers, releases left
 * movers, accesses the discipline of their region protects are both-movers, and atomic or racy accesses
 * to shared state are non-movers.
 */
public enum AccessKind {
    /** A plain load ({@code READ_ONCE}, {@code test_bit}, a field read). */
    READ("read"),
    /** A plain store. */
    WRITE("write"),
    /**
     * A non-atomic read-modify-write of a whole word that changes some bits ({@code __SetPageX},
     * {@code __ClearPageX}): it clobbers concurrent atomic changes of the other bits, so it is legal only
     * on a word nobody else can reach.
     */
    NONATOMIC_BITOP("non-atomic bitop"),
    /** {@code atomic_read}, {@code page_count}. */
    ATOMIC_READ("atomic read"),
    /** An atomic read-modify-write: {@code atomic_inc}, {@code set_bit}, {@code test_and_clear_bit}, {@code cmpxchg}. */
    ATOMIC_RMW("atomic RMW"),
    /** {@code spin_lock} (may spin: a blocking acquisition). */
    SPIN_LOCK("spin_lock"),
    /** {@code spin_trylock} that took the lock. */
    SPIN_TRYLOCK("spin_trylock"),
    /** {@code spin_trylock} that found the lock held. */
    SPIN_TRYLOCK_FAILED("failed spin_trylock"),
    /** {@code spin_unlock}. */
    SPIN_UNLOCK("spin_unlock"),
    /** {@code down_read} (may sleep: a blocking acquisition). */
    DOWN_READ("down_read"),
    /** {@code down_write} (may sleep: a blocking acquisition). */
    DOWN_WRITE("down_write"),
    /** {@code up_read}. */
    UP_READ("up_read"),
    /** {@code up_write}. */
    UP_WRITE("up_write"),
    /** {@code test_and_set_bit_lock} of {@code PG_locked} that took the lock ({@code trylock_page}). */
    BIT_LOCK("test_and_set_bit_lock"),
    /** {@code test_and_set_bit_lock} that found the bit set. */
    BIT_TRYLOCK_FAILED("failed test_and_set_bit_lock"),
    /**
     * {@code clear_bit_unlock_is_negative_byte}: releases {@code PG_locked} and reads {@code PG_waiters} in
     * one atomic instruction — a release that also observes, hence a non-mover.
     */
    BIT_UNLOCK_TEST("clear_bit_unlock_is_negative_byte"),
    /** {@code __SetPageLocked} on a page nobody else can see yet. */
    NEW_PAGE_LOCK("__SetPageLocked"),
    /** {@code __ClearPageLocked} on a page nobody else can reach any more. */
    NEW_PAGE_UNLOCK("__ClearPageLocked"),
    /** A lock the model holds only inside one step (not in the state): taken. */
    SCOPED_LOCK("spin_lock"),
    /** A lock the model holds only inside one step: released. */
    SCOPED_UNLOCK("spin_unlock");

    private final String kernelName;

    AccessKind(String kernelName) {
        this.kernelName = kernelName;
    }

    /** How the kernel spells the operation, for reports. */
    public String kernelName() {
        return kernelName;
    }

    /** Whether the access writes (changes or may change) the word. */
    public boolean writes() {
        return this != READ && this != ATOMIC_READ && this != SPIN_TRYLOCK_FAILED && this != BIT_TRYLOCK_FAILED;
    }

    /** A lock acquisition that succeeded. */
    public boolean acquires() {
        return this == SPIN_LOCK || this == SPIN_TRYLOCK || this == DOWN_READ || this == DOWN_WRITE || this == BIT_LOCK
                || this == NEW_PAGE_LOCK || this == SCOPED_LOCK;
    }

    /** A lock release ({@link #BIT_UNLOCK_TEST} included). */
    public boolean releases() {
        return this == SPIN_UNLOCK || this == UP_READ || this == UP_WRITE || this == BIT_UNLOCK_TEST
                || this == NEW_PAGE_UNLOCK || this == SCOPED_UNLOCK;
    }

    /** An acquisition that may wait for the lock (spin or sleep), which must start its step. */
    public boolean blocking() {
        return this == SPIN_LOCK || this == DOWN_READ || this == DOWN_WRITE;
    }

    /** Any lock operation, successful or not. */
    public boolean isLockOp() {
        return acquires() || releases() || this == SPIN_TRYLOCK_FAILED || this == BIT_TRYLOCK_FAILED;
    }
}
