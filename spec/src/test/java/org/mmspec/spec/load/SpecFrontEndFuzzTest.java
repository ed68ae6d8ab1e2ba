package org.mmspec.spec.load;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the whole front-end (and a few interpreter steps of whatever loads).
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the committed inputs under
 * {@code src/test/resources/org/mmspec/spec/load/SpecFrontEndFuzzTestInputs/loadNeverThrows/} (the seed
 * corpus and every crash found so far) as regression tests. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl spec test -Dtest=SpecFrontEndFuzzTest}.
 */
class SpecFrontEndFuzzTest {

    @FuzzTest(maxDuration = "10m")
    @DictionaryEntries({"scenario ", "thread ", "invariant ", "expect ", "violation ", "deadlock", "fault ",
        "memory { pages = 2; }", "init {", "bounds {", "check ", "forall ", "exists ", "count ", "sum ", " in ",
        "either {", "} or {", "with (", "await ", "assert ", "lock(", "unlock(", "down_read(", "up_write(",
        "return ", "while (", "for (", "if (", "} else {", "int<0..3> ", "bool ", "pfn_t ", "thread_t ",
        "pte_t ", "set<", "map<", "list<", "mutex ", "rwsem ", "spinlock_t ", "enum ", "record ", "typedef ",
        "const ", "void ", "self", "NULL", "PTE_NONE", "PG_locked", "mk_pte(", "pte_pfn(", "list_add_tail(",
        "list_first(", "size(", "holds(", "BUG_ON(", "==>", "..", "++", "+=", "|=", "&=", "label: "})
    void loadNeverThrows(byte[] input) {
        FrontEndHarness.exercise(input);
    }
}
