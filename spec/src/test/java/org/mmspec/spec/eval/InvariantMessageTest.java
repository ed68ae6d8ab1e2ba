package org.mmspec.spec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;
import org.mmspec.spec.load.SpecScenario;
import org.mmspec.spec.semantics.Witness;

/** A failing spec invariant names the values that break it: bindings, the comparison, the variables read. */
class InvariantMessageTest {

    @Test
    void theWitnessNamesTheBindingTheComparisonAndTheVariables() {
        LoadResult r = SpecLoader.loadString("counts.mmspec", """
                memory { pages = 2; }
                int<0..3> refcount[pfn_t];
                int<-1..3> mapcount[pfn_t];
                void idle() {
                a:
                    refcount[0] = refcount[0];
                b:
                    refcount[0] = refcount[0];
                }
                invariant mapcount_le_refcount "every page: page_mapcount(p) <= page_count(p)":
                    forall p in pfn_t: mapcount[p] + 1 <= refcount[p];
                scenario s {
                    init { refcount[0] = 1; refcount[1] = 1; mapcount[1] = 1; }
                    thread A = idle();
                    thread B = idle();
                }
                """);
        SpecScenario s = assertInstanceOf(LoadResult.Loaded.class, r, r::toString).program().scenarios().get(0);
        Witness w = s.invariants().get(0).check(s.spec().initialState());
        assertEquals("every page: page_mapcount(p) <= page_count(p)", w.summary());
        assertEquals(List.of("p = 1", "mapcount[p] + 1 <= refcount[p]: 2 <= 1", "mapcount[1] = 1", "refcount[1] = 1"),
                w.objects());
    }
}
