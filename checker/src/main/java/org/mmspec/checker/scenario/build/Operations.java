package org.mmspec.checker.scenario.build;

import static org.mmspec.checker.scenario.build.ArgType.ADDR;
import static org.mmspec.checker.scenario.build.ArgType.ADVICE;
import static org.mmspec.checker.scenario.build.ArgType.BOOL;
import static org.mmspec.checker.scenario.build.ArgType.GFP;
import static org.mmspec.checker.scenario.build.ArgType.INT;
import static org.mmspec.checker.scenario.build.ArgType.LEN;
import static org.mmspec.checker.scenario.build.ArgType.MM;
import static org.mmspec.checker.scenario.build.ArgType.NONE;
import static org.mmspec.checker.scenario.build.ArgType.PFN;
import static org.mmspec.checker.scenario.build.ArgType.PROT;
import static org.mmspec.checker.scenario.build.ArgType.THREAD;
import static org.mmspec.checker.scenario.build.ArgType.ZONE;
import static org.mmspec.checker.scenario.build.Param.optional;
import static org.mmspec.checker.scenario.build.Param.required;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mmspec.ref.fork.Fork;
import org.mmspec.ref.gup.AccessRemoteVm;
import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.mlock.Mlock;
import org.mmspec.ref.mlock.Munlock;
import org.mmspec.ref.mremap.Mremap;
import org.mmspec.ref.proc.AllocFree;
import org.mmspec.ref.proc.FileWrite;
import org.mmspec.ref.proc.PageLockUser;
import org.mmspec.ref.proc.SendSignal;
import org.mmspec.ref.proc.UaccessUnderMmapSem;
import org.mmspec.ref.proc.UnmapPage;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.reclaim.Kswapd;
import org.mmspec.ref.reclaim.MadvisePageout;
import org.mmspec.ref.reclaim.ShrinkActiveList;
import org.mmspec.ref.reclaim.ShrinkInactiveList;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.unmap.MadviseDontneed;
import org.mmspec.ref.unmap.MadviseRemove;
import org.mmspec.ref.unmap.Mprotect;
import org.mmspec.ref.unmap.Munmap;

/**
 * Everything a scenario can call, by name: the kernel procedures a thread can run (each also usable in
 * the set-up, where it runs to completion with nothing interleaved) and the set-up actions
 * ({@link SetupActions}). Parameters are typed and named, so that {@code user_write(mm, a, 1)} and
 * {@code user_write(mm = mm, addr = a, value = 1)} are the same call and {@code user_write(a, mm, 1)} is
 * a type error. {@code docs/scenarios.md} is the reference.
 */
public final class Operations {

    private static final List<Operation> ALL = build();

    private Operations() {
    }

    /** Every operation: the kernel procedures, then the set-up actions. */
    public static List<Operation> all() {
        return ALL;
    }

    /** The operation called {@code name}. */
    public static Optional<Operation> byName(String name) {
        return ALL.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /** Every operation's name. */
    public static List<String> names() {
        return ALL.stream().map(Operation::name).toList();
    }

    private static List<Operation> build() {
        List<Operation> ops = new ArrayList<>();
        userAccess(ops);
        mappings(ops);
        pages(ops);
        reclaim(ops);
        ops.addAll(ReferenceOperations.procedures()); // issue 10: references that outlive locks
        ops.addAll(SetupActions.all());
        ops.addAll(ReferenceOperations.actions()); // issue 10: set-up for its scenarios
        return List.copyOf(ops);
    }

    private static void userAccess(List<Operation> ops) {
        ops.add(proc("user_access", INT, "a user load or store as the MMU does it, faulting as needed (do_page_fault)",
                UserAccess.class, a -> a, required("mm", MM, "the address space"), required("addr", ADDR, "the address"),
                required("write", BOOL, "a store (true) or a load"), optional("value", INT, 0, "the value stored")));
        ops.add(proc("user_read", INT, "a user load (user_access with write = false)", UserAccess.class,
                a -> new int[] {a[0], a[1], 0, 0}, required("mm", MM, "the address space"), required("addr", ADDR, "the address")));
        ops.add(proc("user_write", NONE, "a user store (user_access with write = true)", UserAccess.class,
                a -> new int[] {a[0], a[1], 1, a[2]}, required("mm", MM, "the address space"),
                required("addr", ADDR, "the address"), required("value", INT, "the value stored")));
        ops.add(proc("access_remote_vm", INT, "/proc/pid/mem or ptrace access: __access_remote_vm() with"
                + " get_user_pages_remote(FOLL_FORCE, and FOLL_WRITE for a write)", AccessRemoteVm.class, a -> a,
                required("mm", MM, "the address space"), required("addr", ADDR, "the address"),
                optional("value", INT, 0, "the value written"), optional("write", BOOL, 0, "a write (true) or a read")));
        ops.add(proc("uaccess_under_mmap_sem", INT, "a system call that holds mmap_sem for read and copies to a user"
                + " buffer (copy_to_user, faulting as needed) before or after up_read", UaccessUnderMmapSem.class,
                a -> new int[] {a[0], a[1], a[2] != 0 ? UaccessUnderMmapSem.COPY_UNDER_LOCK
                    : UaccessUnderMmapSem.COPY_AFTER_UNLOCK, a[3]},
                required("mm", MM, "the address space"), required("buf", ADDR, "the user buffer"),
                required("under_lock", BOOL, "copy while still holding mmap_sem (true: a recursive down_read if it"
                        + " faults) or after up_read"), optional("value", INT, 1, "the value copied")));
    }

    private static void mappings(List<Operation> ops) {
        ops.add(proc("madvise_dontneed", NONE, "madvise(MADV_DONTNEED): zap the range's PTEs under mmap_sem (read)",
                MadviseDontneed.class, a -> a, range()));
        ops.add(proc("madvise_remove", NONE, "madvise(MADV_REMOVE): punch a hole in the shmem/file backing the range",
                MadviseRemove.class, a -> a, range()));
        ops.add(proc("madvise_pageout", NONE, "madvise(MADV_COLD or MADV_PAGEOUT): deactivate or reclaim the range's pages",
                MadvisePageout.class, a -> a, required("mm", MM, "the address space"),
                required("start", ADDR, "the first address"), required("len", LEN, "the length in bytes"),
                optional("advice", ADVICE, MadvisePageout.MADV_PAGEOUT, "MADV_COLD or MADV_PAGEOUT")));
        ops.add(proc("munmap", NONE, "munmap(): do_munmap() under mmap_sem (write)", Munmap.class, a -> a, range()));
        ops.add(proc("mprotect", NONE, "mprotect(): mprotect_fixup() and change_pte_range()", Mprotect.class, a -> a,
                required("mm", MM, "the address space"), required("start", ADDR, "the first address"),
                required("len", LEN, "the length in bytes"), required("prot", PROT, "the new PROT_* flags")));
        ops.add(proc("mremap", ADDR, "mremap(MREMAP_MAYMOVE|MREMAP_FIXED): move_vma() and move_page_tables();"
                + " returns the new address", Mremap.class, a -> a, required("mm", MM, "the address space"),
                required("addr", ADDR, "the old address"), required("len", LEN, "the length in bytes"),
                required("new_addr", ADDR, "the new address")));
        ops.add(proc("mlock", INT, "mlock(): VM_LOCKED on the range, then populate it (mlock_vma_page on each page)",
                Mlock.class, a -> a, range()));
        ops.add(proc("munlock", INT, "munlock(): VM_LOCKED off the range, munlock_vma_page on each page",
                Munlock.class, a -> a, range()));
        ops.add(proc("fork", MM, "fork(): dup_mmap() and copy_pte_range() with COW write-protection; returns the child's mm",
                Fork.class, a -> a, required("mm", MM, "the parent's address space")));
    }

    private static Param[] range() {
        return new Param[] {required("mm", MM, "the address space"), required("start", ADDR, "the first address"),
            required("len", LEN, "the length in bytes")};
    }

    private static void pages(List<Operation> ops) {
        ops.add(proc("alloc_pages", PFN, "__alloc_pages_nodemask(): a block of 2^order pages, kept by the caller",
                AllocPages.class, a -> a, required("gfp", GFP, "the GFP_* flags"),
                optional("order", INT, 0, "log2 of the number of pages")));
        ops.add(proc("alloc_pages_user", INT, "a kernel user of the page allocator: alloc_pages() and, with free,"
                + " __free_pages() afterwards", AllocFree.class, a -> a, required("gfp", GFP, "the GFP_* flags"),
                optional("order", INT, 0, "log2 of the number of pages"), optional("free", BOOL, 0, "free the block again")));
        ops.add(proc("page_lock_user", NONE, "lock_page() (or lock_page_killable()), a critical section, unlock_page()",
                PageLockUser.class, a -> a, required("pfn", PFN, "the page"),
                optional("killable", BOOL, 0, "use lock_page_killable()")));
        ops.add(proc("unmap_page", INT, "the unmap step of split_huge_page(): get_page(), try_to_unmap(),"
                + " VM_BUG_ON_PAGE(page_mapped(page)), put_page()", UnmapPage.class, a -> a,
                required("pfn", PFN, "the page")));
        ops.add(proc("send_sigkill", NONE, "kill(SIGKILL) as MM sees it: send_sig_info() and signal_wake_up()",
                SendSignal.class, a -> a, required("target", THREAD, "the thread killed")));
        ops.add(proc("file_write", NONE, "write(2) of one page: generic_perform_write()", FileWrite.class, a -> a,
                required("file", ArgType.FILE, "the file"), required("index", INT, "the page index"),
                required("value", INT, "the value written")));
    }

    private static void reclaim(List<Operation> ops) {
        ops.add(proc("kswapd", NONE, "kswapd(): sleeps until woken below the low watermark, then balance_pgdat()",
                Kswapd.class, a -> a, optional("zone", ZONE, 0, "the zone")));
        ops.add(proc("shrink_zone", INT, "shrink_zone(): one reclaim pass over the anon and file LRU lists",
                ShrinkZone.class, a -> a, optional("zone", ZONE, 0, "the zone"),
                optional("kswapd", BOOL, 0, "run as kswapd (true) or as direct reclaim")));
        ops.add(proc("shrink_active_list", INT, "shrink_active_list(): move the page at the tail of an active list to"
                + " the inactive one (page_referenced())", ShrinkActiveList.class, a -> a,
                optional("zone", ZONE, 0, "the zone"), optional("anon", BOOL, 1, "the anon lists (true) or the file lists")));
        ops.add(proc("shrink_inactive_list", INT, "shrink_inactive_list(): isolate one page and shrink_page_list() it",
                ShrinkInactiveList.class, a -> a, optional("zone", ZONE, 0, "the zone"),
                optional("anon", BOOL, 1, "the anon lists (true) or the file lists"),
                optional("kswapd", BOOL, 0, "run as kswapd (true) or as direct reclaim")));
    }

    private static Operation proc(String name, ArgType result, String summary, Class<? extends Procedure> p, Operation.Locals locals,
            Param... params) {
        return new Operation(name, List.of(params), result, summary, Optional.of(p), locals, null);
    }
}
