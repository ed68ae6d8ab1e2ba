package org.mmspec.checker.scenario;

import org.mmspec.ref.Kernel;
import org.mmspec.ref.Outcome;
import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.fault.FilemapFault;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.io.IoCompletion;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.reclaim.ShrinkActiveList;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.vma.VmFlags;

/** Building blocks for scenario setups: sequential kernel calls that must succeed ({@link SetupFailure} if not). */
final class Setups {

    static final int PAGE = 4096;

    private Setups() {
    }

    /** A private anonymous read-write mapping of {@code pages} pages in {@code mm}; returns its address. */
    static int anon(Kernel k, int mm, int pages) {
        return check(k.mmap().doMmapPgoff(mm, -1, 0, pages * PAGE, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
                VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS, 0), "mmap anon");
    }

    /** A shared anonymous (shmem) read-write mapping; returns its address. */
    static int sharedAnon(Kernel k, int mm, int pages) {
        return check(k.mmap().doMmapPgoff(mm, -1, 0, pages * PAGE, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
                VmFlags.MAP_SHARED | VmFlags.MAP_ANONYMOUS, 0), "mmap shared anon");
    }

    /** A file with the given page contents. */
    static int file(Kernel k, FileKind kind, int... contents) {
        return k.pageCache().createFile(kind, contents);
    }

    /**
     * Page {@code index} of {@code file} read into the page cache ({@code filemap_fault()}'s lookup and
     * read, then unlocked and released): the file is cached when the scenario starts.
     */
    static void cacheFilePage(Kernel k, int file, int index) {
        int page = check(k.run(FilemapFault.class, file, index), "filemap_fault");
        check(k.run(UnlockPage.class, page), "unlock_page");
        k.lru().putPage(page);
    }

    /** A mapping of {@code file} from page 0. */
    static int mapFile(Kernel k, int mm, int file, int pages, int prot, int flags) {
        return check(k.mmap().doMmapPgoff(mm, file, 0, pages * PAGE, prot, flags, 0), "mmap file");
    }

    /** A user store of {@code value} at {@code addr}. */
    static void write(Kernel k, int mm, int addr, int value) {
        check(k.run(UserAccess.class, mm, addr, 1, value), "store");
    }

    /** A user load at {@code addr}. */
    static int read(Kernel k, int mm, int addr) {
        return check(k.run(UserAccess.class, mm, addr, 0, 0), "load");
    }

    /** The pfn mapped at {@code addr}. */
    static int pfnAt(Kernel k, int mm, int addr) {
        int pte = k.pageTables().pteValue(mm, addr);
        if (!Pte.ptePresent(pte)) {
            throw new SetupFailure("nothing is mapped at 0x" + Integer.toHexString(addr));
        }
        return Pte.ptePfn(pte);
    }

    /** A kernel page the setup keeps (one reference). */
    static int kernelPage(Kernel k) {
        return check(k.run(AllocPages.class, Gfp.GFP_KERNEL, 0), "alloc_pages");
    }

    /** {@code shrink_active_list} once: the page at the tail of the active list moves to the inactive one. */
    static void deactivate(Kernel k, boolean anon) {
        check(k.run(ShrinkActiveList.class, 0, anon ? 1 : 0), "shrink_active_list");
    }

    /** {@code mark_page_accessed()} twice: the page moves to the active list. */
    static void activate(Kernel k, int pfn) {
        k.lru().markPageAccessed(pfn);
        k.lru().markPageAccessed(pfn);
    }

    /**
     * The anonymous page at {@code addr} swapped out and freed: deactivated, written to swap by one reclaim
     * pass and freed by the next (the I/O completes between the sequential calls).
     */
    static void swapOut(Kernel k, int mm, int addr) {
        deactivate(k, true);
        check(k.run(ShrinkZone.class, 0, 1), "shrink_zone (write to swap)");
        check(k.run(ShrinkZone.class, 0, 1), "shrink_zone (free)");
        if (!Pte.isSwapPte(k.pageTables().pteValue(mm, addr))) {
            throw new IllegalStateException("setup: the page at 0x" + Integer.toHexString(addr) + " was not swapped out");
        }
    }

    /** The I/O completion context: the block device completing requests, a thread of its own. */
    static ThreadSpec io() {
        return ThreadSpec.of("io", IoCompletion.class, 0);
    }

    static int check(int result, String what) {
        if (result < 0) {
            throw new SetupFailure(what + " failed with error " + result);
        }
        return result;
    }

    static int check(Outcome outcome, String what) {
        if (!(outcome instanceof Outcome.Returned r) || r.value() < 0) {
            throw new SetupFailure(what + " did not succeed: " + outcome);
        }
        return r.value();
    }
}
