package org.mmspec.checker.fidelity.scenario;

/**
 * One operation of a scenario, performed by one process (see {@link Step#process()}). The {@code toString}
 * of every operation is its scenario syntax.
 */
public sealed interface Op {

    /** {@code mmap <region> <pages> anon|file <f> [offset <n>] private|shared <prot>} at the region's fixed address. */
    record Mmap(Region region) implements Op {
        @Override
        public String toString() {
            return "mmap " + region.name() + " " + region.pages() + " " + region.backing() + " "
                    + region.sharing().token() + " " + region.prot().token();
        }
    }

    /**
     * {@code read <region> <page>} or {@code write <region> <page>}: a user access to the first byte of
     * the page, as {@code do_page_fault} sees it when the page is not mapped or not writable. A write
     * stores {@code value}, a byte no other write of the scenario stores; a read returns the byte there.
     *
     * @param write whether it is a store
     * @param region the region's name
     * @param page page index within the region
     * @param value the byte a write stores ({@code a}, {@code b}, … in scenario order); 0 for reads
     */
    record Touch(boolean write, String region, int page, int value) implements Op {
        @Override
        public String toString() {
            return (write ? "write " : "read ") + region + " " + page;
        }
    }

    /** {@code fork <child>}: the process forks; the child is named {@code child}. */
    record Fork(String child) implements Op {
        @Override
        public String toString() {
            return "fork " + child;
        }
    }

    /** {@code munmap <region> [range]}. */
    record Munmap(String region, PageRange range) implements Op {
        @Override
        public String toString() {
            return "munmap " + region + " " + range;
        }
    }

    /** {@code mprotect <region> [range] <prot>}. */
    record Mprotect(String region, PageRange range, Prot prot) implements Op {
        @Override
        public String toString() {
            return "mprotect " + region + " " + range + " " + prot.token();
        }
    }

    /** {@code madvise <region> [range] dontneed|cold|pageout}. */
    record Madvise(String region, PageRange range, Advice advice) implements Op {
        @Override
        public String toString() {
            return "madvise " + region + " " + range + " " + advice.token();
        }
    }

    /**
     * {@code pwrite <file> <page>}: {@code pwrite()} of one byte, {@code value}, at the start of a file
     * page (the {@code write()} path: {@code generic_perform_write} into the page cache).
     */
    record FileWrite(String file, int page, int value) implements Op {
        @Override
        public String toString() {
            return "pwrite " + file + " " + page;
        }
    }

    /** {@code exit}: the process exits; its address space is torn down ({@code exit_mmap}). */
    record Exit() implements Op {
        @Override
        public String toString() {
            return "exit";
        }
    }

    /** {@code observe}: record the state of every page of every live process (see {@link ObservationPlan}). */
    record Observe() implements Op {
        @Override
        public String toString() {
            return "observe";
        }
    }
}
