package org.mmspec.ref.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.ref.state.Layout.PG_FLAGS;
import static org.mmspec.ref.state.Layout.PG_MAPCOUNT;
import static org.mmspec.ref.state.Layout.PG_REFCOUNT;
import static org.mmspec.ref.state.Layout.Z_NR_FREE;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.state.AccessKind;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.state.ScopedLock;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.vma.VmFlags;

/**
 * The mover checker on access sequences made directly through {@link Mem}: what passes (R* N? L*, accesses
 * the discipline protects, private pages) and what each rule catches, with both accesses named.
 */
class StepAuditTest {

    private Kernel k;
    private Layout l;
    private Mem m;
    private StepAudit audit;
    private int mm;
    private int anonAddr;
    private int ptep;
    private int page;

    @BeforeEach
    void boot() {
        k = Kernel.boot(Config.small());
        l = k.layout();
        m = k.mem();
        mm = k.mms().mmAlloc();
        anonAddr = k.mmap().doMmapPgoff(mm, -1, 0, 4096, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
                VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS, 0);
        k.run(UserAccess.class, mm, anonAddr, 1, 7);
        ptep = k.pageTables().walk(mm, anonAddr);
        page = org.mmspec.ref.pgtable.Pte.ptePfn(m.get(ptep));
        audit = new StepAudit(l, m, AuditMode.CHECK);
        m.attach(audit);
    }

    private int mappedPfn() {
        return page;
    }

    private int ptl() {
        return l.ptl(mm, 0);
    }

    private int pte() {
        return ptep;
    }

    private Finding expect(Rule rule, Runnable accesses) {
        audit.beginStep(0, 0);
        audit.at(0, 0);
        Oops o = assertThrows(Oops.class, accesses::run);
        assertEquals(OopsKind.ATOMICITY, o.kind());
        Finding f = audit.finding();
        assertEquals(rule, f.rule(), f.toString());
        return f;
    }

    private void clean(Runnable accesses) {
        audit.beginStep(0, 0);
        audit.at(0, 0);
        accesses.run();
        assertNull(audit.endStep(true));
        assertNull(audit.finding());
    }

    @Test
    void acquireAccessUnderTheLockNonMoverReleaseIsReducible() {
        int page = mappedPfn();
        clean(() -> {
            m.lockOp(ptl(), -1, 1, AccessKind.SPIN_LOCK);
            m.set(pte(), m.get(pte()));
            m.atomicAdd(l.page(page, PG_MAPCOUNT), 1);
            m.lockOp(ptl(), -1, 0, AccessKind.SPIN_UNLOCK);
        });
        List<Access> a = audit.accessesOfLastStep();
        assertEquals(List.of(Mover.R, Mover.B, Mover.B, Mover.N, Mover.L), a.stream().map(Access::mover).toList());
    }

    @Test
    void twoNonMoversNameBothAccesses() {
        int page = mappedPfn();
        Finding f = expect(Rule.TWO_NON_MOVERS, () -> {
            m.atomicAdd(l.page(page, PG_REFCOUNT), 1);
            m.atomicAdd(l.page(page, PG_MAPCOUNT), 1);
        });
        assertEquals(l.page(page, PG_REFCOUNT), f.first().word());
        assertEquals(l.page(page, PG_MAPCOUNT), f.second().word());
        assertEquals(AccessKind.ATOMIC_RMW, f.second().kind());
    }

    @Test
    void aNonMoverAfterAReleaseIsNotReducible() {
        int page = mappedPfn();
        Finding f = expect(Rule.NON_MOVER_AFTER_RELEASE, () -> {
            m.lockOp(ptl(), -1, 1, AccessKind.SPIN_LOCK);
            m.lockOp(ptl(), -1, 0, AccessKind.SPIN_UNLOCK);
            m.atomicRead(l.page(page, PG_REFCOUNT));
        });
        assertEquals(AccessKind.SPIN_UNLOCK, f.first().kind());
    }

    @Test
    void anAcquisitionAfterTheCommitPointIsNotReducible() {
        int page = mappedPfn();
        Finding f = expect(Rule.ACQUIRE_AFTER_COMMIT, () -> {
            m.atomicAdd(l.page(page, PG_REFCOUNT), 1);
            m.lockScoped(ScopedLock.LRU_LOCK, 0);
        });
        assertTrue(f.second().isScoped());
    }

    @Test
    void aPteWrittenWithoutItsLockBreaksTheDiscipline() {
        Finding f = expect(Rule.DISCIPLINE, () -> m.set(pte(), 0));
        assertEquals(pte(), f.first().word());
        assertNull(f.second());
    }

    @Test
    void aLocklessPteReadIsARacyNonMover() {
        clean(() -> m.get(pte()));
        assertEquals(Mover.N, audit.accessesOfLastStep().get(0).mover());
    }

    @Test
    void aBlockingAcquisitionMustStartItsStep() {
        int page = mappedPfn();
        Finding f = expect(Rule.BLOCKING_MID_STEP, () -> {
            m.get(l.page(page, PG_FLAGS));
            m.blockingAttempt(ptl(), AccessKind.SPIN_LOCK);
        });
        assertEquals(AccessKind.SPIN_LOCK, f.second().kind());
        assertNull(f.second().mover());
        clean(() -> {
            m.blockingAttempt(ptl(), AccessKind.SPIN_LOCK);
            m.lockOp(ptl(), -1, 1, AccessKind.SPIN_LOCK);
            m.lockOp(ptl(), -1, 0, AccessKind.SPIN_UNLOCK);
        });
    }

    @Test
    void aDiscardedStepCountsForNothing() {
        int page = mappedPfn();
        audit.beginStep(0, 0);
        m.atomicAdd(l.page(page, PG_REFCOUNT), 1);
        assertNull(audit.endStep(false));
        assertEquals(0, audit.steps());
        clean(() -> m.atomicAdd(l.page(page, PG_REFCOUNT), -1));
    }

    @Test
    void anUnpublishedPageIsPrivateToItsHolder() {
        int fresh = k.run(AllocPages.class, Gfp.GFP_KERNEL, 0).value();
        clean(() -> {
            m.set(l.page(fresh, PG_REFCOUNT), 1);
            m.setBits(l.page(fresh, PG_FLAGS), PageFlag.SWAPBACKED.mask());
            m.atomicAdd(l.page(fresh, PG_REFCOUNT), 1);
            m.atomicAdd(l.page(fresh, PG_MAPCOUNT), 1);
        });
        int mapped = mappedPfn();
        expect(Rule.DISCIPLINE, () -> m.setBits(l.page(mapped, PG_FLAGS), PageFlag.SWAPBACKED.mask()));
    }

    /** Each derived rule makes its access a both-mover only in its situation; outside it stays a non-mover. */
    @Test
    void derivedRulesHoldOnlyWhereTheirReasonDoes() {
        int mapped = mappedPfn();
        int flags = l.page(mapped, PG_FLAGS);
        int zone = mapped / l.config().pagesPerZone();
        expect(Rule.TWO_NON_MOVERS, () -> {
            m.test(flags, PageFlag.LRU.mask());
            m.atomicRead(l.page(mapped, PG_MAPCOUNT));
        });
        int refs = m.peek(l.page(mapped, PG_REFCOUNT));
        m.poke(l.page(mapped, PG_REFCOUNT), 0);
        clean(() -> {
            m.test(flags, PageFlag.LRU.mask());
            m.atomicRead(l.page(mapped, PG_MAPCOUNT));
        });
        assertEquals(Mover.B, audit.accessesOfLastStep().get(0).mover(), "PG_lru of an unreferenced page");
        m.poke(l.page(mapped, PG_REFCOUNT), refs);
        clean(() -> {
            m.lockScoped(ScopedLock.ZONE_LOCK, zone);
            m.atomicRead(l.page(mapped, PG_MAPCOUNT));
            m.atomicRead(l.page(mapped, PG_MAPCOUNT));
            m.unlockScoped(ScopedLock.ZONE_LOCK, zone);
        });
        assertEquals(Mover.B, audit.accessesOfLastStep().get(1).mover(), "PageBuddy under zone->lock");
        int pmd = l.pmd(mm, 0);
        expect(Rule.TWO_NON_MOVERS, () -> {
            m.get(pmd);
            m.get(pte());
        });
    }

    @Test
    void pageFlagBitsHaveTheirOwnDisciplines() {
        int page = mappedPfn();
        int flags = l.page(page, PG_FLAGS);
        clean(() -> {
            m.lockScoped(ScopedLock.LRU_LOCK, 0);
            m.atomicClearBits(flags, PageFlag.LRU.mask());
            m.atomicSetBits(flags, PageFlag.LRU.mask());
            m.unlockScoped(ScopedLock.LRU_LOCK, 0);
        });
        expect(Rule.DISCIPLINE, () -> m.atomicClearBits(flags, PageFlag.LRU.mask()));
        clean(() -> m.atomicSetBits(flags, PageFlag.DIRTY.mask()));
        assertEquals(Mover.N, audit.accessesOfLastStep().get(0).mover());
    }

    @Test
    void aScopedLockMustBeReleasedBeforeTheStepEnds() {
        audit.beginStep(0, 0);
        m.lockScoped(ScopedLock.ZONE_LOCK, 0);
        assertTrue(audit.endStep(true) != null);
        assertEquals(Rule.SCOPED_LOCK_HELD, audit.finding().rule());
    }

    @Test
    void aCompoundAccessCountsOnce() {
        clean(() -> {
            m.compoundBegin();
            m.atomicRead(l.zone(0, Z_NR_FREE));
            m.atomicRead(l.zone(0, Z_NR_FREE));
            m.compoundEnd();
        });
        expect(Rule.TWO_NON_MOVERS, () -> {
            m.atomicRead(l.zone(0, Z_NR_FREE));
            m.atomicRead(l.zone(0, Z_NR_FREE));
        });
    }

    @Test
    void ghostCodeIsNotAudited() {
        clean(() -> {
            m.ghostBegin();
            m.set(pte(), m.get(pte()));
            m.ghostEnd();
        });
        assertTrue(audit.accessesOfLastStep().isEmpty());
    }

    @Test
    void perCpuCountersAreCpuLocal() {
        clean(() -> m.set(l.pcpDiff(0, 0), 1));
        assertEquals(Mover.B, audit.accessesOfLastStep().get(0).mover());
        expect(Rule.DISCIPLINE, () -> m.set(l.pcpDiff(0, 1), 1));
    }

    @Test
    void theFootprintSaysWhatTheStepReadAndWrote() {
        int page = mappedPfn();
        clean(() -> {
            m.get(pte());
            m.set(l.pcpDiff(0, 0), 1);
        });
        Footprint f = audit.footprint();
        assertEquals(1, f.reads().length);
        assertEquals(pte(), Footprint.word(f.reads()[0]));
        assertEquals(l.pcpDiff(0, 0), Footprint.word(f.writes()[0]));
        clean(() -> m.atomicSetBits(l.page(page, PG_FLAGS), PageFlag.DIRTY.mask()));
        Footprint dirty = audit.footprint();
        assertEquals(PageFlag.DIRTY.mask(), Footprint.mask(dirty.writes()[0]));
        clean(() -> m.atomicSetBits(l.page(page, PG_FLAGS), PageFlag.REFERENCED.mask()));
        assertFalse(dirty.conflictsWith(audit.footprint()), "atomic bitops on different bits of one word commute");
        clean(() -> m.test(l.page(page, PG_FLAGS), PageFlag.DIRTY.mask()));
        assertTrue(dirty.conflictsWith(audit.footprint()));
        assertFalse(f.conflictsWith(dirty));
    }

    @Test
    void withoutASinkNothingIsRecorded() {
        m.attach(null);
        audit.beginStep(0, 0);
        m.set(pte(), 0);
        assertNull(audit.endStep(true));
        assertTrue(audit.accessesOfLastStep().isEmpty());
    }
}
