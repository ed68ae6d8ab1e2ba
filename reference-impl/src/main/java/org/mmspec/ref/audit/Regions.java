package org.mmspec.ref.audit;

import static org.mmspec.ref.state.Layout.*;

import org.mmspec.ref.mem.CompoundPages;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.swap.SwapDevice;
import org.mmspec.ref.state.Layout;

/** Maps a word of the state vector (and, for page flags, the bits accessed) to its {@link Region}. */
public final class Regions {

    /** The flag bits changed only under the page lock (or on unpublished pages). */
    static final int PAGE_LOCK_BITS = PageFlag.UPTODATE.mask() | PageFlag.SWAPCACHE.mask();

    private final Layout l;

    public Regions(Layout l) {
        this.l = l;
    }

    /** The region of {@code word} (a negative word: a lock held only inside steps, {@code null}). */
    public Region of(int word, int mask) {
        if (word < 0) {
            return null;
        }
        Place p = new Place();
        locate(word, mask, p);
        return p.region;
    }

    /**
     * The region of {@code word}; for page flags the bit (one of {@code mask}; a whole-word access to the
     * flags is classified by {@link #flagRegion}).
     */
    void locate(int word, int mask, Place p) {
        if (word < GLOBALS) {
            p.set(global(word, mask), -1, word);
        } else if (word < l.zoneBase) {
            page((word - l.pageBase) / PAGE_FIELDS, (word - l.pageBase) % PAGE_FIELDS, mask, p);
        } else if (word < l.mmBase) {
            zone((word - l.zoneBase) / l.zoneStride, (word - l.zoneBase) % l.zoneStride, p);
        } else if (word < l.avBase) {
            mm((word - l.mmBase) / l.mmStride, (word - l.mmBase) % l.mmStride, p);
        } else if (word < l.fileBase) {
            int av = (word - l.avBase) / AV_FIELDS;
            int f = (word - l.avBase) % AV_FIELDS;
            p.set(f == AV_REFS ? Region.AV_FIELDS : f == AV_ROOT ? Region.AV_ROOT
                    : f == AV_LOCK_WAITERS ? Region.RWSEM_WAIT_LIST : Region.AV_RWSEM, av, f);
        } else if (word < l.swapBase) {
            file((word - l.fileBase) / l.fileStride, (word - l.fileBase) % l.fileStride, p);
        } else if (word < l.wqBase) {
            int f = (word - l.swapBase) % SW_FIELDS;
            p.set(f == SW_MAP ? Region.SWAP_MAP : f == SW_DATA ? Region.SWAP_DATA : Region.SWAP_CACHE,
                    (word - l.swapBase) / SW_FIELDS, f);
        } else if (word < l.bioBase) {
            p.set(word == l.waitQueueLock() ? Region.WAIT_QUEUE_LOCK : Region.WAIT_QUEUE, 0,
                    (word - l.wqBase - 1) / WQ_FIELDS);
        } else if (word < l.holderBase) {
            p.set(Region.BIO_QUEUE, 0, (word - l.bioBase) / BIO_FIELDS);
        } else if (word < l.cacheBase) {
            p.set(Region.GUP_HOLDER, (word - l.holderBase) / H_FIELDS, (word - l.holderBase) % H_FIELDS);
        } else if (word < l.vmBase) {
            p.set(Region.SLAB, (word - l.cacheBase) / KC_FIELDS, 0);
        } else if (word < l.cpuBase) {
            p.set(Region.VMALLOC, (word - l.vmBase) / l.vmStride, 0);
        } else if (word < l.threadBase) {
            cpu((word - l.cpuBase) / l.cpuStride, (word - l.cpuBase) % l.cpuStride, p);
        } else {
            thread((word - l.threadBase) / l.threadStride, (word - l.threadBase) % l.threadStride, p);
        }
    }

    private static Region global(int word, int mask) {
        if (word <= G_OOPS_AUX) {
            return Region.OOPS;
        }
        if (word >= G_AUDIT_FIRST && word <= G_AUDIT_B_POINT) {
            return Region.AUDIT_REPORT;
        }
        return switch (word) {
            case G_IO_IDLE -> Region.BIO_QUEUE;
            case G_SWAP_FLAGS -> mask == SwapDevice.SWP_SYNCHRONOUS_IO ? Region.SWAP_INFO_FIXED : Region.SWAP_INFO;
            case G_SWAP_USERS -> Region.SWAP_USERS;
            default -> Region.GHOST_EVENTS;
        };
    }

    private static void page(int pfn, int field, int mask, Place p) {
        Region r = switch (field) {
            case PG_FLAGS -> flagRegion(mask);
            case PG_REFCOUNT -> Region.PG_REFCOUNT;
            case PG_MAPCOUNT -> Region.PG_MAPCOUNT;
            case PG_MAPPING -> mask == Mapping.PAGE_MAPPING_FLAGS ? Region.PG_MAPPING_TAG : Region.PG_MAPPING;
            case PG_INDEX -> Region.PG_MAPPING;
            case PG_LRU_NEXT -> mask == Pages.TAIL_TAG ? Region.PG_COMPOUND : Region.PG_LRU_LINKS;
            case PG_LRU_PREV -> mask == CompoundPages.ORDER_BITS ? Region.PG_COMPOUND : Region.PG_LRU_LINKS;
            case PG_PRIVATE -> Region.PG_PRIVATE;
            case PG_DATA -> Region.PG_DATA;
            default -> Region.PG_GHOST;
        };
        p.set(r, pfn, field);
    }

    /**
     * The region of the flag bits {@code mask} (-1: the whole word). An access to several bits of different
     * regions is classified by the strictest: the lock bit, then {@code PG_lru}, then {@code PG_waiters}.
     */
    static Region flagRegion(int mask) {
        if ((mask & PageFlag.LOCKED.mask()) != 0 && mask != -1) {
            return Region.PG_LOCKED_BIT;
        }
        if (mask == -1) {
            return Region.PG_FLAGS_ATOMIC;
        }
        if ((mask & PageFlag.LRU.mask()) != 0) {
            return Region.PG_LRU_BIT;
        }
        if ((mask & PageFlag.WAITERS.mask()) != 0) {
            return Region.PG_WAITERS_BIT;
        }
        if ((mask & PageFlag.ACTIVE.mask()) != 0) {
            return Region.PG_ACTIVE_BIT;
        }
        if ((mask & PageFlag.UNEVICTABLE.mask()) != 0) {
            return Region.PG_UNEVICTABLE_BIT;
        }
        if ((mask & PageFlag.MLOCKED.mask()) != 0) {
            return Region.PG_MLOCKED_BIT;
        }
        if (mask == PageFlag.SWAPBACKED.mask()) {
            return Region.PG_SWAPBACKED_BIT;
        }
        if ((mask & ~PAGE_LOCK_BITS) == 0) {
            return Region.PG_PAGE_LOCK_BITS;
        }
        return Region.PG_FLAGS_ATOMIC;
    }

    private void zone(int zone, int field, Place p) {
        Region r;
        if (field < Z_HEADER) {
            r = switch (field) {
                case Z_NR_FREE -> Region.Z_NR_FREE;
                case Z_KSWAPD_WAKE -> Region.Z_KSWAPD_WAKE;
                case Z_NR_ISOLATED -> Region.Z_NR_ISOLATED;
                case Z_KSWAPD_WAITER -> Region.Z_KSWAPD_WAIT;
                default -> Region.Z_GHOST;
            };
            p.set(r, zone, field);
        } else if (field < l.zoneFreeArea) {
            p.set(Region.Z_PCP_DIFF, zone, field - l.zonePcp);
        } else if (field < l.zoneLru) {
            p.set(Region.Z_FREE_AREA, zone, field);
        } else {
            p.set(Region.Z_LRU_LIST, zone, field);
        }
    }

    private void mm(int mm, int field, Place p) {
        if (field < MM_HEADER) {
            Region r = switch (field) {
                case MM_USERS -> Region.MM_USERS;
                case MM_SEM_READERS, MM_SEM_WRITER -> Region.MM_SEM;
                case MM_SEM_WAITERS -> Region.RWSEM_WAIT_LIST;
                case MM_NR_VMAS -> Region.MM_VMAS;
                case MM_CPUMASK -> Region.MM_CPUMASK;
                case MM_TLB_FLUSH_PENDING -> Region.MM_TLB_FLUSH_PENDING;
                case MM_TLB_FLUSH_BATCHED -> Region.MM_TLB_FLUSH_BATCHED;
                case MM_HAS_PINNED -> Region.MM_HAS_PINNED;
                case MM_WP_SEQ -> Region.MM_WP_SEQ;
                default -> Region.MM_RSS;
            };
            p.set(r, mm, field);
        } else if (field < l.mmPmds) {
            int f = (field - l.mmVmas) % VMA_FIELDS;
            p.set(f == VMA_ANON_VMA || f == VMA_AVC ? Region.VMA_ANON : Region.MM_VMAS, mm, field);
        } else if (field < l.mmPtls) {
            p.set(Region.PMD, mm, field - l.mmPmds);
        } else if (field < l.mmPtes) {
            p.set(Region.PTL, mm, field - l.mmPtls);
        } else if (field < l.mmLogical) {
            p.set(mm == 0 ? Region.KERNEL_PTE : Region.PTE, mm, (field - l.mmPtes) / l.config().ptrsPerPte());
        } else {
            p.set(Region.MM_GHOST, mm, field);
        }
    }

    private void file(int file, int field, Place p) {
        Region r;
        if (field < F_HEADER) {
            r = switch (field) {
                case F_NRPAGES -> Region.F_NRPAGES;
                case F_IMMAP_READERS, F_IMMAP_WRITER -> Region.F_IMMAP_RWSEM;
                case F_IMMAP_WAITERS -> Region.RWSEM_WAIT_LIST;
                default -> Region.F_IMMUTABLE;
            };
        } else if (field < l.fileCache) {
            r = Region.F_DISK;
        } else if (field < l.fileLogical) {
            r = Region.F_CACHE;
        } else {
            r = Region.F_GHOST;
        }
        p.set(r, file, field);
    }

    /** A CPU's words: interrupts off, then its TLB entries ({@code sub}: the CPU). */
    private static void cpu(int cpu, int field, Place p) {
        Region r;
        if (field < CPU_HEADER) {
            r = Region.CPU_IRQS;
        } else {
            r = (field - CPU_HEADER) % TLB_FIELDS == TLB_REVOKED ? Region.TLB_GHOST : Region.TLB;
        }
        p.set(r, cpu, cpu);
    }

    /** The readers word of the rwsem whose readers, writer or wait-list word {@code word} is, or -1. */
    int rwsemReaders(int word) {
        Region r = of(word, -1);
        if (r != Region.MM_SEM && r != Region.AV_RWSEM && r != Region.F_IMMAP_RWSEM && r != Region.RWSEM_WAIT_LIST) {
            return -1;
        }
        if (word < l.avBase) {
            int mm = (word - l.mmBase) / l.mmStride;
            return l.mm(mm, MM_SEM_READERS);
        }
        if (word < l.fileBase) {
            return l.anonVma((word - l.avBase) / AV_FIELDS, AV_LOCK_READERS);
        }
        return l.file((word - l.fileBase) / l.fileStride, F_IMMAP_READERS);
    }

    private static void thread(int tid, int field, Place p) {
        Region r = switch (field) {
            case TH_STATUS -> Region.TH_STATUS;
            case TH_SIGNAL -> Region.TH_SIGNAL;
            case TH_TASK_STATE -> Region.TH_TASK_STATE;
            case TH_HELD -> Region.TH_GHOST;
            case TH_WAIT -> Region.TH_RWSEM_WAITER;
            case TH_TLB_UBC -> Region.TH_TLB_UBC;
            default -> Region.TH_FRAMES;
        };
        p.set(r, tid, field);
    }
}
