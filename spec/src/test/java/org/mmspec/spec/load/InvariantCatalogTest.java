package org.mmspec.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.semantics.Invariant;

/**
 * Every invariant of spec/mm can fail: for each, an init block builds a state that breaks it, and the
 * same spec without that breakage satisfies it. (The specification and these states are loaded as one
 * text, spec/mm/scenarios.mmspec with its imports inlined.)
 */
class InvariantCatalogTest {

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("mapcount_le_refcount", "refcount[1] = 1; mapcount[1] = 1;"),
                Arguments.of("refcount_sane", "buddy[1] = false;"),
                Arguments.of("no_pte_to_freed_page", "pte[0][0] = mk_pte(1, false);"),
                Arguments.of("mapcount_matches_ptes", "refcount[1] = 1; buddy[1] = false; mapcount[1] = 0;"),
                Arguments.of("anon_write_exclusive",
                        "refcount[1] = 2; buddy[1] = false; init_anon_mapping(1, 0, 0, true); mapcount[1] = 1;"),
                Arguments.of("cow_isolation", "private_write_leak[1] = true;"),
                Arguments.of("pinned_page_stable", "pinned[1] = 1;"),
                Arguments.of("dirty_not_lost", "lost_dirty[1] = true;"),
                Arguments.of("lru_consistent", "flags[1] += PG_lru;"),
                Arguments.of("watermark_consistency", "wmark_breach = 0;"),
                Arguments.of("watermark_consistency", "vm_stat_diff[0] = 1;"),
                Arguments.of("lock_order", "lock_inversion[0] = true;"),
                Arguments.of("page_lock_sane", "flags[1] += PG_locked;"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void theInvariantCatchesABrokenState(String id, String breakIt) throws IOException {
        assertNotNull(check("scenarios.mmspec", id, breakIt), id + " holds in a state built to break it");
        assertNull(check("scenarios.mmspec", id, ""), id + " fails in the unbroken state");
    }

    /** The invariants of spec/mm that the reference implementation's catalog does not have (yet). */
    static Stream<Arguments> specOnly() {
        return Stream.of(
                Arguments.of("tlb.mmspec", "tlb_coherent", "stale_tlb_access = true;"),
                Arguments.of("tlb.mmspec", "no_access_to_freed_page", "freed_page_access = true;"),
                Arguments.of("madv_free.mmspec", "lazyfree_write_kept", "lost_lazyfree_write[1] = true;"),
                Arguments.of("mlock.mmspec", "mlocked_resident", "mlock_done[0] = true;"),
                Arguments.of("mlock.mmspec", "munlocked_evictable", "munlock_done[0] = true; flags[0] += PG_mlocked;"),
                Arguments.of("swapoff.mmspec", "swap_device_alive", "swap_uaf = true;"),
                Arguments.of("swapoff.mmspec", "swapoff_unused", "swapoff_done = true; swap_map[0] = 1;"),
                Arguments.of("pin.mmspec", "pin_write_kept", "pin_write_lost = true;"),
                Arguments.of("compound.mmspec", "compound_ref_held", "compound_ref_broken = true;"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("specOnly")
    void aSpecOnlyInvariantCatchesABrokenState(String file, String id, String breakIt) throws IOException {
        assertNotNull(check(file, id, breakIt), id + " holds in a state built to break it");
        assertNull(check(file, id, ""), id + " fails in the unbroken state");
    }

    private static Object check(String file, String id, String breakIt) throws IOException {
        String spec = Inliner.inline(SpecMmTest.MM.resolve(file)) + """

                void idle() { }
                scenario catalog_probe {
                    memory { pages = 2; mms = 1; vmas = 1; }
                    init {
                        setup_vma(0, 0, {VM_READ, VM_WRITE, VM_MAYWRITE}, false);
                        mem_init(0, 0, 0);
                        %s
                    }
                    thread T = idle();
                    check %s;
                }
                """.formatted(breakIt, id);
        SpecScenario s = Specs.scenario(spec, "catalog_probe");
        assertEquals(1, s.invariants().size());
        Invariant<SpecState> inv = s.invariants().get(0);
        assertNull(s.system().fault(s.system().initialState()));
        return inv.check(s.system().initialState());
    }
}
