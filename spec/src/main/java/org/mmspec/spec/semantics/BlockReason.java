package org.mmspec.spec.semantics;

/**
 * Why a thread cannot move: what it waits for. Implementations are small records named after the
 * object waited on ({@code OnPageLock(pfn)}, {@code OnPtl(table)}, {@code OnMmapSem(mm, mode)}).
 */
public interface BlockReason {

    /** One line in kernel vocabulary, e.g. {@code "sleeps on PG_locked of pfn 3 (held by T0)"}. */
    String describe();
}
