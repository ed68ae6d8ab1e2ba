package org.mmspec.invariants;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.Outcome;
import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.fork.Fork;
import org.mmspec.ref.gup.AccessRemoteVm;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.FileWrite;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.unmap.MadviseDontneed;
import org.mmspec.ref.unmap.MadviseRemove;
import org.mmspec.ref.unmap.Mprotect;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * A seeded stream of sequential kernel calls on {@link Config#defaults()}: mappings, user loads and
 * stores, fork, munmap/madvise/mprotect, reclaim, {@code write()}, page allocation, slab, vmalloc,
 * {@code /proc/pid/mem} accesses and page-lock critical sections. Calls are valid by construction (no
 * double frees); while the driver holds a page lock only calls that take no lock ordered before the page
 * lock run, as in the kernel. The same seed gives the same calls and states.
 */
final class RandomOperations {

    /** One call made: what it was and what it did. */
    record Step(String call, Outcome outcome) {
    }

    private static final int PAGE = 4096;
    private static final int[] PROTS = {VmFlags.PROT_READ, VmFlags.PROT_READ | VmFlags.PROT_WRITE, VmFlags.PROT_NONE,
            VmFlags.PROT_READ | VmFlags.PROT_EXEC};
    private static final int[] GFPS = {Gfp.GFP_KERNEL, Gfp.GFP_ATOMIC, Gfp.GFP_NOWAIT, Gfp.GFP_HIGHUSER_MOVABLE};
    private static final int[] KMALLOC_SIZES = {16, 100, 300, 2000, 5000};

    private final Kernel k;
    private final SplittableRandom rnd;
    private final List<Integer> mms = new ArrayList<>();
    private final List<int[]> blocks = new ArrayList<>();
    private final List<Integer> kmallocs = new ArrayList<>();
    private final List<int[]> objects = new ArrayList<>();
    private final List<Integer> caches = new ArrayList<>();
    private final List<Integer> vmallocs = new ArrayList<>();
    private final int rwFile;
    private final int roFile;
    private int value = 100;
    /** The page this driver holds locked (with a reference), or -1; {@code lockedBlock} when it is one of ours. */
    private int locked = -1;
    private boolean lockedBlock;

    RandomOperations(long seed) {
        this.k = Kernel.boot(Config.defaults());
        this.rnd = new SplittableRandom(seed);
        this.rwFile = k.pageCache().createFile(FileKind.REGULAR_RW, new int[] {10, 11, 12});
        this.roFile = k.pageCache().createFile(FileKind.REGULAR_RO, new int[] {20, 21});
        mms.add(k.mms().mmAlloc());
    }

    Kernel kernel() {
        return k;
    }

    boolean holdsPageLock() {
        return locked >= 0;
    }

    /** Makes one random call. */
    Step next() {
        value++;
        if (locked >= 0) {
            return underPageLock();
        }
        int r = rnd.nextInt(100);
        if (r < 10) {
            return mmap();
        } else if (r < 36) {
            return userAccess();
        } else if (r < 40) {
            return fork();
        } else if (r < 45) {
            return rangeOp(Munmap.class, "munmap");
        } else if (r < 50) {
            return rangeOp(MadviseDontneed.class, "madvise(MADV_DONTNEED)");
        } else if (r < 54) {
            return mprotect();
        } else if (r < 56) {
            return rangeOp(MadviseRemove.class, "madvise(MADV_REMOVE)");
        } else if (r < 62) {
            return shrink();
        } else if (r < 67) {
            return fileWrite();
        } else if (r < 73) {
            return pages();
        } else if (r < 78) {
            return kmalloc();
        } else if (r < 81) {
            return kmemCache();
        } else if (r < 84) {
            return vmalloc();
        } else if (r < 89) {
            return lockPage();
        } else if (r < 97) {
            return accessRemote();
        }
        return mmAlloc();
    }

    /** Releases the page lock if one is held (the end of a sequence). */
    Step finish() {
        return locked >= 0 ? unlockPage() : null;
    }

    private Step underPageLock() {
        return switch (rnd.nextInt(6)) {
            case 0 -> shrink();
            case 1 -> pages();
            case 2 -> kmalloc();
            case 3 -> fileWrite();
            default -> unlockPage();
        };
    }

    // ---- address spaces ----

    private int anyMm() {
        return mms.get(rnd.nextInt(mms.size()));
    }

    private Step mmAlloc() {
        if (mms.size() >= k.config().nrUserMms()) {
            return userAccess();
        }
        Outcome o = k.attempt(() -> k.mms().mmAlloc());
        if (o instanceof Outcome.Returned(int mm)) {
            mms.add(mm);
        }
        return new Step("mm_alloc()", o);
    }

    private Step mmap() {
        int mm = anyMm();
        int pages = 1 + rnd.nextInt(3);
        int prot = rnd.nextInt(5) == 0 ? VmFlags.PROT_READ : VmFlags.PROT_READ | VmFlags.PROT_WRITE;
        int kind = rnd.nextInt(10);
        int file;
        int flags;
        if (kind < 4) {
            file = -1;
            flags = VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS;
        } else if (kind < 5) {
            file = -1;
            flags = VmFlags.MAP_SHARED | VmFlags.MAP_ANONYMOUS;
        } else {
            file = rnd.nextBoolean() ? rwFile : roFile;
            flags = kind < 8 ? VmFlags.MAP_PRIVATE : VmFlags.MAP_SHARED;
        }
        int pgoff = file < 0 ? 0 : rnd.nextInt(2);
        String call = "mmap(mm" + mm + ", file " + file + ", " + pages + " pages, prot " + prot + ", flags " + flags
                + ", pgoff " + pgoff + ")";
        return new Step(call, k.attempt(() -> k.mmap().doMmapPgoff(mm, file, 0, pages * PAGE, prot, flags, pgoff)));
    }

    /** A page address in a VMA of {@code mm} (now and then anywhere in user space). */
    private int address(int mm) {
        Vmas v = k.vmas();
        int n = v.count(mm);
        if (n == 0 || rnd.nextInt(10) == 0) {
            return rnd.nextInt(k.geometry().taskSize / PAGE) * PAGE;
        }
        int vma = v.slot(mm, rnd.nextInt(n));
        int pages = (v.vmEnd(vma) - v.vmStart(vma)) / PAGE;
        return v.vmStart(vma) + rnd.nextInt(pages) * PAGE;
    }

    private Step userAccess() {
        int mm = anyMm();
        int addr = address(mm);
        boolean write = rnd.nextInt(10) < 6;
        int v = value;
        String call = (write ? "store " + v + " at" : "load from") + " mm" + mm + " " + Names.hex(addr);
        return run(call, UserAccess.class, mm, addr, write ? 1 : 0, v);
    }

    private Step accessRemote() {
        int mm = anyMm();
        int addr = address(mm);
        boolean write = rnd.nextBoolean();
        String call = "/proc/pid/mem " + (write ? "write " + value + " at" : "read from") + " mm" + mm + " "
                + Names.hex(addr);
        return run(call, AccessRemoteVm.class, mm, addr, value, write ? 1 : 0);
    }

    private Step fork() {
        if (mms.size() >= k.config().nrUserMms()) {
            return userAccess();
        }
        int mm = anyMm();
        Step s = run("fork(mm" + mm + ")", Fork.class, mm, 0, 0, 0);
        if (s.outcome() instanceof Outcome.Returned(int child) && child > 0) {
            mms.add(child);
        }
        return s;
    }

    private Step rangeOp(Class<? extends Procedure> p, String name) {
        int mm = anyMm();
        int start = address(mm);
        int len = (1 + rnd.nextInt(4)) * PAGE;
        return run(name + "(mm" + mm + ", " + Names.hex(start) + ", " + len / PAGE + " pages)", p, mm, start, len, 0);
    }

    private Step mprotect() {
        int mm = anyMm();
        int start = address(mm);
        int len = (1 + rnd.nextInt(3)) * PAGE;
        int prot = PROTS[rnd.nextInt(PROTS.length)];
        return run("mprotect(mm" + mm + ", " + Names.hex(start) + ", " + len / PAGE + " pages, prot " + prot + ")",
                Mprotect.class, mm, start, len, prot);
    }

    // ---- files and reclaim ----

    private Step shrink() {
        int kswapd = rnd.nextInt(2);
        return run("shrink_zone(0, kswapd=" + kswapd + ")", ShrinkZone.class, 0, kswapd, 0, 0);
    }

    private Step fileWrite() {
        List<Integer> writable = new ArrayList<>();
        for (int f = 0; f < k.config().nrFiles(); f++) {
            if (k.pageCache().exists(f) && f != roFile) {
                writable.add(f);
            }
        }
        int file = writable.get(rnd.nextInt(writable.size()));
        int index = rnd.nextInt(Math.max(1, k.pageCache().sizeInPages(file)));
        return run("write(file" + file + ", page " + index + ", " + value + ")", FileWrite.class, file, index, value, 0);
    }

    // ---- page allocator, slab, vmalloc ----

    private Step pages() {
        if (!blocks.isEmpty() && rnd.nextBoolean()) {
            int at = rnd.nextInt(blocks.size());
            int[] b = blocks.get(at);
            if (lockedBlock && b[0] == locked) {
                return shrink();
            }
            blocks.remove(at);
            return attempt("__free_pages(pfn " + b[0] + ", order " + b[1] + ")", () -> {
                k.freePath().freePagesBlock(b[0], b[1]);
                return 0;
            });
        }
        int gfp = GFPS[rnd.nextInt(GFPS.length)];
        int order = rnd.nextInt(3);
        Step s = run("alloc_pages(" + Names.hex(gfp) + ", order " + order + ")", AllocPages.class, gfp, order, 0, 0);
        if (s.outcome() instanceof Outcome.Returned(int pfn) && pfn >= 0) {
            blocks.add(new int[] {pfn, order});
        }
        return s;
    }

    private Step kmalloc() {
        if (!kmallocs.isEmpty() && rnd.nextBoolean()) {
            int addr = kmallocs.remove(rnd.nextInt(kmallocs.size()));
            return attempt("kfree(" + Names.hex(addr) + ")", () -> {
                k.slab().kfree(addr);
                return 0;
            });
        }
        int size = KMALLOC_SIZES[rnd.nextInt(KMALLOC_SIZES.length)];
        Step s = attempt("kmalloc(" + size + ")", () -> k.slab().kmalloc(size, Gfp.GFP_KERNEL));
        if (s.outcome() instanceof Outcome.Returned(int addr) && addr != 0) {
            kmallocs.add(addr);
        }
        return s;
    }

    private Step kmemCache() {
        int r = rnd.nextInt(4);
        if (caches.isEmpty() || r == 0 && caches.size() < k.config().nrSlabCaches()) {
            int size = 50 + rnd.nextInt(1000);
            Step s = attempt("kmem_cache_create(" + size + ")", () -> k.slab().kmemCacheCreate(size));
            if (s.outcome() instanceof Outcome.Returned(int cache) && cache >= 0) {
                caches.add(cache);
            }
            return s;
        }
        int cache = caches.get(rnd.nextInt(caches.size()));
        List<int[]> mine = objects.stream().filter(o -> o[0] == cache).toList();
        if (r == 1 && mine.isEmpty()) {
            caches.remove(Integer.valueOf(cache));
            return attempt("kmem_cache_destroy(" + cache + ")", () -> {
                k.slab().kmemCacheDestroy(cache);
                return 0;
            });
        }
        if (r == 2 && !mine.isEmpty()) {
            int[] o = mine.get(rnd.nextInt(mine.size()));
            objects.remove(o);
            return attempt("kmem_cache_free(" + cache + ", " + Names.hex(o[1]) + ")", () -> {
                k.slab().kmemCacheFree(cache, o[1]);
                return 0;
            });
        }
        Step s = attempt("kmem_cache_alloc(" + cache + ")", () -> k.slab().kmemCacheAlloc(cache, Gfp.GFP_KERNEL));
        if (s.outcome() instanceof Outcome.Returned(int addr) && addr != 0) {
            objects.add(new int[] {cache, addr});
        }
        return s;
    }

    private Step vmalloc() {
        if (!vmallocs.isEmpty() && rnd.nextBoolean()) {
            int addr = vmallocs.remove(rnd.nextInt(vmallocs.size()));
            return attempt("vfree(" + Names.hex(addr) + ")", () -> {
                k.vmalloc().vfree(addr);
                return 0;
            });
        }
        int size = (1 + rnd.nextInt(3)) * PAGE - rnd.nextInt(100);
        Step s = attempt("vmalloc(" + size + ")", () -> k.vmalloc().vmalloc(size));
        if (s.outcome() instanceof Outcome.Returned(int addr) && addr != 0) {
            vmallocs.add(addr);
        }
        return s;
    }

    // ---- page lock ----

    /** Locks one of our blocks, or a mapped user page after taking a reference on it. */
    private Step lockPage() {
        if (!blocks.isEmpty() && rnd.nextBoolean()) {
            int pfn = blocks.get(rnd.nextInt(blocks.size()))[0];
            Step s = run("lock_page(pfn " + pfn + ")", LockPage.class, pfn, 0, 0, 0);
            if (s.outcome().returned()) {
                locked = pfn;
                lockedBlock = true;
            }
            return s;
        }
        int mm = anyMm();
        int addr = address(mm);
        int pte = k.pageTables().pteValue(mm, addr);
        if (!Pte.ptePresent(pte) || Pte.pteSpecial(pte) || Pte.ptePfn(pte) == 0) {
            return userAccess();
        }
        int pfn = Pte.ptePfn(pte);
        k.pages().refs().getPage(pfn);
        Step s = run("get_page + lock_page(pfn " + pfn + " at mm" + mm + " " + Names.hex(addr) + ")", LockPage.class,
                pfn, 0, 0, 0);
        if (s.outcome().returned()) {
            locked = pfn;
            lockedBlock = false;
        } else {
            k.lru().putPage(pfn);
        }
        return s;
    }

    private Step unlockPage() {
        int pfn = locked;
        boolean block = lockedBlock;
        locked = -1;
        Step s = run("unlock_page(pfn " + pfn + ")" + (block ? "" : " + put_page"), UnlockPage.class, pfn, 0, 0, 0);
        if (!block && s.outcome().returned()) {
            k.lru().putPage(pfn);
        }
        return s;
    }

    // ---- plumbing ----

    private Step run(String call, Class<? extends Procedure> p, int a0, int a1, int a2, int a3) {
        return new Step(call, k.run(p, a0, a1, a2, a3));
    }

    private Step attempt(String call, IntSupplier op) {
        return new Step(call, k.attempt(op));
    }
}
