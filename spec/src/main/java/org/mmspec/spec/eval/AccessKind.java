package org.mmspec.spec.eval;

/** What one access of a step does to a slot of global state (the atomicity audit). */
enum AccessKind {
    READ("read"),
    WRITE("write"),
    /** A compound assignment or atomic built-in that sets or adds. */
    RMW("read-modify-write"),
    /** A compound assignment or atomic built-in that clears members of a set. */
    RMW_CLEAR("read-modify-write clearing"),
    TEST_SET_OK("test_and_set_bit (taken)"),
    TEST_SET_FAILED("test_and_set_bit (found set)"),
    LOCK("acquisition"),
    TRYLOCK_FAILED("failed trylock"),
    UNLOCK("release"),
    /** A blocking wait ({@code await}): not an access of a slot. */
    AWAIT("await");

    private final String words;

    AccessKind(String words) {
        this.words = words;
    }

    String words() {
        return words;
    }

    boolean write() {
        return this != READ && this != AWAIT;
    }
}
