package org.mmspec.checker.store;

/** What reserving a level's parent links did ({@link SharedStore#reserveLinks}). */
public enum LinkReservation {
    /** The states are numbered; their links are to be written at their ids ({@link SharedStore#setLink}). */
    RESERVED,
    /** Nothing was numbered: the links are to be appended in id order ({@link SharedStore#addLink}). */
    APPEND_IN_ORDER,
    /** Memory for the links could not be had (some may have been numbered): the search must stop. */
    NO_MEMORY
}
