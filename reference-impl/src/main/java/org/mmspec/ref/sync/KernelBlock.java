package org.mmspec.ref.sync;

import org.mmspec.spec.semantics.BlockReason;

/** Why a kernel thread cannot move, in kernel vocabulary. */
public sealed interface KernelBlock extends BlockReason {

    /**
     * Waits for {@code mm->mmap_sem}; {@code ahead} names the waiters queued before it (writer preference:
     * a reader waits behind a waiting writer even when only readers hold the lock), empty if none.
     */
    record OnMmapSem(int mm, boolean write, String holders, String ahead) implements KernelBlock {
        public String describe() {
            return "waits for mmap_sem of mm" + mm + " (" + (write ? "write" : "read") + "; held by " + holders
                    + queuedBehind(ahead) + ")";
        }
    }

    /** Spins on the split PTE lock of a page-table page. */
    record OnPtl(int mm, int table, String holder) implements KernelBlock {
        public String describe() {
            return "spins on the PTE lock of table " + table + " of mm" + mm + " (held by " + holder + ")";
        }
    }

    /** Spins on the page wait-queue head's lock. */
    record OnWaitQueueLock(String holder) implements KernelBlock {
        public String describe() {
            return "spins on the page wait-queue lock (held by " + holder + ")";
        }
    }

    /** Sleeps on {@code PG_locked} of a page. */
    record OnPageLock(int pfn, String holder) implements KernelBlock {
        public String describe() {
            return "sleeps on PG_locked of pfn " + pfn + " (held by " + holder + ")";
        }
    }

    /**
     * Sleeps on {@code PG_writeback} of a page; {@code ender} says who will end the write-back: the task
     * that set it and has not submitted the I/O yet, the request in flight, or nobody.
     */
    record OnPageWriteback(int pfn, String ender) implements KernelBlock {
        public String describe() {
            return "sleeps on PG_writeback of pfn " + pfn + " (" + ender + ")";
        }
    }

    /**
     * Waits for block requests: a free one ({@code get_request()}) to submit I/O for a page, or
     * ({@code pfn} -1) the writes in flight to complete ({@code congestion_wait()}).
     */
    record OnRequestQueue(int pfn) implements KernelBlock {
        public String describe() {
            return pfn < 0 ? "waits in congestion_wait() for the writes in flight to complete"
                    : "waits for a free block request to submit pfn " + pfn + " (every request is in flight)";
        }
    }

    /** swapoff waits for the swap device's {@code get_swap_device()} references to go. */
    record OnSwapUsers(int users) implements KernelBlock {
        public String describe() {
            return "waits in swapoff for " + users + " get_swap_device() reference" + (users == 1 ? "" : "s")
                    + " to be dropped";
        }
    }

    /** Waits in {@code pipe_wait()} for a pipe buffer to be filled. */
    record OnPipe(int buffer) implements KernelBlock {
        public String describe() {
            return "waits in pipe_wait() for pipe buffer " + buffer + " to be filled";
        }
    }


    /** Waits for an {@code anon_vma}'s rwsem ({@code ahead}: the waiters queued before it). */
    record OnAnonVma(int anonVma, boolean write, String holders, String ahead) implements KernelBlock {
        public String describe() {
            return "waits for anon_vma" + anonVma + "->rwsem (" + (write ? "write" : "read") + "; held by " + holders
                    + queuedBehind(ahead) + ")";
        }
    }

    /** Waits for a file's {@code i_mmap_rwsem} ({@code ahead}: the waiters queued before it). */
    record OnIMmap(int file, boolean write, String holders, String ahead) implements KernelBlock {
        public String describe() {
            return "waits for i_mmap_rwsem of file" + file + " (" + (write ? "write" : "read") + "; held by " + holders
                    + queuedBehind(ahead) + ")";
        }
    }

    /** A TLB flush waits for a CPU with interrupts disabled to take its IPI ({@code smp_call_function_many}). */
    record OnIpi(int cpu, String holder) implements KernelBlock {
        public String describe() {
            return "waits for cpu" + cpu + " to take the TLB-flush IPI (interrupts disabled by " + holder + ")";
        }
    }

    /** kswapd asleep on {@code pgdat->kswapd_wait}. */
    record OnKswapdWait(int zone) implements KernelBlock {
        public String describe() {
            return "kswapd sleeps on kswapd_wait (zone " + zone + ")";
        }
    }

    private static String queuedBehind(String ahead) {
        return ahead.isEmpty() ? "" : "; queued behind " + ahead;
    }

    /** The step attempt recorded no reason (it should have: a model error to report). */
    record Unexplained() implements KernelBlock {
        public String describe() {
            return "cannot move, and its step recorded no reason";
        }
    }
}
