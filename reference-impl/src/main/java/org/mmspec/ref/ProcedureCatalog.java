package org.mmspec.ref;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.alloc.FreePages;
import org.mmspec.ref.fault.DoAnonymousPage;
import org.mmspec.ref.fault.DoFault;
import org.mmspec.ref.fault.DoFaultAround;
import org.mmspec.ref.fault.DoPageFault;
import org.mmspec.ref.fault.DoSwapPage;
import org.mmspec.ref.fault.DoWpPage;
import org.mmspec.ref.fault.FilemapFault;
import org.mmspec.ref.fault.HandleMmFault;
import org.mmspec.ref.fault.LockPageOrRetry;
import org.mmspec.ref.fault.WpPageCopy;
import org.mmspec.ref.fork.Fork;
import org.mmspec.ref.gup.AccessRemoteVm;
import org.mmspec.ref.gup.FollowPage;
import org.mmspec.ref.gup.GetUserPages;
import org.mmspec.ref.mlock.Mlock;
import org.mmspec.ref.mlock.Munlock;
import org.mmspec.ref.mlock.MunlockVmaPage;
import org.mmspec.ref.mremap.Mremap;
import org.mmspec.ref.gup.GetUserPagesUnlocked;
import org.mmspec.ref.gup.GupFast;
import org.mmspec.ref.io.DioComplete;
import org.mmspec.ref.io.DirectIo;
import org.mmspec.ref.io.FilemapWriteAndWait;
import org.mmspec.ref.io.InvalidateInodePages2;
import org.mmspec.ref.io.IoCompletion;
import org.mmspec.ref.io.PipeRead;
import org.mmspec.ref.io.Vmsplice;
import org.mmspec.ref.io.EndPageWriteback;
import org.mmspec.ref.pagelock.FinishWait;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.PageBitWaits;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pagelock.WaitOnPageBit;
import org.mmspec.ref.pagelock.WakeUpPageBit;
import org.mmspec.ref.pageref.DeleteFromSwapCache;
import org.mmspec.ref.pageref.FindGetPage;
import org.mmspec.ref.pageref.FreeSwapAndCache;
import org.mmspec.ref.pageref.MarkPageAccessed;
import org.mmspec.ref.pageref.MlockVmaPage;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.pageref.PutbackLruPage;
import org.mmspec.ref.pageref.ReuseSwapPage;
import org.mmspec.ref.pageref.TryToFreeSwap;
import org.mmspec.ref.proc.AllocFree;
import org.mmspec.ref.proc.CompoundUser;
import org.mmspec.ref.proc.FileWrite;
import org.mmspec.ref.proc.PageLockUser;
import org.mmspec.ref.proc.SendSignal;
import org.mmspec.ref.proc.UaccessUnderMmapSem;
import org.mmspec.ref.proc.UnmapPage;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.reclaim.FreePagesEstimate;
import org.mmspec.ref.reclaim.Kswapd;
import org.mmspec.ref.reclaim.MadvisePageout;
import org.mmspec.ref.reclaim.ShrinkActiveList;
import org.mmspec.ref.reclaim.ShrinkInactiveList;
import org.mmspec.ref.reclaim.ShrinkPage;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.reclaim.WakeupKswapd;
import org.mmspec.ref.rmapwalk.PageReferenced;
import org.mmspec.ref.rmapwalk.RmapWalk;
import org.mmspec.ref.swapfile.SwapWalk;
import org.mmspec.ref.swapfile.Swapoff;
import org.mmspec.ref.swapfile.Swapon;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.threads.ProcedureTable;
import org.mmspec.ref.tlbflush.FlushTlb;
import org.mmspec.ref.unmap.MadviseDontneed;
import org.mmspec.ref.unmap.MadviseFree;
import org.mmspec.ref.unmap.MadviseRemove;
import org.mmspec.ref.unmap.Mprotect;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.unmap.TruncateRange;
import org.mmspec.ref.unmap.UnmapMappingRange;
import org.mmspec.ref.unmap.ZapPteRange;

/**
 * Builds the procedures of one machine, each with the kernel objects it uses and the procedures it
 * calls (callees first), and numbers them in {@link #FRAME_ORDER}: a frame stores its procedure's
 * number, so that order is part of the state encoding — append new procedures at the end.
 */
final class ProcedureCatalog {

    /** Every procedure, in frame-number order. */
    static final List<Class<? extends Procedure>> FRAME_ORDER = List.of(
            LockPage.class,
            UnlockPage.class,
            WaitOnPageBit.class,
            PageBitWaits.class,
            AllocPages.class,
            DoPageFault.class,
            HandleMmFault.class,
            DoAnonymousPage.class,
            DoFault.class,
            FilemapFault.class,
            DoWpPage.class,
            WpPageCopy.class,
            DoSwapPage.class,
            RmapWalk.class,
            PageReferenced.class,
            ShrinkPage.class,
            ShrinkInactiveList.class,
            ShrinkActiveList.class,
            ShrinkZone.class,
            Kswapd.class,
            ZapPteRange.class,
            Munmap.class,
            MadviseDontneed.class,
            Mprotect.class,
            UnmapMappingRange.class,
            TruncateRange.class,
            MadviseRemove.class,
            Fork.class,
            FollowPage.class,
            GetUserPages.class,
            AccessRemoteVm.class,
            UserAccess.class,
            FileWrite.class,
            UnmapPage.class,
            PageLockUser.class,
            SendSignal.class,
            AllocFree.class,
            DoFaultAround.class,
            MadvisePageout.class,
            FinishWait.class,
            WakeUpPageBit.class,
            EndPageWriteback.class,
            FreePagesEstimate.class,
            WakeupKswapd.class,
            PutPage.class,
            FindGetPage.class,
            MarkPageAccessed.class,
            DeleteFromSwapCache.class,
            ReuseSwapPage.class,
            TryToFreeSwap.class,
            FreeSwapAndCache.class,
            LockPageOrRetry.class,
            FlushTlb.class,
            UaccessUnderMmapSem.class,
            Mlock.class,
            Munlock.class,
            Mremap.class,
            PutbackLruPage.class,
            MlockVmaPage.class,
            MunlockVmaPage.class,
            // issue 10: I/O completion, references that outlive mmap_sem, lockless GUP, swapoff, compound pages
            DioComplete.class,
            IoCompletion.class,
            FilemapWriteAndWait.class,
            GetUserPagesUnlocked.class,
            GupFast.class,
            DirectIo.class,
            Vmsplice.class,
            PipeRead.class,
            MadviseFree.class,
            Swapon.class,
            Swapoff.class,
            FreePages.class,
            CompoundUser.class,
            InvalidateInodePages2.class);

    private final KernelObjects o;
    private final KernelObjects.Mm mm;
    private final Map<Class<? extends Procedure>, Procedure> built = new HashMap<>();

    private ProcedureCatalog(KernelObjects o) {
        this.o = o;
        this.mm = o.mm();
    }

    /**
     * The procedure table of the machine whose objects are {@code o}, with {@code extra} procedures (a
     * test's) numbered after the standard ones.
     */
    static ProcedureTable build(KernelObjects o, List<Procedure> extra) {
        ProcedureCatalog c = new ProcedureCatalog(o);
        c.pageReferences();
        c.pageLockAndReclaim();
        c.faultsAndGup();
        c.unmapForkAndUsers();
        c.io();
        c.gupHolders();
        c.swapfile();
        if (c.built.size() != FRAME_ORDER.size()) {
            throw new IllegalStateException("a procedure is built but has no frame number, or the reverse");
        }
        List<Procedure> all = new java.util.ArrayList<>(FRAME_ORDER.stream().map(c::get).map(Procedure.class::cast)
                .toList());
        all.addAll(extra);
        return new ProcedureTable(all);
    }

    private void add(Procedure p) {
        built.put(p.getClass(), p);
    }

    private <P extends Procedure> P get(Class<P> type) {
        return type.cast(built.get(type));
    }

    /** The page lock and its waits, and the page-reference operations that free, look up and age pages. */
    private void pageReferences() {
        add(new FinishWait(o.threads(), mm.pageWaitQueue()));
        add(new WakeUpPageBit(o.threads(), o.pages(), mm.pageWaitQueue()));
        add(new WaitOnPageBit(o.threads(), o.pages(), mm.pageLock(), mm.pageWaitQueue(), get(FinishWait.class)));
        add(new LockPage(mm.pageLock(), get(WaitOnPageBit.class)));
        add(new UnlockPage(mm.pageLock(), get(WakeUpPageBit.class)));
        add(new PageBitWaits(o.pages(), get(WaitOnPageBit.class)));
        add(new PutPage(o.pages(), o.lru(), o.freePath()));
        add(new EndPageWriteback(o.pages(), o.lru(), get(WakeUpPageBit.class), get(PutPage.class)));
        add(new FindGetPage(o.pages(), mm.pageCache(), mm.swap(), get(PutPage.class)));
        add(new MarkPageAccessed(o.pages(), o.lru()));
        add(new DeleteFromSwapCache(mm.swap(), get(PutPage.class)));
        add(new ReuseSwapPage(o.pages(), mm.swap(), get(DeleteFromSwapCache.class)));
        add(new TryToFreeSwap(o.pages(), mm.swap(), get(DeleteFromSwapCache.class)));
        add(new FreeSwapAndCache(o.pages(), mm.swap(), mm.pageLock(), get(FindGetPage.class),
                get(DeleteFromSwapCache.class), get(UnlockPage.class), get(PutPage.class)));
        add(new PutbackLruPage(o.lru(), get(PutPage.class)));
        add(new MlockVmaPage(o.pages(), o.lru(), get(PutbackLruPage.class)));
    }

    /** TLB flushes, the rmap walks, reclaim and the allocator that enters it. */
    private void pageLockAndReclaim() {
        add(new FlushTlb(mm.tlb(), o.threads(), o.current()));
        add(new RmapWalk(o.config(), o.pages(), mm.pageTables(), mm.swap(), mm.pageCache(), mm.vmas(), mm.mms(),
                mm.anonVmas(), mm.rmap(), get(PutPage.class), new RmapWalk.Tlbs(mm.tlb(), o.threads(),
                        get(FlushTlb.class), get(MlockVmaPage.class))));
        add(new PageReferenced(o.pages(), mm.pageLock(), get(RmapWalk.class), get(UnlockPage.class)));
        add(new ShrinkPage(o.pages(), o.freePath(), mm.swap(), mm.pageLock(), mm.pageCache(),
                get(PageReferenced.class), get(RmapWalk.class), get(UnlockPage.class), mm.writeback(), o.bios(),
                get(PutPage.class), new ShrinkPage.Batch(o.threads(), get(FlushTlb.class), get(TryToFreeSwap.class))));
        add(new ShrinkInactiveList(o.zones(), o.lru(), o.freePath(), get(ShrinkPage.class),
                get(PutbackLruPage.class)));
        add(new ShrinkActiveList(o.pages(), o.zones(), o.lru(), o.freePath(), get(PageReferenced.class),
                get(PutbackLruPage.class)));
        add(new ShrinkZone(o.lists(), o.lru(), mm.swap(), get(ShrinkActiveList.class),
                get(ShrinkInactiveList.class)));
        add(new FreePagesEstimate(o.config(), o.zones()));
        add(new WakeupKswapd(o.zones()));
        add(new Kswapd(o.threads(), o.zones(), get(FreePagesEstimate.class), get(ShrinkZone.class)));
        add(new AllocPages(o.config(), o.pageAllocator(), o.zones(), get(FreePagesEstimate.class),
                get(WakeupKswapd.class), o.bios(), get(ShrinkZone.class)));
        add(new MadvisePageout(o.geometry(), o.pages(), o.lru(), mm.pageTables(), mm.vmas(), mm.mms(), mm.memory(),
                get(ShrinkPage.class), get(PutPage.class)));
    }

    /** Page faults and get_user_pages. */
    private void faultsAndGup() {
        add(new DoFaultAround(o.config(), o.pages(), mm.pageTables(), mm.pageLock(), mm.pageCache(), mm.vmas(),
                mm.mms(), mm.rmap(), get(UnlockPage.class), get(FindGetPage.class), get(PutPage.class)));
        add(new LockPageOrRetry(mm.pageLock(), mm.mms(), get(WaitOnPageBit.class), get(PageBitWaits.class)));
        add(new FilemapFault(o.pages(), o.lru(), mm.pageLock(), mm.pageCache(), get(AllocPages.class),
                get(LockPageOrRetry.class), get(LockPage.class), get(UnlockPage.class), get(FindGetPage.class),
                get(PutPage.class), o.bios(), mm.swap(),
                new FilemapFault.Calls(get(PageBitWaits.class), get(DeleteFromSwapCache.class))));
        add(new WpPageCopy(o.pages(), o.lru(), mm.pageTables(), mm.vmas(), mm.mms(), mm.anonVmas(), mm.rmap(),
                get(AllocPages.class), get(PutPage.class), mm.tlb(),
                new WpPageCopy.Calls(get(FlushTlb.class), get(MlockVmaPage.class))));
        add(new DoWpPage(o.pages(), mm.pageTables(), mm.pageLock(), mm.vmas(), mm.rmap(), mm.memory(),
                get(LockPage.class), get(UnlockPage.class), get(PutPage.class), get(ReuseSwapPage.class),
                get(WpPageCopy.class)));
        add(new DoAnonymousPage(o.config(), o.pages(), o.lru(), mm.pageTables(), mm.vmas(), mm.mms(), mm.anonVmas(), mm.rmap(),
                get(AllocPages.class), get(PutPage.class)));
        add(new DoFault(o.config(), o.pages(), o.lru(), mm.pageTables(), mm.vmas(), mm.mms(), mm.anonVmas(),
                mm.rmap(), get(AllocPages.class), get(DoFaultAround.class), get(FilemapFault.class),
                get(UnlockPage.class), get(PutPage.class)));
        add(new DoSwapPage(o.pages(), o.lru(), mm.pageTables(), mm.swap(), mm.pageLock(), mm.vmas(), mm.mms(),
                mm.rmap(), o.bios(), mm.swapDevice(), new DoSwapPage.Calls(get(AllocPages.class), get(FindGetPage.class),
                        get(PutPage.class), get(LockPageOrRetry.class), get(UnlockPage.class), get(ReuseSwapPage.class),
                        get(TryToFreeSwap.class), get(DoWpPage.class))));
        add(new HandleMmFault(mm.pageTables(), mm.vmas(), get(DoAnonymousPage.class), get(DoFault.class),
                get(DoSwapPage.class), get(DoWpPage.class)));
        add(new DoPageFault(o.threads(), mm.vmas(), mm.mms(), get(HandleMmFault.class)));
        add(new FollowPage(o.pages(), mm.pageTables(), mm.vmas(), mm.memory(), get(MarkPageAccessed.class),
                mm.pageLock(), get(MlockVmaPage.class), get(UnlockPage.class), mm.gupPins()));
        add(new GetUserPages(mm.vmas(), get(FollowPage.class), get(HandleMmFault.class)));
        add(new AccessRemoteVm(o.ghost(), o.pages(), mm.gupPins(), mm.pageCache(), mm.vmas(), mm.mms(),
                get(GetUserPages.class), get(LockPage.class), get(UnlockPage.class), get(PutPage.class)));
    }

    /** Unmapping, fork, and the user-level drivers of scenarios. */
    private void unmapForkAndUsers() {
        add(new ZapPteRange(o.geometry(), o.pages(), mm.pageTables(), mm.vmas(), mm.mms(), mm.rmap(), mm.memory(),
                mm.tlb(), mm.gupPins(), new ZapPteRange.Calls(get(LockPage.class), get(UnlockPage.class),
                        get(PutPage.class), get(MarkPageAccessed.class), get(FreeSwapAndCache.class), get(FlushTlb.class),
                        get(MlockVmaPage.class))));
        add(new Munmap(mm.vmas(), mm.mms(), mm.mmap(), mm.unmapper(), mm.tlb(), get(ZapPteRange.class), o.irqs()));
        add(new MadviseDontneed(mm.vmas(), mm.mms(), get(ZapPteRange.class)));
        add(new MadviseFree(o.geometry(), o.pages(), o.lru(), mm.pageTables(), mm.pageLock(), mm.vmas(), mm.mms(),
                mm.memory(), get(UnlockPage.class), get(FreeSwapAndCache.class), get(TryToFreeSwap.class),
                get(FlushTlb.class)));
        add(new Mprotect(o.geometry(), mm.pageTables(), mm.vmas(), mm.mms(), mm.mmap(), mm.tlb(),
                get(FlushTlb.class)));
        add(new UnmapMappingRange(o.config(), mm.pageCache(), mm.vmas(), get(ZapPteRange.class)));
        add(new TruncateRange(o.pages(), mm.pageCache(), get(FindGetPage.class), get(LockPage.class),
                get(UnlockPage.class), get(PutPage.class), get(UnmapMappingRange.class), get(PageBitWaits.class),
                get(FreeSwapAndCache.class)));
        add(new MadviseRemove(mm.vmas(), mm.mms(), get(TruncateRange.class), get(UnmapMappingRange.class)));
        add(new Fork(o.geometry(), o.pages(), mm.pageTables(), mm.swap(), mm.pageCache(), mm.vmas(), mm.mms(),
                mm.anonVmas(), mm.rmap(), mm.memory(), mm.tlb(), get(FlushTlb.class),
                new Fork.Calls(o.lru(), mm.gupPins(), get(AllocPages.class), get(PutPage.class))));
        add(new UserAccess(o.ghost(), o.pages(), mm.pageTables(), mm.pageCache(), mm.swap(), mm.vmas(), mm.mms(),
                mm.tlb(), get(DoPageFault.class)));
        add(new UaccessUnderMmapSem(mm.mms(), get(UserAccess.class)));
        add(new Mlock(mm.vmas(), mm.mms(), mm.mmap(), get(GetUserPages.class)));
        add(new Mremap(mm.pageTables(), mm.pageCache(), mm.vmas(), mm.mms(), mm.anonVmas(), mm.mmap(), mm.unmapper(),
                mm.tlb(), get(FlushTlb.class)));
        add(new MunlockVmaPage(o.pages(), o.lru(), get(RmapWalk.class), get(PutbackLruPage.class)));
        add(new Munlock(mm.vmas(), mm.mms(), mm.mmap(), get(FollowPage.class), get(LockPage.class),
                get(UnlockPage.class), get(PutPage.class), get(MunlockVmaPage.class)));
        add(new FileWrite(o.pages(), o.lru(), mm.pageLock(), mm.pageCache(), new FileWrite.Calls(get(AllocPages.class),
                get(FindGetPage.class), get(LockPage.class), get(UnlockPage.class), get(PutPage.class),
                get(FilemapFault.class))));
        add(new UnmapPage(o.pages(), get(LockPage.class), get(RmapWalk.class), get(UnlockPage.class),
                get(PutPage.class)));
        add(new PageLockUser(get(LockPage.class), get(UnlockPage.class)));
        add(new SendSignal(o.threads()));
        add(new AllocFree(o.freePath(), get(AllocPages.class)));
        add(new FreePages(o.pages(), o.freePath()));
        add(new CompoundUser(o.pages(), get(PutPage.class)));
    }

    /** The I/O completion context and what it runs; write-back for fsync and direct I/O. */
    private void io() {
        add(new DioComplete(o.pages(), mm.gupPins(), get(PutPage.class)));
        add(new IoCompletion(o.threads(), o.pages(), mm.swap(), mm.pageCache(), o.bios(), mm.gupPins(),
                get(EndPageWriteback.class), get(UnlockPage.class), get(DioComplete.class)));
        add(new FilemapWriteAndWait(o.pages(), mm.writeback(), o.bios(), get(FindGetPage.class), get(LockPage.class),
                get(UnlockPage.class), get(PageBitWaits.class), get(PutPage.class)));
    }

    /** Users of get_user_pages() whose references outlive mmap_sem, and the lockless fast path. */
    private void gupHolders() {
        add(new GetUserPagesUnlocked(mm.mms(), get(GetUserPages.class)));
        add(new GupFast(o.geometry(), mm.pageTables(), mm.mms(), o.irqs(), mm.gupPins(),
                get(GetUserPagesUnlocked.class), get(PutPage.class)));
        add(new InvalidateInodePages2(o.pages(), mm.pageCache(), get(FindGetPage.class), get(LockPage.class),
                get(UnlockPage.class), get(PageBitWaits.class), get(UnmapMappingRange.class), get(PutPage.class)));
        add(new DirectIo(mm.gupPins(), o.bios(), get(FilemapWriteAndWait.class), get(InvalidateInodePages2.class),
                get(GupFast.class)));
        add(new Vmsplice(mm.gupPins(), get(GupFast.class)));
        add(new PipeRead(o.pages(), mm.gupPins(), get(PutPage.class)));
    }

    /** The swap device's lifecycle. */
    private void swapfile() {
        add(new Swapon(mm.swapDevice()));
        add(new Swapoff(new SwapWalk(o.config(), o.pages(), o.lru(), mm.pageTables(), mm.swap(), mm.swapDevice(),
                mm.vmas(), mm.mms(), mm.rmap()), mm.pageLock(), o.bios(), new Swapoff.Calls(get(AllocPages.class),
                get(FindGetPage.class), get(LockPage.class), get(UnlockPage.class), get(PageBitWaits.class),
                get(TryToFreeSwap.class), get(PutPage.class))));
    }
}
