package org.mmspec.checker.scenario.build;

import static org.mmspec.checker.scenario.build.ArgType.ADDR;
import static org.mmspec.checker.scenario.build.ArgType.BOOL;
import static org.mmspec.checker.scenario.build.ArgType.FILE;
import static org.mmspec.checker.scenario.build.ArgType.INT;
import static org.mmspec.checker.scenario.build.ArgType.LEN;
import static org.mmspec.checker.scenario.build.ArgType.MM;
import static org.mmspec.checker.scenario.build.ArgType.NONE;
import static org.mmspec.checker.scenario.build.ArgType.PFN;
import static org.mmspec.checker.scenario.build.Param.optional;
import static org.mmspec.checker.scenario.build.Param.required;

import java.util.List;
import java.util.Optional;
import org.mmspec.checker.scenario.SetupFailure;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.Outcome;
import org.mmspec.ref.alloc.FreePages;
import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.fault.FilemapFault;
import org.mmspec.ref.io.DirectIo;
import org.mmspec.ref.io.FilemapWriteAndWait;
import org.mmspec.ref.io.IoCompletion;
import org.mmspec.ref.io.PipeRead;
import org.mmspec.ref.io.Vmsplice;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.CompoundUser;
import org.mmspec.ref.reclaim.ShrinkActiveList;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.swapfile.Swapoff;
import org.mmspec.ref.swapfile.Swapon;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.unmap.MadviseFree;
import org.mmspec.ref.unmap.TruncateRange;

/**
 * The operations of references that outlive their locks (issue 10): GUP references kept after
 * {@code mmap_sem} is dropped (pipe buffers, direct I/O), I/O completing in a context of its own,
 * {@code fsync} and truncation waiting for write-back, {@code MADV_FREE}, the swap device's lifecycle,
 * compound pages; and the set-up actions their scenarios need. {@link Operations} lists them after the
 * others; {@code docs/scenarios.md} is the reference.
 */
final class ReferenceOperations {

    private ReferenceOperations() {
    }

    /** The kernel procedures. */
    static List<Operation> procedures() {
        return List.of(
                proc("io_completion", NONE, "the block device's completion context (bio_endio(): end_page_writeback(),"
                        + " read completion, direct-I/O completion); with drain, it returns once the queue is empty",
                        IoCompletion.class, a -> a, optional("drain", BOOL, 0, "return when no request is queued")),
                proc("direct_io", INT, "an asynchronous O_DIRECT read (into the user page) or write of one file page:"
                        + " write-back, get_user_pages_fast(), submit_bio(); completes in io_completion",
                        DirectIo.class, a -> new int[] {a[0], a[1], Bios.fileBlock(a[2], a[3]),
                            (a[4] != 0 ? DirectIo.WRITE : 0) | (a[5] != 0 ? DirectIo.PIN : 0)},
                        required("mm", MM, "the address space of the user buffer"),
                        required("addr", ADDR, "the user buffer"), required("file", FILE, "the file"),
                        optional("index", INT, 0, "the file page"),
                        optional("write", BOOL, 0, "a write (true) or a read"),
                        optional("pin", BOOL, 0, "FOLL_PIN (true, 6.x) or FOLL_GET (4.x-5.x)")),
                proc("vmsplice", INT, "vmsplice() of one user page into a pipe buffer (get_user_pages_fast(), FOLL_GET);"
                        + " the buffer keeps the reference", Vmsplice.class, a -> a,
                        required("mm", MM, "the address space"), required("addr", ADDR, "the user page"),
                        optional("buffer", INT, 0, "the pipe buffer (0 or 1)")),
                proc("pipe_read", INT, "read() of a pipe buffer filled by vmsplice(): the page's contents, then"
                        + " put_page()", PipeRead.class, a -> a, optional("buffer", INT, 0, "the pipe buffer")),
                proc("fsync", NONE, "filemap_write_and_wait_range() of one file page: write-back, wait_on_page_writeback()",
                        FilemapWriteAndWait.class, a -> a, required("file", FILE, "the file"),
                        optional("index", INT, 0, "the file page")),
                proc("truncate_inode_pages_range", NONE, "truncate_inode_pages_range(): drop the file pages [first, last)"
                        + " from the page cache, waiting for their write-back", TruncateRange.class, a -> a,
                        required("file", FILE, "the file"), required("first", INT, "the first page"),
                        required("last", INT, "the page after the last")),
                proc("madvise_free", NONE, "madvise(MADV_FREE) (4.12): clean and age the range's PTEs, lazy-free the pages",
                        MadviseFree.class, a -> a, required("mm", MM, "the address space"),
                        required("start", ADDR, "the first address"), required("len", LEN, "the length in bytes")),
                proc("swapoff", NONE, "swapoff(): try_to_unuse() brings every swapped-out page back, then the device is"
                        + " torn down once no get_swap_device() holder is left", Swapoff.class, a -> a),
                proc("swapon", NONE, "swapon(): enable the swap device (again)", Swapon.class, a -> a,
                        optional("synchronous", BOOL, 0, "a SWP_SYNCHRONOUS_IO device (zram, pmem)")),
                proc("free_pages", NONE, "__free_pages(): drop the caller's reference to a block of 2^order pages",
                        FreePages.class, a -> a, required("pfn", PFN, "the block (its head page)"),
                        optional("order", INT, 0, "log2 of the number of pages")),
                proc("compound_user", INT, "a user of one page of a compound page: get_page(), page_count(), put_page()"
                        + " twice (through compound_head())", CompoundUser.class, a -> a,
                        required("pfn", PFN, "the page (head or tail)")));
    }

    /** The set-up actions. */
    static List<Operation> actions() {
        return List.of(
                action("cache_file_page", PFN, "read a file page into the page cache (filemap_fault(), unlock_page(),"
                        + " put_page()): cached when the scenario starts", ReferenceOperations::cacheFilePage,
                        required("file", FILE, "the file"), optional("index", INT, 0, "the file page")),
                action("swap_out", NONE, "swap the anonymous page at an address out and free it (deactivate, reclaim"
                        + " writes it to swap, a second pass frees it)", ReferenceOperations::swapOut,
                        required("mm", MM, "the address space"), required("addr", ADDR, "the address")),
                action("get_page", NONE, "get_page(): one more reference (a tail page's is its head's)", (k, a) -> {
                    k.pages().refs().getPage(a.scalar(0));
                    return 0;
                }, required("pfn", PFN, "the page")));
    }

    private static int cacheFilePage(Kernel k, Operation.Args a) {
        int page = run(k, "filemap_fault", FilemapFault.class, a.scalar(0), a.scalar(1));
        run(k, "unlock_page", UnlockPage.class, page);
        k.lru().putPage(page);
        return page;
    }

    private static int swapOut(Kernel k, Operation.Args a) {
        run(k, "shrink_active_list", ShrinkActiveList.class, 0, 1);
        run(k, "shrink_zone (write to swap)", ShrinkZone.class, 0, 1);
        run(k, "shrink_zone (free)", ShrinkZone.class, 0, 1);
        if (!Pte.isSwapPte(k.pageTables().pteValue(a.scalar(0), a.scalar(1)))) {
            throw new SetupFailure("swap_out: the page at 0x" + Integer.toHexString(a.scalar(1))
                    + " was not swapped out (is it anonymous, mapped once and not locked?)");
        }
        return 0;
    }

    private static int run(Kernel k, String what, Class<? extends Procedure> p, int... args) {
        int[] a = java.util.Arrays.copyOf(args, 4);
        Outcome o = k.run(p, a[0], a[1], a[2], a[3]);
        if (o instanceof Outcome.Returned r && r.value() >= 0) {
            return r.value();
        }
        throw new SetupFailure(what + " did not succeed: " + o);
    }

    private static Operation proc(String name, ArgType result, String summary, Class<? extends Procedure> p,
            Operation.Locals locals, Param... params) {
        return new Operation(name, List.of(params), result, summary, Optional.of(p), locals, null);
    }

    private static Operation action(String name, ArgType result, String summary, Operation.Action action,
            Param... params) {
        return new Operation(name, List.of(params), result, summary, Optional.empty(), null, action);
    }
}
