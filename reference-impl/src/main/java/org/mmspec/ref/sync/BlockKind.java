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
    /** A free block request ({@code get_request()}); a = the page to submit. */
    REQUEST_QUEUE,
    /**
     * A CPU to take an IPI ({@code smp_call_function_many} with wait: the TLB-flush IPI, the shootdown
     * before page tables are freed); a = that CPU, which runs with interrupts disabled.
     */
    IPI,
    /** An empty pipe buffer ({@code pipe_wait}); a = the buffer. */
    PIPE_EMPTY,
    /** swapoff waiting for the device's {@code get_swap_device()} holders; a = how many. */
    SWAP_USERS
}
