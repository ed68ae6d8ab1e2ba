package org.mmspec.checker.scenario.build;

import org.mmspec.checker.scenario.SetupFailure;
import static org.mmspec.checker.scenario.build.ArgType.ADDR;
import static org.mmspec.checker.scenario.build.ArgType.FILE;
import static org.mmspec.checker.scenario.build.ArgType.FILE_KIND;
import static org.mmspec.checker.scenario.build.ArgType.INTS;
import static org.mmspec.checker.scenario.build.ArgType.LEN;
import static org.mmspec.checker.scenario.build.ArgType.MAP;
import static org.mmspec.checker.scenario.build.ArgType.MM;
import static org.mmspec.checker.scenario.build.ArgType.NONE;
import static org.mmspec.checker.scenario.build.ArgType.PFN;
import static org.mmspec.checker.scenario.build.ArgType.PROT;
import static org.mmspec.checker.scenario.build.ArgType.ZONE;
import static org.mmspec.checker.scenario.build.Param.optional;
import static org.mmspec.checker.scenario.build.Param.required;

import java.util.List;
import java.util.Optional;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.Outcome;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.pgtable.Pte;

/**
 * The set-up actions: sequential calls on the machine being prepared that are not step machines
 * ({@code mm_alloc()}, {@code mmap()}, {@code create_file()}, ...). Each either succeeds or throws
 * {@link SetupFailure} saying why.
 */
final class SetupActions {

    private SetupActions() {
    }

    static List<Operation> all() {
        return List.of(
                action("mm_alloc", MM, "mm_alloc(): a new, empty address space", SetupActions::mmAlloc),
                action("mmap", ADDR, "do_mmap_pgoff(): a new mapping; returns its address", SetupActions::mmap,
                        required("mm", MM, "the address space"), required("len", LEN, "the length in bytes"),
                        required("prot", PROT, "PROT_* flags"), required("flags", MAP, "MAP_* flags"),
                        optional("file", FILE, -1, "the file mapped, or none for anonymous memory"),
                        optional("pgoff", ArgType.INT, 0, "the file page the mapping starts at"),
                        optional("addr", ADDR, 0, "the address asked for (0: the kernel chooses)")),
                action("create_file", FILE, "a file of the given kind whose pages hold the given values (fully cached on"
                        + " first access, like a file just read)", SetupActions::createFile,
                        required("kind", FILE_KIND, "REGULAR_RW, REGULAR_RO or SHMEM"),
                        required("contents", INTS, "one value per page, e.g. {100, 200}")),
                action("pfn_at", PFN, "the page frame a present PTE maps at an address", SetupActions::pfnAt,
                        required("mm", MM, "the address space"), required("addr", ADDR, "the address")),
                action("mark_page_accessed", NONE, "mark_page_accessed(): referenced, then (second call) active",
                        (k, a) -> {
                            k.lru().moves().markPageAccessed(a.scalar(0));
                            return 0;
                        }, required("pfn", PFN, "the page")),
                action("refresh_cpu_vm_stats", NONE, "refresh_cpu_vm_stats(): fold the per-cpu vm_stat deltas into the zone",
                        (k, a) -> {
                            k.zones().refreshCpuVmStats();
                            return 0;
                        }),
                action("warm_tlb", NONE, "the MMU of a CPU caches the translation a present PTE gives (a TLB fill)",
                        SetupActions::warmTlb, required("cpu", ArgType.INT, "the CPU"),
                        required("mm", MM, "the address space"), required("addr", ADDR, "the address")),
                action("clear_kswapd_wake", NONE, "forget a pending kswapd wake-up of a zone", (k, a) -> {
                    k.zones().clearKswapdWake(a.scalar(0));
                    return 0;
                }, optional("zone", ZONE, 0, "the zone")));
    }

    private static Operation action(String name, ArgType result, String summary, Operation.Action action,
            Param... params) {
        return new Operation(name, List.of(params), result, summary, Optional.empty(), null, action);
    }

    private static int mmAlloc(Kernel k, Operation.Args a) {
        if (!(k.attempt(() -> k.mms().mmAlloc()) instanceof Outcome.Returned r) || r.value() < 0) {
            throw new SetupFailure("mm_alloc: no free mm_struct (the machine has " + k.config().nrUserMms()
                    + "; raise machine { mms = N; })");
        }
        return r.value();
    }

    private static int mmap(Kernel k, Operation.Args a) {
        int addr = k.mmap().doMmapPgoff(a.scalar(0), a.scalar(4), a.scalar(6), a.scalar(1), a.scalar(2), a.scalar(3),
                a.scalar(5));
        if (addr < 0) {
            throw new SetupFailure("mmap returned " + addr + " (" + errno(addr) + ")");
        }
        return addr;
    }

    private static int createFile(Kernel k, Operation.Args a) {
        int[] contents = a.list(1);
        if (contents.length == 0 || contents.length > k.config().filePages()) {
            throw new SetupFailure("create_file: a file has 1 to " + k.config().filePages() + " pages here (got "
                    + contents.length + "; raise machine { file_pages = N; })");
        }
        Outcome o = k.attempt(() -> k.pageCache().createFile(FileKind.of(a.scalar(0)), contents));
        int file = o instanceof Outcome.Returned r ? r.value() : -1;
        if (file < 0) {
            throw new SetupFailure("create_file: no free inode (the machine has " + k.config().nrFiles()
                    + "; raise machine { files = N; })");
        }
        return file;
    }

    private static int pfnAt(Kernel k, Operation.Args a) {
        int pte = k.pageTables().pteValue(a.scalar(0), a.scalar(1));
        if (!Pte.ptePresent(pte)) {
            throw new SetupFailure("pfn_at: nothing is mapped at 0x" + Integer.toHexString(a.scalar(1))
                    + " (touch it first, e.g. user_read(mm, addr))");
        }
        return Pte.ptePfn(pte);
    }

    private static int warmTlb(Kernel k, Operation.Args a) {
        int cpu = a.scalar(0);
        if (cpu < 0 || cpu >= k.config().nrCpus()) {
            throw new SetupFailure("warm_tlb: no CPU " + cpu + " (the machine has " + k.config().nrCpus()
                    + "; raise machine { cpus = N; })");
        }
        int pte = k.pageTables().pteValue(a.scalar(1), a.scalar(2));
        if (!Pte.ptePresent(pte)) {
            throw new SetupFailure("warm_tlb: nothing is mapped at 0x" + Integer.toHexString(a.scalar(2))
                    + " (touch it first, e.g. user_read(mm, addr))");
        }
        if (k.config().tlbEntries() == 0) {
            throw new SetupFailure("warm_tlb: the machine has no TLB entries (raise machine { tlb_entries = N; })");
        }
        k.tlb().fill(cpu, a.scalar(1), a.scalar(2), pte);
        return 0;
    }

    /** {@code -ENOMEM} and friends, for messages. */
    static String errno(int v) {
        return switch (-v) {
            case 1 -> "EPERM";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES";
            case 14 -> "EFAULT";
            case 22 -> "EINVAL";
            case 27 -> "EFBIG";
            default -> "error";
        };
    }
}
