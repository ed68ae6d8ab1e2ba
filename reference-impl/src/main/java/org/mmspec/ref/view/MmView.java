package org.mmspec.ref.view;

import static org.mmspec.ref.state.Layout.PG_PINS;
import static org.mmspec.ref.state.Layout.TH_HELD;
import static org.mmspec.ref.state.Layout.WQ_BIT;
import static org.mmspec.ref.state.Layout.WQ_FLAGS;
import static org.mmspec.ref.state.Layout.WQ_PFN;
import static org.mmspec.ref.state.Layout.WQ_TID;
import static org.mmspec.ref.state.Layout.Z_NR_FREE;
import static org.mmspec.ref.state.Layout.Z_WMARK_BREACH;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.PageLists;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Vmas;

/**
 * A read-only view of one {@link KernelState} in kernel terms, for invariants and reports. It offers
 * queries only; {@link #reset} points it at another state without copying (one view serves a whole
 * search).
 */
public final class MmView {

    private final Kernel k;
    private final Config c;
    private final Layout l;
    private final Mem m;
    private final GhostView ghosts;
    private final KmemView kmem;

    public MmView(Config config) {
        this.k = Kernel.boot(config);
        this.c = config;
        this.l = k.layout();
        this.m = k.mem();
        this.ghosts = new GhostView(k, config, m);
        this.kmem = new KmemView(k);
    }

    /** Looks at {@code state} from now on. */
    public MmView reset(KernelState state) {
        m.loadForReading(state);
        return this;
    }

    public Config config() {
        return c;
    }

    public Geometry geometry() {
        return k.geometry();
    }

    // ---- struct page ----

    public int pageCount(int pfn) {
        return k.pages().pageCount(pfn);
    }

    /** {@code compound_head(page)}: the head of a compound page's tail, else the page itself (issue 10). */
    public int compoundHead(int pfn) {
        return k.pages().compoundHead(pfn);
    }

    public int rawMapcount(int pfn) {
        return k.pages().rawMapcount(pfn);
    }

    public int pageMapcount(int pfn) {
        return k.pages().pageMapcount(pfn);
    }

    public boolean pageFlag(int pfn, PageFlag f) {
        return k.pages().pageFlag(pfn, f);
    }

    public int flags(int pfn) {
        return k.pages().flags(pfn);
    }

    public int mapping(int pfn) {
        return k.pages().mapping(pfn);
    }

    public boolean pageAnon(int pfn) {
        return k.pages().pageAnon(pfn);
    }

    public int index(int pfn) {
        return k.pages().index(pfn);
    }

    public int pagePrivate(int pfn) {
        return k.pages().pagePrivate(pfn);
    }

    public int data(int pfn) {
        return k.pages().data(pfn);
    }

    /** Ghost: references held by GUP callers. */
    public int pins(int pfn) {
        return m.get(l.page(pfn, PG_PINS));
    }

    /** Ghost: the thread holding {@code PG_locked}, or -1. */
    public int lockHolder(int pfn) {
        return k.pageLock().holder(pfn);
    }

    public boolean pageBuddy(int pfn) {
        return k.pages().pageBuddy(pfn);
    }

    /** The frame lies in a free buddy block. */
    public boolean isFree(int pfn) {
        return k.buddy().isFree(pfn);
    }

    // ---- zones, buddy, LRU ----

    public int zoneOf(int pfn) {
        return k.zones().zoneOf(pfn);
    }

    public int zoneStartPfn(int zone) {
        return k.zones().zoneStartPfn(zone);
    }

    public int zoneEndPfn(int zone) {
        return k.zones().zoneEndPfn(zone);
    }

    /** The zone's global {@code NR_FREE_PAGES} counter, without per-cpu deltas. */
    public int nrFreePagesCounter(int zone) {
        return m.get(l.zone(zone, Z_NR_FREE));
    }

    public int pcpDiff(int zone, int cpu) {
        return m.get(l.pcpDiff(zone, cpu));
    }

    public int wmarkPages(int zone, int which) {
        return k.zones().wmarkPages(zone, which);
    }

    /** {@code __zone_watermark_ok} on a given free count. */
    public boolean watermarkOk(int zone, int order, int mark, int allocFlags, int freePages) {
        return k.zones().watermarkOk(zone, order, mark, allocFlags, freePages);
    }

    /** Ghost: thread whose non-emergency allocation passed a watermark check the true count fails, or -1. */
    public int watermarkBreach(int zone) {
        return m.get(l.zone(zone, Z_WMARK_BREACH)) - 1;
    }

    public int nrFree(int zone, int order) {
        return k.buddy().nrFree(zone, order);
    }

    /** The blocks on {@code free_area[order]} of a zone, head first. */
    public int[] freeList(int zone, int order) {
        return walk(k.buddy().freeArea(zone, order));
    }

    /** The pages on an LRU list ({@link org.mmspec.ref.lru.Lru} constants), head first. */
    public int[] lruList(int zone, int lru) {
        return walk(k.lru().head(zone, lru));
    }

    private int[] walk(int head) {
        PageLists lists = k.lists();
        int[] out = new int[lists.count(head)];
        int i = 0;
        for (int p = lists.first(head); p >= 0 && i < out.length; p = lists.next(p)) {
            out[i++] = p;
        }
        return i == out.length ? out : java.util.Arrays.copyOf(out, i);
    }

    /** The first block on {@code free_area[order]} of a zone, or -1; with {@link #listNext} walks without allocating. */
    public int freeListFirst(int zone, int order) {
        return k.lists().first(k.buddy().freeArea(zone, order));
    }

    /** The last block on {@code free_area[order]} of a zone, or -1. */
    public int freeListLast(int zone, int order) {
        return k.lists().last(k.buddy().freeArea(zone, order));
    }

    /** The first page on an LRU list, or -1; with {@link #listNext} walks without allocating. */
    public int lruFirst(int zone, int lru) {
        return k.lists().first(k.lru().head(zone, lru));
    }

    /** The last page on an LRU list, or -1. */
    public int lruLast(int zone, int lru) {
        return k.lists().last(k.lru().head(zone, lru));
    }

    /** {@code page->lru.next}: the page after {@code pfn} on its list (free list or LRU), or -1 at the end. */
    public int listNext(int pfn) {
        return k.lists().next(pfn);
    }

    /** {@code page->lru.prev}: the page before {@code pfn} on its list, or -1 at the start. */
    public int listPrev(int pfn) {
        return k.lists().prev(pfn);
    }

    /** The list length a head claims (may disagree with the links in a corrupt state). */
    public int lruCount(int zone, int lru) {
        return k.lists().count(k.lru().head(zone, lru));
    }

    // ---- mm, VMAs, page tables ----

    public boolean mmInUse(int mm) {
        return k.mms().inUse(mm);
    }

    public int vmaCount(int mm) {
        return k.vmas().count(mm);
    }

    /** A VMA's fields. */
    public record VmaInfo(int start, int end, int flags, int file, int pgoff, int anonVma, int avc) {
    }

    public VmaInfo vma(int mm, int slot) {
        Vmas v = k.vmas();
        int p = v.slot(mm, slot);
        return new VmaInfo(v.vmStart(p), v.vmEnd(p), v.vmFlags(p), v.vmFile(p), v.vmPgoff(p), v.anonVma(p), v.avc(p));
    }

    /** {@code find_vma()}: the slot of the first VMA ending above {@code addr}, or -1. */
    public int findVmaSlot(int mm, int addr) {
        int p = k.vmas().findVma(mm, addr);
        return p < 0 ? -1 : k.vmas().slotOf(p);
    }

    /** The PTE of {@code addr} in {@code mm} (0 when there is no PTE table). */
    public int pte(int mm, int addr) {
        return k.pageTables().pteValue(mm, addr);
    }

    /** Whether any thread holds any PTE lock (a non-quiescent state for PTE/rmap accounting). */
    public boolean anyPtlHeld() {
        int tables = l.pgdsPerMm * c.ptrsPerPmd();
        for (int mm = 0; mm < c.nrMms(); mm++) {
            for (int t = 0; t < tables; t++) {
                if (m.get(l.ptl(mm, t)) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether some thread holds the PTE lock of the table mapping {@code addr} in {@code mm}: the PTE may
     * be between two actions of one critical section (cleared, not yet replaced by a swap entry).
     */
    public boolean ptlHeld(int mm, int addr) {
        int tableSize = c.ptrsPerPte() << Geometry.PAGE_SHIFT;
        int table = addr / tableSize;
        return table < l.pgdsPerMm * c.ptrsPerPmd() && m.get(l.ptl(mm, table)) != 0;
    }

    /** Ghost: what the user last stored at {@code addr} of {@code mm}, or {@code Mms.FOLLOWS_BACKING}. */
    public int logical(int mm, int addr) {
        return k.mms().logical(mm, addr);
    }

    // ---- anon_vma, files, swap ----

    public int anonVmaRefs(int av) {
        return k.anonVmas().refs(av);
    }

    public int anonVmaRoot(int av) {
        return k.anonVmas().root(av);
    }

    public boolean fileExists(int file) {
        return k.pageCache().exists(file);
    }

    public FileKind fileKind(int file) {
        return k.pageCache().kind(file);
    }

    public int fileSize(int file) {
        return k.pageCache().sizeInPages(file);
    }

    public int pageCachePage(int file, int index) {
        return k.pageCache().lookup(file, index);
    }

    /** The swap offset a shmem page-cache slot holds in place of a page (the page was written out), or 0. */
    public int pageCacheSwapEntry(int file, int index) {
        return k.pageCache().swapEntry(file, index);
    }

    public int disk(int file, int index) {
        return k.pageCache().disk(file, index);
    }

    public int fileLogical(int file, int index) {
        return k.pageCache().logical(file, index);
    }

    public int swapMap(int offset) {
        return k.swap().swapMap(offset);
    }

    public int swapData(int offset) {
        return k.swap().data(offset);
    }

    public int swapCachePage(int offset) {
        return k.swap().cachePage(offset);
    }

    // ---- threads and wait queues ----

    public ThreadStatus threadStatus(int tid) {
        return k.threads().status(tid);
    }

    /** Hold count of lock class {@code cls} by {@code tid} (blocking acquisitions and trylocks). */
    public int held(int tid, LockClass cls) {
        return (m.get(l.thread(tid, TH_HELD)) >>> cls.shift()) & LockClass.MAX_HELD;
    }

    /** One frame of a thread's kernel stack. */
    public record FrameInfo(String procedure, String point, int[] locals) {
    }

    /** A thread's stack, bottom first. */
    public List<FrameInfo> frames(int tid) {
        List<FrameInfo> out = new ArrayList<>();
        for (int d = 0; d < k.threads().depth(tid); d++) {
            Procedure p = k.executor().procedureAt(tid, d);
            int[] locals = new int[c.nrLocals()];
            for (int i = 0; i < locals.length; i++) {
                locals[i] = k.threads().localAt(tid, d, i);
            }
            out.add(new FrameInfo(p.name(), p.point(k.threads().pcAt(tid, d)), locals));
        }
        return out;
    }

    /** An entry of the page wait queue. */
    public record WaitEntry(int tid, int pfn, int bit, boolean exclusive) {
    }

    /** The page wait queue, head first. */
    public List<WaitEntry> waitQueue() {
        List<WaitEntry> out = new ArrayList<>();
        for (int e = 0; e < c.waitQueueSlots() && m.get(l.waitQueue(e, WQ_TID)) != 0; e++) {
            out.add(new WaitEntry(m.get(l.waitQueue(e, WQ_TID)) - 1, m.get(l.waitQueue(e, WQ_PFN)),
                    m.get(l.waitQueue(e, WQ_BIT)), (m.get(l.waitQueue(e, WQ_FLAGS)) & 1) != 0));
        }
        return out;
    }

    /** The CPU thread {@code tid} runs on. */
    public int cpuOf(int tid) {
        return tid % c.nrCpus();
    }

    /** The slab caches and vmalloc areas of the state. */
    public KmemView kmem() {
        return kmem;
    }

    /** The ghost events of the state (what the last step did that no kernel structure records). */
    public GhostView ghosts() {
        return ghosts;
    }
}
