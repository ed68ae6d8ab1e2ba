package org.mmspec.ref;

import java.util.List;

import java.util.function.IntSupplier;
import org.mmspec.ref.filemap.Writeback;
import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.filemap.PageWaitQueue;
import org.mmspec.ref.io.IoCompletion;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Buddy;
import org.mmspec.ref.mem.CompoundPages;
import org.mmspec.ref.mem.FreePath;
import org.mmspec.ref.mem.PageAllocator;
import org.mmspec.ref.mem.PageLists;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mem.Zones;
import org.mmspec.ref.mmap.Memory;
import org.mmspec.ref.mmap.Mmap;
import org.mmspec.ref.mmap.Unmapper;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pin.GupPins;
import org.mmspec.ref.rmap.AnonVmas;
import org.mmspec.ref.rmap.Rmap;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.slab.Slab;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.swap.SwapDevice;
import org.mmspec.ref.sync.Current;
import org.mmspec.ref.sync.Ghost;
import org.mmspec.ref.sync.Irqs;
import org.mmspec.ref.sync.Locks;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.threads.BlockReasons;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Executor;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.threads.ProcedureTable;
import org.mmspec.ref.tlb.Tlb;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.Vmas;
import org.mmspec.ref.vmalloc.Vmalloc;
import org.mmspec.spec.semantics.Fault;

/**
 * The modelled machine: a working copy of one {@link KernelState}, the kernel objects that operate on
 * it, the step executor and the procedures. It is the assembly: every object and procedure is built
 * here with the collaborators it uses ({@link KernelObjects}), and nothing below it sees the whole
 * machine. Sequential callers use it like a tiny kernel ({@link #boot}, then calls); {@link #state()}
 * freezes the current state as a value, and {@link #load} continues from any state.
 *
 * <p>Not thread-safe: one Java thread drives one machine.
 */
public final class Kernel {

    private final KernelObjects o;
    private final KernelObjects.Mm mm;
    private final Ctx ctx;
    private final ProcedureTable procedures;
    private final Executor executor;
    private final BlockReasons blockReasons;
    private final Sequential sequential;

    /**
     * Procedures a test adds to a machine, numbered after the standard ones (so the standard state
     * encoding is unchanged). Called while the machine is being built: only its kernel objects (the
     * getters such as {@link #pages()}) are ready.
     */
    @FunctionalInterface
    public interface Extension {
        List<Procedure> procedures(Kernel k);
    }

    private Kernel(Config config, Extension extension) {
        this.o = KernelObjects.wire(config);
        this.mm = o.mm();
        this.ctx = new Ctx(config, o.layout(), o.mem(), o.current());
        this.procedures = ProcedureCatalog.build(o, extension == null ? List.of() : extension.procedures(this));
        this.executor = new Executor(o.mem(), o.threads(), o.ghost(), o.current(), ctx, procedures);
        this.blockReasons = new BlockReasons(o.layout(), o.mem(), o.threads(), o.pages(), mm.pageWaitQueue(), o.bios(),
                executor, procedures.of(IoCompletion.class).id());
        this.sequential = new Sequential(this);
    }

    /** A freshly booted machine: every frame but the zero page free, {@code init_mm} set up. */
    public static Kernel boot(Config config) {
        return boot(config, null);
    }

    /** A freshly booted machine with a test's extra procedures ({@code null}: none). */
    public static Kernel boot(Config config, Extension extension) {
        Kernel k = new Kernel(config, extension);
        new Boot(k).run();
        return k;
    }

    /** A machine positioned at {@code state} (which must come from the same configuration). */
    public static Kernel resume(Config config, KernelState state) {
        return resume(config, state, null);
    }

    /** A machine with a test's extra procedures ({@code null}: none), positioned at {@code state}. */
    public static Kernel resume(Config config, KernelState state, Extension extension) {
        Kernel k = new Kernel(config, extension);
        k.load(state);
        return k;
    }

    /** The current state as a value; the machine keeps working on a private copy. */
    public KernelState state() {
        return o.mem().snapshot();
    }

    /** Continues from {@code state}. */
    public void load(KernelState state) {
        if (state.size() != o.layout().size()) {
            throw new IllegalArgumentException("state is from another configuration");
        }
        o.mem().load(state);
    }

    /**
     * Runs {@code op} as one sequential kernel call: if kernel code hits a BUG, the machine is rolled
     * back and the BUG is returned as a value.
     */
    public Outcome attempt(IntSupplier op) {
        KernelState before = o.mem().snapshot();
        try {
            return new Outcome.Returned(op.getAsInt());
        } catch (Oops e) {
            String where = executor.where(o.current().tid());
            o.mem().load(before);
            return new Outcome.KernelBug(new Fault(e.kind().faultKind(), -1, e.message(where)));
        }
    }

    /**
     * Runs step-machine procedure {@code p} (this machine's instance of it) to completion with no other
     * thread interleaved.
     */
    public Outcome run(Class<? extends Procedure> p, int a0, int a1, int a2, int a3) {
        return sequential.run(procedures.of(p), a0, a1, a2, a3);
    }

    public Outcome run(Class<? extends Procedure> p, int a0, int a1, int a2) {
        return run(p, a0, a1, a2, 0);
    }

    public Outcome run(Class<? extends Procedure> p, int a0, int a1) {
        return run(p, a0, a1, 0, 0);
    }

    public Outcome run(Class<? extends Procedure> p, int a0) {
        return run(p, a0, 0, 0, 0);
    }

    /**
     * Delivers the I/O completion interrupts now: every queued block request completes (in the I/O
     * completion thread slot), as if the device had finished them. Returns what that gave: 0, or the
     * kernel BUG or model error a completion hit. For tests and drivers that step threads themselves.
     */
    public Outcome completeIo() {
        return sequential.completeIo();
    }

    /** Creates thread {@code tid} running procedure {@code p} with up to four arguments (status READY). */
    public void spawn(int tid, Class<? extends Procedure> p, int a0, int a1, int a2, int a3) {
        o.threads().spawn(tid, procedures.of(p).id(), a0, a1, a2, a3);
    }

    /** This machine's procedures, by frame number. */
    public ProcedureTable procedures() {
        return procedures;
    }

    /** The thread slot that runs sequential calls. */
    public int sequentialTid() {
        return o.config().nrThreads();
    }

    // ---- the parts, for sequential callers, setups, views and tests ----

    public Config config() {
        return o.config();
    }

    public Layout layout() {
        return o.layout();
    }

    public Geometry geometry() {
        return o.geometry();
    }

    public Mem mem() {
        return o.mem();
    }

    public Current current() {
        return o.current();
    }

    public PageLists lists() {
        return o.lists();
    }

    public Pages pages() {
        return o.pages();
    }

    public CompoundPages compoundPages() {
        return o.compound();
    }

    public Zones zones() {
        return o.zones();
    }

    public Buddy buddy() {
        return o.buddy();
    }

    public FreePath freePath() {
        return o.freePath();
    }

    public PageAllocator pageAllocator() {
        return o.pageAllocator();
    }

    public PageTables pageTables() {
        return mm.pageTables();
    }

    public Vmas vmas() {
        return mm.vmas();
    }

    public Mms mms() {
        return mm.mms();
    }

    public Mmap mmap() {
        return mm.mmap();
    }

    public Unmapper unmapper() {
        return mm.unmapper();
    }

    public AnonVmas anonVmas() {
        return mm.anonVmas();
    }

    public Rmap rmap() {
        return mm.rmap();
    }

    public Memory memory() {
        return mm.memory();
    }

    public PageCache pageCache() {
        return mm.pageCache();
    }

    public Swap swap() {
        return mm.swap();
    }

    public SwapDevice swapDevice() {
        return mm.swapDevice();
    }

    public Lru lru() {
        return o.lru();
    }

    public Locks locks() {
        return o.locks();
    }

    public PageWaitQueue pageWaitQueue() {
        return mm.pageWaitQueue();
    }

    public PageLock pageLock() {
        return mm.pageLock();
    }

    public Writeback writeback() {
        return mm.writeback();
    }

    public Bios bios() {
        return o.bios();
    }

    public Irqs irqs() {
        return o.irqs();
    }

    public GupPins gupPins() {
        return mm.gupPins();
    }

    public Ghost ghost() {
        return o.ghost();
    }

    public Threads threads() {
        return o.threads();
    }

    public Executor executor() {
        return executor;
    }

    public BlockReasons blockReasons() {
        return blockReasons;
    }

    public Slab slab() {
        return mm.slab();
    }

    public Vmalloc vmalloc() {
        return mm.vmalloc();
    }

    public Tlb tlb() {
        return mm.tlb();
    }
}
