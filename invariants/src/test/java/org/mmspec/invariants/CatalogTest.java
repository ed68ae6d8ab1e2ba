package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Invariant;

class CatalogTest {

    /** The design's invariant table, in its order. */
    private static final List<String> DESIGN = List.of("mapcount_le_refcount", "no_pte_to_freed_page",
            "watermark_consistency", "refcount_sane", "mapcount_matches_ptes", "rmap_complete", "lru_consistent",
            "page_lock_sane", "buddy_well_formed", "vma_well_formed", "cow_isolation", "anon_write_exclusive",
            "slab_consistent", "lock_order", "pinned_page_stable", "dirty_not_lost", "vmalloc_consistent",
            "no_stale_tlb_access",
            "page_ref_held");

    @Test
    void listsTheDesignsInvariantsInItsOrder() {
        assertEquals(DESIGN, Catalog.ids());
        assertEquals(DESIGN, Catalog.all().stream().map(Invariant::id).toList());
    }

    @Test
    void everyInvariantHasAOneLineStatement() {
        for (Invariant<MmView> inv : Catalog.all()) {
            assertFalse(inv.statement().isBlank(), inv.id());
            assertFalse(inv.statement().contains("\n"), inv.id());
        }
    }

    @Test
    void looksUpByIdWithFreshInstances() {
        for (String id : DESIGN) {
            Invariant<MmView> a = Catalog.byId(id).orElseThrow();
            assertEquals(id, a.id());
            assertNotSame(a, Catalog.byId(id).orElseThrow());
        }
        assertTrue(Catalog.byId("no_such_invariant").isEmpty());
    }

    @Test
    void unknownIdsAreAValueNotAnException() {
        Catalog.Selection s = Catalog.forStates(Config.small(), List.of("lock_order", "bogus", "also_bogus"));
        Catalog.UnknownIds u = assertInstanceOf(Catalog.UnknownIds.class, s);
        assertEquals(List.of("bogus", "also_bogus"), u.unknown());
        assertEquals(DESIGN, u.known());
    }

    @Test
    void selectsInTheOrderAskedWithoutRepeats() {
        Catalog.Selection s = Catalog.forStates(Config.small(), List.of("lock_order", "refcount_sane", "lock_order"));
        Catalog.Selected sel = assertInstanceOf(Catalog.Selected.class, s);
        assertEquals(List.of("lock_order", "refcount_sane"), sel.invariants().stream().map(Invariant::id).toList());
    }

    @Test
    void stateInvariantsJudgeEachStateTheyAreGiven() {
        Config c = Config.small();
        List<Invariant<KernelState>> invs = Catalog.forStates(c);
        assertEquals(DESIGN, invs.stream().map(Invariant::id).toList());
        Kernel k = Kernel.boot(c);
        KernelState good = k.state();
        k.mem().set(k.layout().page(1, Layout.PG_REFCOUNT), -1);
        KernelState bad = k.state();
        Invariant<KernelState> refcount = invs.get(DESIGN.indexOf("refcount_sane"));
        assertNotNull(refcount.check(bad));
        assertNull(refcount.check(good));
        assertNotNull(refcount.check(bad));
        for (Invariant<KernelState> inv : invs) {
            assertNull(inv.check(good), inv.id());
        }
    }

    /**
     * A replica (for another worker of a parallel search) shares neither the view nor the invariant instance,
     * whose scratch buffers a concurrent check would overwrite: replicas of MapcountMatchesPtes once shared
     * one PTE-count array and reported bogus violations on two workers.
     */
    @Test
    void replicasShareNoInstanceWithTheOriginal() throws ReflectiveOperationException {
        for (Invariant<KernelState> inv : Catalog.forStates(Config.small())) {
            Invariant<KernelState> copy = inv.replica();
            assertNotNull(copy, inv.id());
            assertEquals(inv.id(), copy.id());
            for (String part : List.of("inner", "view")) {
                var accessor = inv.getClass().getDeclaredMethod(part);
                accessor.setAccessible(true);
                assertNotSame(accessor.invoke(inv), accessor.invoke(copy), inv.id() + " " + part);
            }
        }
    }
}
