package org.mmspec.checker.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.Explorer;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.junit.Mmspec;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Deadlock;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.system.KernelSystem;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * The translation-and-locking scenarios (issue 11, checker/scenarios/) end where the kernel's semantics say
 * they must: checked on every final state of the exhaustive search (every thread finished), besides the
 * catalog on every state.
 */
class TranslationScenariosTest {

    /** Explores {@code name} and checks {@code atEnd} on every state where every thread has finished. */
    private static int checkFinalStates(String name, Predicate<Kernel> atEnd, String what) {
        Scenario s = ScenarioCatalog.standard().byName(name).orElseThrow();
        KernelSystem sys = s.instantiate(Set.of());
        int[] finals = {0};
        Invariant<KernelState> end = new Invariant<>() {
            @Override
            public String id() {
                return "end";
            }

            @Override
            public String statement() {
                return what;
            }

            @Override
            public Witness check(KernelState st) {
                Kernel k = Kernel.resume(sys.config(), st);
                for (int t = 0; t < sys.threadCount(); t++) {
                    ThreadStatus status = k.threads().status(t);
                    if (status != ThreadStatus.FINISHED && status != ThreadStatus.IDLE) { // the I/O context idles when done
                        return null;
                    }
                }
                finals[0]++;
                return atEnd.test(k) ? null : Witness.of(what, name);
            }
        };
        CheckResult r = Explorer.check(new CheckRequest<>(sys, List.of(end), SearchOptions.defaults()));
        Mmspec.assertPasses(r);
        return finals[0];
    }

    private static int pte(Kernel k, int addr) {
        return k.pageTables().pteValue(1, addr);
    }

    @Test
    void afterMlockAndReclaimThePageIsResidentWithItsData() {
        // mlock() returned: the page is mapped (VM_LOCKED keeps reclaim from unmapping it once set) with its
        // data and on an LRU list. PG_mlocked and the unevictable list may lag — 4.9 mlocks lazily: the
        // populate's trylock_page fails while reclaim holds the page lock (mlock_vma_page is skipped), and
        // putback_inactive_pages tests page_evictable a step before it puts the page back (docs/model.md);
        // reclaim mlocks and culls the page when it next meets it. A page on the unevictable list is mlocked.
        int finals = checkFinalStates("mlock-vs-reclaim", k -> {
            int pte = pte(k, 0x1000);
            if (!Pte.ptePresent(pte)) {
                return false;
            }
            int pfn = Pte.ptePfn(pte);
            boolean unevictable = k.lru().pageLru(pfn) == Lru.LRU_UNEVICTABLE;
            return k.pages().pageFlag(pfn, PageFlag.LRU) && k.pages().data(pfn) == 1
                    && (!unevictable || k.pages().pageFlag(pfn, PageFlag.MLOCKED));
        }, "mlock() returned: the page is resident with its data, on an LRU list, mlocked if unevictable");
        assertTrue(finals > 1, "several orders end the race: " + finals);
    }

    @Test
    void afterMunmapNoCpuCachesTheRangeAndThePageIsFree() {
        checkFinalStates("tlb-munmap-vs-store", k -> {
            for (int cpu = 0; cpu < k.config().nrCpus(); cpu++) {
                if (k.tlb().lookup(cpu, 1, 0x1000) >= 0) {
                    return false;
                }
            }
            return pte(k, 0x1000) == 0;
        }, "munmap returned: no PTE, no TLB entry");
    }

    @Test
    void afterMprotectNoCpuCachesAWritableTranslation() {
        checkFinalStates("tlb-mprotect-vs-store", k -> {
            for (int cpu = 0; cpu < k.config().nrCpus(); cpu++) {
                int e = k.tlb().lookup(cpu, 1, 0x1000);
                if (e >= 0 && Pte.pteWrite(k.tlb().entryPte(cpu, e))) {
                    return false;
                }
            }
            return !Pte.pteWrite(pte(k, 0x1000));
        }, "mprotect(PROT_READ) returned: no writable translation anywhere");
    }

    @Test
    void theRecursiveReadDeadlockShowsTheQueuedWriterInTheCycle() {
        CheckResult.Violated v = Mmspec.assertDeadlock(Mmspec.check("mmap-sem-recursive-read"));
        Deadlock d = (Deadlock) v.violation();
        assertEquals(2, d.threads().size(), d.describe());
        assertTrue(d.describe().contains("queued behind mprotect (write)"), d.describe());
        assertTrue(d.describe().contains("held by syscall (read)"), d.describe());
    }

    @Test
    void theRecursiveReadScenarioIsExpectedToDeadlockAndTheSuiteSaysSo() {
        Scenario s = ScenarioCatalog.standard().byName("mmap-sem-recursive-read").orElseThrow();
        ScenarioRun run = ScenarioRun.check(s, Set.of(), List.of(), s.search(), org.mmspec.checker.observe.SearchListener.NONE);
        assertTrue(run.asExpected(), "expected " + run.expectation().describe());
    }
}
