package org.mmspec.ref.audit;

import static org.mmspec.ref.state.Layout.AV_REFS;

import org.mmspec.ref.state.AccessKind;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.state.ScopedLock;

/**
 * Decides the mover of one access from its region's discipline and the locks the running thread holds at
 * that moment, or that it breaks the discipline. See {@link Region} for the table.
 */
final class Classifier {

    private final Layout l;
    private final Mem m;
    private final Regions regions;
    private final Privacy privacy;
    final Locking locking;
    private final Place place = new Place();
    private int tid;
    private int cpu;
    /** The CPU an interrupt handler of this step runs on (an IPI), or -1. */
    private int interruptCpu = -1;
    /** Set by {@link #classify} when the access breaks its discipline. */
    boolean breach;

    Classifier(Layout l, Mem m) {
        this.l = l;
        this.m = m;
        this.regions = new Regions(l);
        this.privacy = new Privacy(l, m);
        this.locking = new Locking(l, m);
    }

    void reset(int tid, int cpu) {
        this.tid = tid;
        this.cpu = cpu;
        this.interruptCpu = -1;
        locking.reset(tid);
    }

    /** Accesses from now on are made by an interrupt handler on {@code cpu} (-1: none). */
    void interruptOn(int cpu) {
        this.interruptCpu = cpu;
    }

    /** The readers word of the rwsem {@code word} belongs to, or -1 if it is no rwsem's. */
    int rwsemReaders(int word) {
        return regions.rwsemReaders(word);
    }

    /** The region of the last classified access. */
    Region region() {
        return place.region;
    }

    /**
     * The mover of an access, or {@code null} when its region is not audited (ghost, model bookkeeping).
     * When the access breaks its discipline, {@link #breach} is set (and {@link Mover#N} returned).
     */
    Mover classify(int word, int mask, AccessKind kind) {
        breach = false;
        regions.locate(word, mask, place);
        Region r = place.region;
        if (!r.discipline().audited()) {
            return null;
        }
        if (kind.isLockOp()) {
            return lockOp(r, kind);
        }
        if (r.pageField()) {
            if (privacy.inBuddy(place.owner)) {
                if (r == Region.PG_WAITERS_BIT && locking.holdsWaitQueueLock()) {
                    // issue 10: a read completion's unlock_page() holds no reference; its wake_up_page_bit()
                    // may test and clear PG_waiters of a page freed meanwhile: a racy atomic access
                    return Mover.N;
                }
                return guarded(locking.holdsScoped(ScopedLock.ZONE_LOCK, zoneOfPfn(place.owner)), kind.writes(), true);
            }
            if (privacy.isPrivate(place.owner, tid)) {
                return Mover.B;
            }
        }
        boolean write = kind.writes();
        if (!write && (settledUnderMmapSem(r, word) || lruBitOfUnreferencedPage(r) || buddyTest(r))) {
            return Mover.B;
        }
        return switch (r.discipline()) {
            case LOCK -> write ? breach() : r == Region.PG_LOCKED_BIT && locking.holdsPageLock(place.owner) ? Mover.B
                    : Mover.N;
            case LOCK_PROTECTED -> unlockedButAllowed(r, kind, write) ? Mover.N
                    : guarded(holds(r, write), write, r.racyReads());
            case ATOMIC_ONLY -> kind == AccessKind.WRITE || kind == AccessKind.NONATOMIC_BITOP ? breach() : Mover.N;
            case COUNTER -> kind == AccessKind.ATOMIC_RMW ? Mover.B : write ? breach() : Mover.N;
            case THREAD_LOCAL -> place.owner == tid ? Mover.B : breach();
            case CPU_LOCAL -> place.sub == cpu && interruptCpu < 0 ? Mover.B
                    : place.sub == interruptCpu ? Mover.N : write ? breach() : Mover.N;
            case RACY -> Mover.N;
            case IMMUTABLE -> !write || r == Region.AV_ROOT && unusedAnonVma(place.owner) || swapBackedChange(r, kind)
                    ? Mover.B : breach();
            case SEQUENTIAL -> breach();
            case GHOST, MODEL -> null;
        };
    }

    /**
     * A pmd entry or a VMA's anon_vma goes from none to set under {@code page_table_lock} with
     * {@code mmap_sem} held for read, and back only under {@code mmap_sem} for write: found set by a thread
     * holding {@code mmap_sem}, it cannot change until that thread lets go — a both-mover. A pmd found set
     * by a thread holding an rmap lock ({@code i_mmap_rwsem}, an anon_vma's rwsem) is settled too: {@code
     * free_pgtables} frees a table only after the VMAs over it have left the rmap under those locks.
     */
    private boolean settledUnderMmapSem(Region r, int word) {
        if ((r != Region.PMD && r != Region.VMA_ANON) || m.peek(word) == 0) {
            return false;
        }
        return locking.holdsMmapSem(place.owner, false) || r == Region.PMD && locking.holdsRmapLock();
    }

    /**
     * {@code PG_lru} of a page whose reference count is zero is fixed: setting it takes a reference
     * ({@code lru_cache_add}), isolating takes one ({@code get_page_unless_zero}), and only the last holder
     * clears it, in {@code __page_cache_release} — whose lockless {@code PageLRU} test is this read.
     */
    private boolean lruBitOfUnreferencedPage(Region r) {
        return r == Region.PG_LRU_BIT && m.peek(l.page(place.owner, org.mmspec.ref.state.Layout.PG_REFCOUNT)) == 0;
    }

    /**
     * {@code PageBuddy()} of a page of a zone whose {@code zone->lock} the thread holds ({@code
     * page_is_buddy} in {@code __free_one_page}): whether {@code _mapcount} is {@code
     * PAGE_BUDDY_MAPCOUNT_VALUE} changes only under that lock, whatever else the word does.
     */
    private boolean buddyTest(Region r) {
        return r == Region.PG_MAPCOUNT && locking.holdsScoped(ScopedLock.ZONE_LOCK, zoneOfPfn(place.owner));
    }

    /**
     * Atomic updates a lock-protected word allows without its lock: the MMU's update of a PTE's
     * young/dirty bits, and the holder's change of {@code PG_active} of a page off the LRU lists.
     */
    private boolean unlockedButAllowed(Region r, AccessKind kind, boolean write) {
        if (kind != AccessKind.ATOMIC_RMW || !write || holds(r, true)) {
            return false;
        }
        return r == Region.PTE || r == Region.PG_ACTIVE_BIT
                && (m.peek(l.page(place.owner, org.mmspec.ref.state.Layout.PG_FLAGS))
                        & org.mmspec.ref.mem.PageFlag.LRU.mask()) == 0;
    }

    /**
     * The changes of {@code PG_swapbacked} after the page was published: MADV_FREE's atomic clear under
     * {@code lru_lock} of a page on an LRU list, reclaim's atomic set or clear holding the page lock of a page
     * off the lists.
     */
    private boolean swapBackedChange(Region r, AccessKind kind) {
        if (r != Region.PG_SWAPBACKED_BIT || kind != AccessKind.ATOMIC_RMW) {
            return false;
        }
        int pfn = place.owner;
        boolean onLru = (m.peek(l.page(pfn, org.mmspec.ref.state.Layout.PG_FLAGS))
                & org.mmspec.ref.mem.PageFlag.LRU.mask()) != 0;
        return onLru ? locking.holdsScoped(ScopedLock.LRU_LOCK, zoneOfPfn(pfn)) : locking.holdsPageLock(pfn);
    }

    private Mover guarded(boolean held, boolean write, boolean racyReads) {
        if (held) {
            return Mover.B;
        }
        return !write && racyReads ? Mover.N : breach();
    }

    private Mover breach() {
        breach = true;
        return Mover.N;
    }

    /** Lock operations: they must name the right kind of lock word; acquisitions R, releases L. */
    private Mover lockOp(Region r, AccessKind kind) {
        boolean fits = switch (kind) {
            case SPIN_LOCK, SPIN_TRYLOCK, SPIN_TRYLOCK_FAILED, SPIN_UNLOCK -> r == Region.PTL || r == Region.WAIT_QUEUE_LOCK;
            case DOWN_READ, DOWN_WRITE, UP_READ, UP_WRITE -> r == Region.MM_SEM || r == Region.AV_RWSEM
                    || r == Region.F_IMMAP_RWSEM || r == Region.TH_RWSEM_WAITER || r == Region.RWSEM_WAIT_LIST;
            case NEW_PAGE_LOCK, NEW_PAGE_UNLOCK -> r == Region.PG_LOCKED_BIT && privacy.isPrivate(place.owner, tid);
            default -> r == Region.PG_LOCKED_BIT;
        };
        if (!fits) {
            return breach();
        }
        return switch (kind) {
            case SPIN_TRYLOCK_FAILED, BIT_TRYLOCK_FAILED, BIT_UNLOCK_TEST -> Mover.N;
            case NEW_PAGE_LOCK, NEW_PAGE_UNLOCK -> Mover.B;
            default -> kind.acquires() ? Mover.R : Mover.L;
        };
    }

    /** Whether the running thread holds the guard of the word just located. */
    private boolean holds(Region r, boolean write) {
        int owner = place.owner;
        return switch (r.guard()) {
            case NONE -> false;
            case PTL -> locking.holdsPtl(owner, place.sub);
            case MMAP_SEM -> locking.holdsMmapSem(owner, write) || !write && locking.holdsRmapLock();
            case MMAP_SEM_OR_PAGE_TABLE_LOCK -> locking.holdsMmapSem(owner, true)
                    || locking.holdsScoped(ScopedLock.PAGE_TABLE_LOCK, owner) || !write && locking.holdsRmapLock();
            case PAGE_LOCK -> locking.holdsPageLock(owner);
            case PAGE_LOCK_OR_MAPPING_PTL -> locking.holdsPageLock(owner) || locking.holdsPtlMapping(owner);
            case LRU_LOCK -> locking.holdsScoped(ScopedLock.LRU_LOCK, r == Region.Z_LRU_LIST ? owner : zoneOfPfn(owner));
            case ZONE_LOCK -> locking.holdsScoped(ScopedLock.ZONE_LOCK, owner);
            case PAGE_LIST_LOCK -> locking.holdsScoped(ScopedLock.LRU_LOCK, zoneOfPfn(owner));
            case TREE_LOCK -> locking.holdsScoped(ScopedLock.TREE_LOCK, r == Region.SWAP_CACHE ? -1 : owner);
            case SWAP_LOCK -> locking.holdsScoped(ScopedLock.SWAP_LOCK, 0);
            case WAIT_QUEUE_LOCK -> locking.holdsWaitQueueLock();
            case ANON_VMA_LOCK -> locking.holdsAnonVma(owner, write) || unusedAnonVma(owner);
            case RQ_LOCK -> owner == tid || locking.holdsScoped(ScopedLock.RQ_LOCK, owner);
            case SIGLOCK -> locking.holdsScoped(ScopedLock.SIGLOCK, owner);
            case KSWAPD_WAIT_LOCK -> locking.holdsScoped(ScopedLock.KSWAPD_WAIT_LOCK, owner);
            case QUEUE_LOCK -> locking.holdsScoped(ScopedLock.QUEUE_LOCK, 0);
            case GUP_HOLDER_LOCK -> locking.holdsScoped(ScopedLock.GUP_HOLDER, owner);
        };
    }

    private boolean unusedAnonVma(int av) {
        return m.peek(l.anonVma(av, AV_REFS)) == 0;
    }

    private int zoneOfPfn(int pfn) {
        return pfn / l.config().pagesPerZone();
    }
}
