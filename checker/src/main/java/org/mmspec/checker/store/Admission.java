package org.mmspec.checker.store;

/** What offering a fingerprint to a store did. */
public enum Admission {
    /** The fingerprint was new and is now stored. */
    NEW,
    /** The fingerprint was already stored (the state was seen before, or a fingerprint collision). */
    SEEN,
    /** The fingerprint was new but the store is at its limit; it was not stored. */
    FULL
}
