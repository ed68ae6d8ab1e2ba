package org.mmspec.checker.explore;

/** One run of one strategy. */
interface Search {

    /** Searches until a violation, the end of the state space (or of its bound), or a budget. */
    SearchOutcome run();

    /** States admitted to the store. */
    long distinctStates();

    /** Bytes of the store's arrays. */
    long storeBytes();

    /** Gives back the memory and files of the store and frontier (after the figures above were read). */
    void release();
}
