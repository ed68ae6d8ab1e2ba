package org.mmspec.checker.fidelity.model;

import java.util.HashMap;
import java.util.Map;

import org.mmspec.checker.fidelity.observe.OpOutcome;
import org.mmspec.checker.fidelity.scenario.Advice;
import org.mmspec.checker.fidelity.scenario.Backing;
import org.mmspec.checker.fidelity.scenario.Op;
import org.mmspec.checker.fidelity.scenario.PageRange;
import org.mmspec.checker.fidelity.scenario.Prot;
import org.mmspec.checker.fidelity.scenario.Region;
import org.mmspec.checker.fidelity.scenario.Scenario;
import org.mmspec.checker.fidelity.scenario.Sharing;
import org.mmspec.checker.fidelity.scenario.Step;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.Outcome;
import org.mmspec.ref.fault.VmFault;
import org.mmspec.ref.fork.Fork;
import org.mmspec.ref.mmap.Mmap;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.proc.FileWrite;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.reclaim.MadvisePageout;
import org.mmspec.ref.unmap.MadviseDontneed;
import org.mmspec.ref.unmap.Mprotect;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.vma.VmFlags;

/**
 * Performs scenario steps on the reference implementation, each as the system call or user access a
 * process makes, run to completion with nothing interleaved ({@link Kernel#run}), and reports the
 * outcome the process sees. Knows which model {@code mm} each scenario process is.
 */
final class StepRunner {

    private final Kernel k;
    private final ModelMachine machine;
    private final Scenario scenario;
    private final Map<String, Integer> files;
    private final Map<String, Integer> mms = new HashMap<>();

    StepRunner(Kernel k, ModelMachine machine, Scenario scenario, Map<String, Integer> files) {
        this.k = k;
        this.machine = machine;
        this.scenario = scenario;
        this.files = files;
        mms.put(Scenario.FIRST_PROCESS, k.mms().mmAlloc());
    }

    /** The model {@code mm} of a scenario process. */
    int mmOf(String process) {
        Integer mm = mms.get(process);
        if (mm == null) {
            throw new IllegalStateException("no process " + process + " in the model run");
        }
        return mm;
    }

    /** Performs one step and returns what its process saw. */
    OpOutcome perform(Step step) {
        int mm = step.op() instanceof Op.Observe ? 0 : mmOf(step.process());
        return switch (step.op()) {
            case Op.Mmap m -> mmap(mm, m.region());
            case Op.Touch t -> touch(mm, t);
            case Op.Fork f -> fork(mm, f.child());
            case Op.Munmap u -> syscall(k.run(Munmap.class, mm, start(u.region(), u.range()), length(u.range())));
            case Op.Mprotect p -> syscall(k.run(Mprotect.class, mm, start(p.region(), p.range()),
                    length(p.range()), prot(p.prot())));
            case Op.Madvise a -> madvise(mm, a);
            case Op.FileWrite w -> syscall(k.run(FileWrite.class, files.get(w.file()), w.page(), w.value()));
            case Op.Exit e -> exit(mm);
            case Op.Observe o -> new OpOutcome.Done();
        };
    }

    /** {@code mmap(MAP_FIXED)} at the region's model address ({@code do_mmap_pgoff}). */
    private OpOutcome mmap(int mm, Region r) {
        int flags = VmFlags.MAP_FIXED | (r.sharing() == Sharing.SHARED ? VmFlags.MAP_SHARED : VmFlags.MAP_PRIVATE);
        int file = -1;
        int pgoff = 0;
        if (r.backing() instanceof Backing.File f) {
            file = files.get(f.file());
            pgoff = f.offsetPages();
        } else {
            flags |= VmFlags.MAP_ANONYMOUS;
        }
        int ret = k.mmap().doMmapPgoff(mm, file, machine.regionBase(r), r.pages() * Geometry.PAGE_SIZE,
                prot(r.prot()), flags, pgoff);
        return ret < 0 ? new OpOutcome.SyscallError(Errno.name(ret)) : new OpOutcome.Done();
    }

    /** A load or store by the process: the MMU access, with {@code do_page_fault} when it faults. */
    private OpOutcome touch(int mm, Op.Touch t) {
        Region r = scenario.region(t.region()).orElseThrow();
        Outcome o = k.run(UserAccess.class, mm, machine.address(r, t.page()), t.write() ? 1 : 0, t.value());
        if (!(o instanceof Outcome.Returned ret)) {
            return failure(o);
        }
        int v = ret.value();
        if (v < 0) {
            int bits = -v;
            if ((bits & (VmFault.VM_FAULT_BADMAP | VmFault.VM_FAULT_BADACCESS | VmFault.VM_FAULT_SIGSEGV)) != 0) {
                return new OpOutcome.SegmentationFault();
            }
            if ((bits & VmFault.VM_FAULT_SIGBUS) != 0) {
                return new OpOutcome.BusError();
            }
            return new OpOutcome.ModelFailure("user access ended in " + VmFault.describe(bits));
        }
        return t.write() ? new OpOutcome.Done() : new OpOutcome.ReadValue(v & 0xFF);
    }

    private OpOutcome fork(int mm, String child) {
        Outcome o = k.run(Fork.class, mm);
        if (!(o instanceof Outcome.Returned ret)) {
            return failure(o);
        }
        if (ret.value() < 0) {
            return new OpOutcome.SyscallError(Errno.name(ret.value()));
        }
        mms.put(child, ret.value());
        return new OpOutcome.Done();
    }

    private OpOutcome madvise(int mm, Op.Madvise a) {
        int start = start(a.region(), a.range());
        int len = length(a.range());
        return syscall(switch (a.advice()) {
            case DONTNEED -> k.run(MadviseDontneed.class, mm, start, len);
            case COLD -> k.run(MadvisePageout.class, mm, start, len, MadvisePageout.MADV_COLD);
            case PAGEOUT -> k.run(MadvisePageout.class, mm, start, len, MadvisePageout.MADV_PAGEOUT);
        });
    }

    /**
     * {@code exit()}: {@code exit_mmap()} unmaps and frees every VMA and page table of the address space,
     * here as one {@code munmap} of the whole user address space (the same {@code unmap_vmas} and
     * {@code free_pgtables}); then the {@code mm} is dropped.
     */
    private OpOutcome exit(int mm) {
        int userEnd = k.geometry().taskSize;
        OpOutcome o = syscall(k.run(Munmap.class, mm, Mmap.MMAP_MIN_ADDR, userEnd - Mmap.MMAP_MIN_ADDR));
        if (o instanceof OpOutcome.Done) {
            k.mms().setUsers(mm, 0);
        }
        return o;
    }

    /** A system call's outcome: {@code ok} for 0, else its errno. */
    private static OpOutcome syscall(Outcome o) {
        if (!(o instanceof Outcome.Returned ret)) {
            return failure(o);
        }
        return ret.value() < 0 ? new OpOutcome.SyscallError(Errno.name(ret.value())) : new OpOutcome.Done();
    }

    private static OpOutcome failure(Outcome o) {
        return switch (o) {
            case Outcome.WouldBlock w -> new OpOutcome.ModelFailure("would block: " + w.reason());
            case Outcome.KernelBug b -> new OpOutcome.ModelFailure(b.fault().message());
            case Outcome.Returned r -> throw new IllegalArgumentException("not a failure: " + r);
        };
    }

    /** Setup calls must succeed; a failure there is a bug in this runner or the model. */
    static void check(Outcome o, String what) {
        if (!(o instanceof Outcome.Returned r) || r.value() < 0) {
            throw new IllegalStateException("model setup failed: " + what + ": " + o);
        }
    }

    private int start(String region, PageRange range) {
        return machine.address(scenario.region(region).orElseThrow(), range.first());
    }

    private static int length(PageRange range) {
        return range.count() * Geometry.PAGE_SIZE;
    }

    private static int prot(Prot p) {
        return (p.read() ? VmFlags.PROT_READ : 0) | (p.write() ? VmFlags.PROT_WRITE : 0);
    }
}
