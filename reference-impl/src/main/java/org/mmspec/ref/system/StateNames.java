package org.mmspec.ref.system;

import static org.mmspec.ref.state.Layout.*;
import static org.mmspec.ref.system.WordValues.*;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.pin.GupPins;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.swap.SwapDevice;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.ScopedLock;
import org.mmspec.ref.sync.Locks;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.spec.semantics.Change;

/**
 * Names the words of the state vector in kernel vocabulary, to show what a step changed:
 * {@code page[3]._mapcount 0→-1}, {@code pte(mm1, 0x1000) pfn 3 rw→none}. Thread-internal words
 * (program counters, locals) are left out; the step label already says where the thread is.
 */
final class StateNames {

    private static final String[] ZONE_FIELDS = {"vm_stat[NR_FREE_PAGES]", "kswapd_classzone_idx",
        "ghost.watermark_breach_by", "nr_isolated", "kswapd_wait"};
    private static final String[] MM_FIELDS = {"mm_users", "mmap_sem.readers", "mmap_sem.writer",
        "mmap_sem.wait_list", "map_count", "rss[MM_ANONPAGES]", "rss[MM_FILEPAGES]", "rss[MM_SWAPENTS]", "mm_cpumask",
        "tlb_flush_pending", "tlb_flush_batched", "has_pinned", "write_protect_seq"};
    private static final String[] VMA_FIELDS_NAMES = {"vm_start", "vm_end", "vm_flags", "vm_file", "vm_pgoff",
        "anon_vma", "anon_vma_chain"};
    private static final String[] PAGE_FIELD_NAMES = {"flags", "_refcount", "_mapcount", "mapping", "index", "lru.prev",
        "lru.next", "private", "data", "ghost.locked_by", "ghost.gup_pins", "ghost.owners"};

    private static final String[] TASK_STATES = {"TASK_RUNNING", "TASK_UNINTERRUPTIBLE", "TASK_KILLABLE",
        "TASK_INTERRUPTIBLE"};

    private final Config c;
    private final Layout l;
    private final List<String> names;

    StateNames(Config config, List<String> names) {
        this.c = config;
        this.l = new Layout(config);
        this.names = names;
    }

    List<Change> diff(KernelState a, KernelState b) {
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            int x = a.word(i);
            int y = b.word(i);
            if (x != y) {
                Change ch = describe(i, x, y);
                if (ch != null) {
                    out.add(ch);
                }
            }
        }
        return out;
    }

    /**
     * Every word of {@code s} that holds something, named: {@code page[3]._refcount = 1},
     * {@code pte(mm1, 0x1000) = pfn 3 ro young}, one entry per word that is not zero (thread-internal words
     * left out).
     */
    List<String> all(KernelState s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            int v = s.word(i);
            if (v != 0) {
                Change ch = describe(i, 0, v);
                if (ch != null) {
                    out.add(ch.variable() + " = " + ch.after());
                }
            }
        }
        return out;
    }

    /**
     * The kernel name of word {@code i} ({@code mask}: the bits accessed, -1 for all), e.g.
     * {@code pte(mm1, 0x1000)} or {@code page[3].flags PG_locked}; a negative {@code i} names a lock held
     * only inside steps ({@code -1 - ScopedLock.encode(obj)}).
     */
    String wordName(int i, int mask) {
        if (i < 0) {
            int enc = -1 - i;
            int obj = ScopedLock.objectOf(enc);
            return ScopedLock.classOf(enc).kernelName() + (obj < 0 ? "(swapper)" : "(" + obj + ")");
        }
        if (i >= l.pageBase && i < l.zoneBase && (i - l.pageBase) % PAGE_FIELDS == PG_FLAGS) {
            String flags = "page[" + (i - l.pageBase) / PAGE_FIELDS + "].flags";
            StringBuilder sb = new StringBuilder(flags);
            for (PageFlag f : PageFlag.values()) {
                if (mask != -1 && (mask & f.mask()) != 0) {
                    sb.append(' ').append(f.kernelName());
                }
            }
            return sb.toString();
        }
        Change ch = describe(i, 0, 1);
        if (ch != null) {
            return ch.variable();
        }
        if (i < GLOBALS) {
            return "global[" + i + "]";
        }
        if (i < l.zoneBase) {
            return "page[" + (i - l.pageBase) / PAGE_FIELDS + "]." + PAGE_FIELD_NAMES[(i - l.pageBase) % PAGE_FIELDS];
        }
        if (i < l.mmBase) {
            return "zone[" + (i - l.zoneBase) / l.zoneStride + "] list word " + (i - l.zoneBase) % l.zoneStride;
        }
        if (i >= l.wqBase && i < l.cacheBase) {
            return i == l.waitQueueLock() ? "page_waitqueue.lock"
                    : "page_wait_queue[" + (i - l.wqBase - 1) / WQ_FIELDS + "] field " + (i - l.wqBase - 1) % WQ_FIELDS;
        }
        if (i >= l.threadBase) {
            int tid = (i - l.threadBase) / l.threadStride;
            return threadName(tid) + ".frames";
        }
        return "word " + i;
    }

    private Change describe(int i, int x, int y) {
        if (i < GLOBALS) {
            return global(i, x, y);
        }
        if (i < l.zoneBase) {
            return page((i - l.pageBase) / PAGE_FIELDS, (i - l.pageBase) % PAGE_FIELDS, x, y);
        }
        if (i < l.mmBase) {
            return zone((i - l.zoneBase) / l.zoneStride, (i - l.zoneBase) % l.zoneStride, x, y);
        }
        if (i < l.avBase) {
            return mm((i - l.mmBase) / l.mmStride, (i - l.mmBase) % l.mmStride, x, y);
        }
        if (i < l.fileBase) {
            int av = (i - l.avBase) / AV_FIELDS;
            int field = (i - l.avBase) % AV_FIELDS;
            String[] f = {"refs", "root"};
            return field >= AV_LOCK_READERS ? rwsem("anon_vma" + av + "->rwsem", field - AV_LOCK_READERS, x, y)
                    : change("anon_vma" + av + "." + f[field], x, y);
        }
        if (i < l.swapBase) {
            return file((i - l.fileBase) / l.fileStride, (i - l.fileBase) % l.fileStride, x, y);
        }
        if (i < l.wqBase) {
            int slot = (i - l.swapBase) / SW_FIELDS + 1;
            String[] f = {"swap_map", "data", "swap_cache"};
            int field = (i - l.swapBase) % SW_FIELDS;
            return field == SW_CACHE ? change("swap[" + slot + "].swap_cache", pfnOrNone(x), pfnOrNone(y))
                    : change("swap[" + slot + "]." + f[field], x, y);
        }
        if (i < l.bioBase) {
            if (i == l.waitQueueLock()) {
                return change("page_waitqueue.lock", threadOrFree(x), threadOrFree(y));
            }
            return waitQueue((i - l.wqBase - 1) / WQ_FIELDS, (i - l.wqBase - 1) % WQ_FIELDS, x, y);
        }
        if (i < l.holderBase) {
            return bio((i - l.bioBase) / BIO_FIELDS, (i - l.bioBase) % BIO_FIELDS, x, y);
        }
        if (i < l.cacheBase) {
            return holder((i - l.holderBase) / H_FIELDS, (i - l.holderBase) % H_FIELDS, x, y);
        }
        if (i < l.vmBase) {
            String[] f = {"size", "objs_per_slab", "active_objs", "nr_slabs"};
            return change("kmem_cache" + (i - l.cacheBase) / KC_FIELDS + "." + f[(i - l.cacheBase) % KC_FIELDS], x, y);
        }
        if (i < l.cpuBase) {
            int area = (i - l.vmBase) / l.vmStride;
            int field = (i - l.vmBase) % l.vmStride;
            return change("vm_struct" + area + (field == VM_START ? ".addr" : field == VM_NR_PAGES ? ".nr_pages"
                    : ".pages[" + (field - VM_HEADER) + "]"), x, y);
        }
        if (i < l.threadBase) {
            return cpu((i - l.cpuBase) / l.cpuStride, (i - l.cpuBase) % l.cpuStride, x, y);
        }
        return thread((i - l.threadBase) / l.threadStride, (i - l.threadBase) % l.threadStride, x, y);
    }

    /** One word of an rwsem: {@code which} 0 readers, 1 writer, 2 wait list. */
    private Change rwsem(String name, int which, int x, int y) {
        return switch (which) {
            case 0 -> change(name, Locks.holders(x, 0, this::threadName), Locks.holders(y, 0, this::threadName));
            case 1 -> change(name, Locks.holders(0, x, this::threadName), Locks.holders(0, y, this::threadName));
            default -> change(name + ".wait_list", waitList(x), waitList(y));
        };
    }

    private String waitList(int w) {
        return w == 0 ? "empty" : Locks.waiters(w, 0, Locks.length(w), this::threadName);
    }

    private Change cpu(int cpu, int field, int x, int y) {
        String name = "cpu" + cpu + ".";
        if (field == CPU_IRQS_OFF) {
            return change(name + "irqs_disabled", x == 0 ? "no" : "by " + threadName(x - 1),
                    y == 0 ? "no" : "by " + threadName(y - 1));
        }
        int entry = (field - CPU_HEADER) / TLB_FIELDS;
        return switch ((field - CPU_HEADER) % TLB_FIELDS) {
            case TLB_TAG -> change(name + "tlb[" + entry + "]", tlbTag(x), tlbTag(y));
            case TLB_PTE -> change(name + "tlb[" + entry + "].pte", Pte.describe(x), Pte.describe(y));
            default -> change(name + "tlb[" + entry + "].ghost.revoked", x != 0 ? "yes" : "no", y != 0 ? "yes" : "no");
        };
    }

    private Change global(int i, int x, int y) {
        return switch (i) {
            case G_OOPS_KIND -> change("oops", x == 0 ? "none" : "BUG", y == 0 ? "none" : "BUG");
            case G_WRITE_PFN -> change("ghost.last_write.page", pfnOrNone(x), pfnOrNone(y));
            case G_WRITE_ADDR -> change("ghost.last_write.addr", hex(x), hex(y));
            case G_LOCKORDER_TID -> change("ghost.lock_order_inversion_by", threadOrNone(x), threadOrNone(y));
            case G_PIN_FREED -> change("ghost.pinned_page_freed", pfnOrNone(x), pfnOrNone(y));
            case G_STALE_TLB_TID -> change("ghost.access_through_revoked_tlb_entry", threadOrNone(x), threadOrNone(y));
            case G_IO_IDLE -> change("io_wait", threadOrNone(x), threadOrNone(y));
            case G_SWAP_FLAGS -> change("swap_info.flags", SwapDevice.describe(x), SwapDevice.describe(y));
            case G_SWAP_USERS -> change("swap_info.users", x, y);
            default -> null;
        };
    }

    private Change page(int pfn, int field, int x, int y) {
        String name = "page[" + pfn + "]." + PAGE_FIELD_NAMES[field];
        return switch (field) {
            case PG_FLAGS -> change(name, PageFlag.describe(x), PageFlag.describe(y));
            case PG_MAPPING -> change(name, Mapping.describe(x), Mapping.describe(y));
            case PG_LRU_NEXT -> (x & Pages.TAIL_TAG) != 0 || (y & Pages.TAIL_TAG) != 0
                    ? change("page[" + pfn + "].compound_head", tail(x), tail(y)) : null;
            case PG_LRU_PREV -> null;
            case PG_LOCKER -> change("page[" + pfn + "].locked_by", threadOrNone(x), threadOrNone(y));
            case PG_OWNERS -> (x & PG_WB_OWNER_MASK) != (y & PG_WB_OWNER_MASK)
                    ? change("page[" + pfn + "].writeback_by", threadOrNone(x & PG_WB_OWNER_MASK),
                            threadOrNone(y & PG_WB_OWNER_MASK))
                    : change("page[" + pfn + "].freed_by", threadOrNone(x >>> 8), threadOrNone(y >>> 8));
            default -> change(name, x, y);
        };
    }

    private Change zone(int zone, int field, int x, int y) {
        String z = "zone[" + zone + "].";
        if (field < Z_HEADER) {
            return field == Z_WMARK_BREACH || field == Z_KSWAPD_WAITER
                    ? change(z + ZONE_FIELDS[field], threadOrNone(x), threadOrNone(y))
                    : change(z + ZONE_FIELDS[field], x, y);
        }
        if (field < l.zoneFreeArea) {
            return change(z + "pcp[cpu" + (field - l.zonePcp) + "].vm_stat_diff", x, y);
        }
        if (field < l.zoneLru) {
            int order = (field - l.zoneFreeArea) / LIST_FIELDS;
            return (field - l.zoneFreeArea) % LIST_FIELDS == LIST_COUNT
                    ? change(z + "free_area[" + order + "].nr_free", x, y) : null;
        }
        int lru = (field - l.zoneLru) / LIST_FIELDS;
        return (field - l.zoneLru) % LIST_FIELDS == LIST_COUNT ? change(z + "lru[" + Lru.name(lru) + "].nr", x, y) : null;
    }

    private Change mm(int mm, int field, int x, int y) {
        String prefix = "mm" + mm + ".";
        if (field < MM_HEADER) {
            return switch (field) {
                case MM_SEM_READERS, MM_SEM_WRITER, MM_SEM_WAITERS -> rwsem(prefix + "mmap_sem",
                        field == MM_SEM_READERS ? 0 : field == MM_SEM_WRITER ? 1 : 2, x, y);
                case MM_CPUMASK -> change(prefix + MM_FIELDS[field], cpus(x), cpus(y));
                default -> change(prefix + MM_FIELDS[field], x, y);
            };
        }
        if (field < l.mmPmds) {
            int slot = (field - l.mmVmas) / VMA_FIELDS;
            int f = (field - l.mmVmas) % VMA_FIELDS;
            String name = prefix + "vma[" + slot + "]." + VMA_FIELDS_NAMES[f];
            return switch (f) {
                case VMA_START, VMA_END -> change(name, hex(x), hex(y));
                case VMA_FLAGS -> change(name, VmFlags.describe(x), VmFlags.describe(y));
                default -> change(name, x, y);
            };
        }
        int userBase = mm == 0 ? c.userPgds() : 0;
        int tablePages = c.ptrsPerPte();
        if (field < l.mmPtls) {
            int table = field - l.mmPmds;
            return change(prefix + "pmd[" + hex(tableAddr(userBase, table)) + "]", x == 0 ? "none" : "table",
                    y == 0 ? "none" : "table");
        }
        if (field < l.mmPtes) {
            int table = field - l.mmPtls;
            return change(prefix + "ptl[" + hex(tableAddr(userBase, table)) + "]", threadOrFree(x), threadOrFree(y));
        }
        if (field < l.mmLogical) {
            int index = field - l.mmPtes;
            int addr = tableAddr(userBase, index / tablePages) + ((index % tablePages) << Geometry.PAGE_SHIFT);
            return change("pte(mm" + mm + ", " + hex(addr) + ")", Pte.describe(x), Pte.describe(y));
        }
        int page = field - l.mmLogical;
        return change("ghost.expected(mm" + mm + ", " + hex(page << Geometry.PAGE_SHIFT) + ")", logical(x), logical(y));
    }

    private int tableAddr(int userBase, int table) {
        int pgd = table / c.ptrsPerPmd() + userBase;
        int pmd = table % c.ptrsPerPmd();
        return (pgd * c.ptrsPerPmd() + pmd) * (c.ptrsPerPte() << Geometry.PAGE_SHIFT);
    }

    private Change file(int file, int field, int x, int y) {
        String f = "file" + file + ".";
        if (field < F_HEADER) {
            String[] names = {"kind", "i_size", "nrpages"};
            if (field >= F_IMMAP_READERS) {
                return rwsem(f + "i_mmap_rwsem", field - F_IMMAP_READERS, x, y);
            }
            return change(f + names[field], x, y);
        }
        int p = c.filePages();
        if (field < F_HEADER + p) {
            return change(f + "disk[" + (field - F_HEADER) + "]", x, y);
        }
        if (field < F_HEADER + 2 * p) {
            return change(f + "page_cache[" + (field - F_HEADER - p) + "]", cacheSlot(x), cacheSlot(y));
        }
        return change("ghost.expected(" + f + "[" + (field - F_HEADER - 2 * p) + "])", x, y);
    }

    private Change waitQueue(int entry, int field, int x, int y) {
        if (field != WQ_TID) {
            return null;
        }
        return change("page_wait_queue[" + entry + "]", threadOrNone(x), threadOrNone(y));
    }

    private Change bio(int bio, int field, int x, int y) {
        return switch (field) {
            case BIO_OP -> change("bio[" + bio + "]", Bios.describeOp(x), Bios.describeOp(y));
            case BIO_PFN -> change("bio[" + bio + "].page", pfnOrNone(x), pfnOrNone(y));
            default -> null;
        };
    }

    private Change holder(int slot, int field, int x, int y) {
        return switch (field) {
            case H_PFN -> change("gup_holder[" + slot + "].page", pfnOrNone(x), pfnOrNone(y));
            case H_FLAGS -> change("gup_holder[" + slot + "].flags", GupPins.describe(x), GupPins.describe(y));
            default -> null;
        };
    }

    private String threadSet(int mask) {
        if (mask == 0) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < 31; t++) {
            if ((mask & (1 << t)) != 0) {
                sb.append(sb.isEmpty() ? "" : ",").append(threadName(t));
            }
        }
        return sb.toString();
    }

    private Change thread(int tid, int field, int x, int y) {
        String name = tid < names.size() ? names.get(tid) : "seq";
        return switch (field) {
            case TH_STATUS -> change(name + ".state", ThreadStatus.of(x).name(), ThreadStatus.of(y).name());
            case TH_SIGNAL -> change(name + ".fatal_signal_pending", x != 0 ? "yes" : "no", y != 0 ? "yes" : "no");
            case TH_TASK_STATE -> change(name + ".task_state", TASK_STATES[x & 3], TASK_STATES[y & 3]);
            case TH_WAIT -> change(name + ".rwsem_waiter", rwsemWaiter(x), rwsemWaiter(y));
            case TH_TLB_UBC -> change(name + ".tlb_ubc", tlbUbc(x), tlbUbc(y));
            default -> null;
        };
    }

    private static Change change(String name, int x, int y) {
        return new Change(name, Integer.toString(x), Integer.toString(y));
    }

    private static Change change(String name, String x, String y) {
        return x.equals(y) ? null : new Change(name, x, y);
    }

    private String threadOrNone(int v) {
        return v == 0 ? "none" : threadName(v - 1);
    }

    private String threadOrFree(int v) {
        return v == 0 ? "free" : threadName(v - 1);
    }

    private String threadName(int tid) {
        return tid < names.size() ? names.get(tid) : "seq";
    }

}
