package org.mmspec.ref;

import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.filemap.PageWaitQueue;
import org.mmspec.ref.filemap.Writeback;
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
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.swap.SwapDevice;
import org.mmspec.ref.sync.Current;
import org.mmspec.ref.sync.Ghost;
import org.mmspec.ref.sync.Irqs;
import org.mmspec.ref.sync.Locks;
import org.mmspec.ref.tlb.Tlb;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.Vmas;
import org.mmspec.ref.vmalloc.Vmalloc;

/**
 * The objects layer of one machine: every kernel object over one state vector, each given exactly the
 * collaborators it uses, built bottom-up (state, then locks and thread slots, then pages, zones, the
 * buddy allocator and the LRU, then page tables, swap and the page cache, then VMAs, rmap and the
 * mapping code, slab and vmalloc). Nothing here knows the procedures or the {@link Kernel}.
 */
record KernelObjects(Config config, Layout layout, Geometry geometry, Mem mem, Ghost ghost, Current current, Locks locks,
        Irqs irqs, Threads threads, PageLists lists, Pages pages, CompoundPages compound, Zones zones, Buddy buddy,
        FreePath freePath, PageAllocator pageAllocator, Lru lru, Bios bios, Mm mm) {

    /** The objects above the page allocator and the LRU. */
    record Mm(PageTables pageTables, Swap swap, PageLock pageLock, PageWaitQueue pageWaitQueue,
            Writeback writeback, PageCache pageCache, Vmas vmas, Mms mms, AnonVmas anonVmas, Rmap rmap,
            Memory memory, Mmap mmap, Unmapper unmapper, Slab slab, Vmalloc vmalloc, GupPins gupPins,
            SwapDevice swapDevice, Tlb tlb) {
    }

    static KernelObjects wire(Config c) {
        Layout l = new Layout(c);
        Mem m = new Mem(new int[l.size()]);
        Ghost ghost = new Ghost(l, m);
        Current current = new Current(c, l, m, ghost);
        Threads threads = new Threads(c, l, m);
        PageLists lists = new PageLists(l, m);
        Pages pages = new Pages(c, l, m, current, ghost);
        Zones zones = new Zones(c, l, m, threads);
        Buddy buddy = new Buddy(c, l, m, lists, pages, zones, current);
        CompoundPages compound = new CompoundPages(l, m, pages);
        FreePath freePath = new FreePath(pages, compound, buddy, ghost, current);
        PageAllocator allocator = new PageAllocator(c, pages, compound, zones, buddy, current);
        Lru lru = new Lru(l, m, lists, pages, compound, zones, freePath, current);
        Locks locks = new Locks(l, m, current);
        Geometry g = new Geometry(c);
        return new KernelObjects(c, l, g, m, ghost, current, locks, new Irqs(l, m, current, c.nrCpus()), threads, lists, pages, compound,
                zones, buddy, freePath, allocator, lru, new Bios(c, l, m, threads),
                wireMm(c, l, m, g, ghost, current, locks, threads, pages, allocator, freePath, lru));
    }

    private static Mm wireMm(Config c, Layout l, Mem m, Geometry g, Ghost ghost, Current current, Locks locks,
            Threads threads, Pages pages, PageAllocator allocator, FreePath freePath, Lru lru) {
        PageTables pageTables = new PageTables(c, l, m, g, pages, locks);
        PageWaitQueue waitQueue = new PageWaitQueue(c, l, m, pages, locks);
        PageCache pageCache = new PageCache(c, l, m, pages, lru, locks);
        Vmas vmas = new Vmas(c, l, m, pageCache);
        AnonVmas anonVmas = new AnonVmas(c, l, m, vmas, locks);
        Mms mms = new Mms(c, l, m, locks);
        SwapDevice swapDevice = new SwapDevice(m);
        return new Mm(pageTables, new Swap(c, l, m, pages, lru, swapDevice, current), new PageLock(l, m, pages, current),
                waitQueue, new Writeback(l, m, pages, current), pageCache, vmas, mms, anonVmas,
                new Rmap(pages, vmas, anonVmas), new Memory(pages, vmas),
                new Mmap(c, g, vmas, pageCache, anonVmas, pageTables),
                new Unmapper(c, g, vmas, pageCache, anonVmas, pageTables),
                new Slab(c, l, m, g, pages, allocator, freePath),
                new Vmalloc(c, l, m, g, allocator, freePath, pageTables),
                new GupPins(c, l, m, pages, lru, ghost, vmas, mms), swapDevice, new Tlb(c, l, m, current));
    }
}
