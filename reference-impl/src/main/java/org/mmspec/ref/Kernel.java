package org.mmspec.ref;

import java.util.function.IntSupplier;
import org.mmspec.ref.fault.Memory;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Buddy;
import org.mmspec.ref.mem.FreePath;
import org.mmspec.ref.mem.PageAllocator;
import org.mmspec.ref.mem.PageLists;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mem.Zones;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.rmap.AnonVmas;
import org.mmspec.ref.rmap.Rmap;
import org.mmspec.ref.slab.Slab;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.sync.Ghost;
import org.mmspec.ref.sync.Locks;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.sync.EndPageWriteback;
import org.mmspec.ref.sync.PageLock;
import org.mmspec.ref.sync.PageWaitQueue;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Executor;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.threads.Sequential;
import org.mmspec.ref.threads.Threads;
import org.mmspec.ref.unmap.Unmapper;
import org.mmspec.ref.vma.Mmap;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.Vmas;
import org.mmspec.ref.vmalloc.Vmalloc;
import org.mmspec.spec.semantics.Fault;

/**
 * The modelled machine: a working copy of one {@link KernelState} and the kernel subsystems that
 * operate on it. Sequential callers use it like a tiny kernel ({@link #boot}, then calls);
 * {@link #state()} freezes the current state as a value, and {@link #load} continues from any state.
 *
 * <p>Not thread-safe: one Java thread drives one machine.
 */
public final class Kernel {

    private final Config config;
    private final Layout layout;
    private final Geometry geometry;
    private final Mem mem;
    private final Ctx ctx;
    private final PageLists lists;
    private final Pages pages;
    private final Zones zones;
    private final Buddy buddy;
    private final FreePath freePath;
    private final PageAllocator pageAllocator;
    private final PageTables pageTables;
    private final Vmas vmas;
    private final Mms mms;
    private final Mmap mmap;
    private final Unmapper unmapper;
    private final AnonVmas anonVmas;
    private final Rmap rmap;
    private final Memory memory;
    private final PageCache pageCache;
    private final Swap swap;
    private final Lru lru;
    private final Locks locks;
    private final PageWaitQueue pageWaitQueue;
    private final PageLock pageLock;
    private final EndPageWriteback writeback;
    private final Ghost ghost;
    private final Threads threads;
    private final Executor executor;
    private final Sequential sequential;
    private final Slab slab;
    private final Vmalloc vmalloc;

    private Kernel(Config config) {
        this.config = config;
        this.layout = new Layout(config);
        this.geometry = new Geometry(config);
        this.mem = new Mem(new int[layout.size()]);
        this.ctx = new Ctx(this);
        this.lists = new PageLists(layout, mem);
        this.pages = new Pages(this);
        this.zones = new Zones(this);
        this.buddy = new Buddy(this);
        this.freePath = new FreePath(this);
        this.pageAllocator = new PageAllocator(this);
        this.pageTables = new PageTables(this);
        this.vmas = new Vmas(this);
        this.mms = new Mms(this);
        this.mmap = new Mmap(this);
        this.unmapper = new Unmapper(this);
        this.anonVmas = new AnonVmas(this);
        this.rmap = new Rmap(this);
        this.memory = new Memory(this);
        this.pageCache = new PageCache(this);
        this.swap = new Swap(this);
        this.lru = new Lru(this);
        this.locks = new Locks(this);
        this.pageWaitQueue = new PageWaitQueue(this);
        this.pageLock = new PageLock(this);
        this.writeback = new EndPageWriteback(this);
        this.ghost = new Ghost(this);
        this.threads = new Threads(this);
        this.executor = new Executor(this);
        this.sequential = new Sequential(this);
        this.slab = new Slab(this);
        this.vmalloc = new Vmalloc(this);
    }

    /** A freshly booted machine: every frame but the zero page free, {@code init_mm} set up. */
    public static Kernel boot(Config config) {
        Kernel k = new Kernel(config);
        new Boot(k).run();
        return k;
    }

    /** A machine positioned at {@code state} (which must come from the same configuration). */
    public static Kernel resume(Config config, KernelState state) {
        Kernel k = new Kernel(config);
        k.load(state);
        return k;
    }

    /** The current state as a value; the machine keeps working on a private copy. */
    public KernelState state() {
        return mem.snapshot();
    }

    /** Continues from {@code state}. */
    public void load(KernelState state) {
        if (state.size() != layout.size()) {
            throw new IllegalArgumentException("state is from another configuration");
        }
        mem.load(state);
    }

    /**
     * Runs {@code op} as one sequential kernel call: if kernel code hits a BUG, the machine is rolled
     * back and the BUG is returned as a value.
     */
    public Outcome attempt(IntSupplier op) {
        KernelState before = mem.snapshot();
        try {
            return new Outcome.Returned(op.getAsInt());
        } catch (Oops o) {
            mem.load(before);
            return new Outcome.KernelBug(new Fault(o.kind().faultKind(), -1, o.getMessage()));
        }
    }

    /** Runs step-machine procedure {@code p} to completion with no other thread interleaved. */
    public Outcome run(Procedure p, int a0, int a1, int a2, int a3) {
        return sequential.run(p, a0, a1, a2, a3);
    }

    public Outcome run(Procedure p, int a0, int a1, int a2) {
        return run(p, a0, a1, a2, 0);
    }

    public Outcome run(Procedure p, int a0, int a1) {
        return run(p, a0, a1, 0, 0);
    }

    public Outcome run(Procedure p, int a0) {
        return run(p, a0, 0, 0, 0);
    }

    /**
     * Builds the oops for a kernel BUG hit by the current thread, naming the kernel function whose
     * frame is on top of its stack; kernel code {@code throw}s it.
     */
    public Oops bug(OopsKind kind, int obj, int aux) {
        ctx.flowPoint();
        int tid = ctx.tid();
        int depth = threads.depth(tid);
        String where = depth == 0 ? "kernel" : threads.procedureAt(tid, depth - 1).name();
        return new Oops(kind, where, obj, aux);
    }

    public Config config() {
        return config;
    }

    public Layout layout() {
        return layout;
    }

    public Geometry geometry() {
        return geometry;
    }

    public Mem mem() {
        return mem;
    }

    public Ctx ctx() {
        return ctx;
    }

    public PageLists lists() {
        return lists;
    }

    public Pages pages() {
        return pages;
    }

    public Zones zones() {
        return zones;
    }

    public Buddy buddy() {
        return buddy;
    }

    public FreePath freePath() {
        return freePath;
    }

    public PageAllocator pageAllocator() {
        return pageAllocator;
    }

    public PageTables pageTables() {
        return pageTables;
    }

    public Vmas vmas() {
        return vmas;
    }

    public Mms mms() {
        return mms;
    }

    public Mmap mmap() {
        return mmap;
    }

    public Unmapper unmapper() {
        return unmapper;
    }

    public AnonVmas anonVmas() {
        return anonVmas;
    }

    public Rmap rmap() {
        return rmap;
    }

    public Memory memory() {
        return memory;
    }

    public PageCache pageCache() {
        return pageCache;
    }

    public Swap swap() {
        return swap;
    }

    public Lru lru() {
        return lru;
    }

    public Locks locks() {
        return locks;
    }

    public PageWaitQueue pageWaitQueue() {
        return pageWaitQueue;
    }

    public PageLock pageLock() {
        return pageLock;
    }

    public EndPageWriteback writeback() {
        return writeback;
    }

    public Ghost ghost() {
        return ghost;
    }

    public Threads threads() {
        return threads;
    }

    public Executor executor() {
        return executor;
    }

    public Slab slab() {
        return slab;
    }

    public Vmalloc vmalloc() {
        return vmalloc;
    }

    /** The thread slot that runs sequential calls. */
    public int sequentialTid() {
        return config.nrThreads();
    }
}
