package org.mmspec.ref.sync;

/** What a blocked step waited for; recorded as plain ints on the hot path, turned into a reason on demand. */
public enum BlockKind {
    NONE,
    MMAP_SEM_READ,
    MMAP_SEM_WRITE,
    PTL,
    ANON_VMA_READ,
    ANON_VMA_WRITE,
    I_MMAP_READ,
    I_MMAP_WRITE,
    WAIT_QUEUE_LOCK,
    IPI
}
