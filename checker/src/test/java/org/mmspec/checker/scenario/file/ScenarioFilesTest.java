package org.mmspec.checker.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmspec.checker.explore.Strategy;
import org.mmspec.checker.scenario.Expectation;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.build.ScenarioCode;
import org.mmspec.checker.scenario.build.ScenarioDiagnostic;
import org.mmspec.ref.bugs.BugId;

/** Scenario files: what they say, and every kind of mistake reported at its file, line and column. */
class ScenarioFilesTest {

    private static final String TWO_WRITERS = """
            // two threads write-fault one page
            scenario two-writers "two write faults on one fresh page" {
                machine { cpus = 2; }
                setup {
                    mm = mm_alloc();
                    a = mmap(mm, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
                }
                thread T0 = user_write(mm, a, 1);
                thread T1 = user_write(mm = mm, addr = a, value = 2);
                strategy dfs;
                bounds { depth = 50; }
                check mapcount_matches_ptes, refcount_sane;
                cover "do_anonymous_page:set_pte_at";
            }
            """;

    static Scenario loaded(String text) {
        ScenarioLoad r = ScenarioFiles.loadText("t.scenario", text);
        if (r instanceof ScenarioLoad.Rejected rej) {
            throw new AssertionError(rej.render());
        }
        return ((ScenarioLoad.Loaded) r).scenarios().get(0);
    }

    static List<ScenarioDiagnostic> rejected(String text) {
        ScenarioLoad r = ScenarioFiles.loadText("t.scenario", text);
        return assertInstanceOf(ScenarioLoad.Rejected.class, r, () -> "expected errors in:\n" + text).diagnostics();
    }

    static ScenarioDiagnostic only(String text) {
        List<ScenarioDiagnostic> d = rejected(text);
        assertEquals(1, d.size(), () -> ScenarioDiagnostic.renderAll(d));
        return d.get(0);
    }

    @Test
    void aScenarioFileSaysTheMachineTheSetupTheThreadsAndTheSearch() {
        Scenario s = loaded(TWO_WRITERS);
        assertEquals("two-writers", s.name());
        assertEquals("two write faults on one fresh page", s.summary());
        assertEquals(2, s.config().nrThreads());
        assertEquals(2, s.config().nrCpus());
        assertEquals(Strategy.DFS, s.search().strategy());
        assertEquals(50, s.search().maxDepth());
        assertEquals(List.of("mapcount_matches_ptes", "refcount_sane"), s.invariants());
        assertEquals(List.of("do_anonymous_page:set_pte_at"), s.cover());
        assertEquals(Expectation.pass(), s.expected());
        var sys = s.instantiate(Set.of());
        assertEquals("T0", sys.threadName(0));
        assertEquals("T1", sys.threadName(1));
    }

    @Test
    void aBugClauseSaysWhatMustBeFoundWithThatBugOn() {
        Scenario s = loaded(TWO_WRITERS.replace("strategy dfs;", "bug dirty-cow expect violation cow_isolation | deadlock;"));
        assertEquals(BugId.DIRTY_COW, s.bug().orElseThrow());
        assertEquals(Expectation.finds(Expectation.invariant("cow_isolation"), Expectation.deadlock()),
                s.expectation(Set.of(BugId.DIRTY_COW)));
        assertEquals(Expectation.pass(), s.expectation(Set.of()));
    }

    @Test
    void aSyntaxErrorNamesFileLineAndColumnAndWhatWasExpected() {
        ScenarioDiagnostic d = only(TWO_WRITERS.replace("thread T0 = user_write(mm, a, 1);", "thread T0 = user_write(mm a, 1);"));
        assertEquals(ScenarioCode.SYNTAX, d.code());
        assertEquals("t.scenario:8:31: error[S0106]: expected ')', found 'a'", d.headline());
        assertTrue(d.render().contains("\n   |                               ^\n"), d.render());
    }

    @Test
    void unknownNamesGetADidYouMean() {
        ScenarioDiagnostic op = only(TWO_WRITERS.replace("user_write(mm, a, 1)", "user_wrte(mm, a, 1)"));
        assertEquals(ScenarioCode.UNKNOWN_OPERATION, op.code());
        assertEquals(List.of("did you mean 'user_write'?"), op.hints());
        ScenarioDiagnostic var = only(TWO_WRITERS.replace("user_write(mm, a, 1)", "user_write(nm, a, 1)"));
        assertEquals(ScenarioCode.UNKNOWN_NAME, var.code());
        assertEquals(List.of("did you mean 'mm'?"), var.hints());
        ScenarioDiagnostic param = only(TWO_WRITERS.replace("value = 2", "valeu = 2"));
        assertEquals(ScenarioCode.UNKNOWN_PARAMETER, param.code());
        assertEquals(List.of("did you mean 'value'?"), param.hints());
        ScenarioDiagnostic inv = only(TWO_WRITERS.replace("refcount_sane;", "refcount_sain;"));
        assertEquals(List.of("did you mean 'refcount_sane'?"), inv.hints());
        ScenarioDiagnostic bug = only(TWO_WRITERS.replace("strategy dfs;", "bug dirty-cw expect deadlock;"));
        assertEquals(ScenarioCode.UNKNOWN_BUG, bug.code());
        assertEquals(List.of("did you mean 'dirty-cow'?"), bug.hints());
        ScenarioDiagnostic key = only(TWO_WRITERS.replace("cpus = 2;", "cpu = 2;"));
        assertEquals(ScenarioCode.UNKNOWN_SETTING, key.code());
        assertEquals(List.of("did you mean 'cpus'?"), key.hints());
        ScenarioDiagnostic point = only(TWO_WRITERS.replace("do_anonymous_page:set_pte_at", "do_anonymous_page:set_pte"));
        assertEquals(ScenarioCode.UNKNOWN_CODE_POINT, point.code());
        assertEquals(List.of("did you mean 'do_anonymous_page:set_pte_at'?"), point.hints());
    }

    @Test
    void argumentsAreTyped() {
        ScenarioDiagnostic swapped = rejected(TWO_WRITERS.replace("user_write(mm, a, 1)", "user_write(a, mm, 1)")).get(0);
        assertEquals(ScenarioCode.TYPE_MISMATCH, swapped.code());
        assertTrue(swapped.message().startsWith("user_write's 'mm' expects an mm"), swapped.message());
        assertEquals(3, rejected(TWO_WRITERS.replace("user_write(mm, a, 1)", "user_write(a, mm, 1)")
                .replace("value = 2", "value = a")).size());
        assertEquals(ScenarioCode.MISSING_ARGUMENT, only(TWO_WRITERS.replace("user_write(mm, a, 1)", "user_write(mm, a)")).code());
        assertEquals(ScenarioCode.TOO_MANY_ARGUMENTS, only(TWO_WRITERS.replace("user_write(mm, a, 1)", "user_write(mm, a, 1, 2)")).code());
        assertEquals(ScenarioCode.DUPLICATE_ARGUMENT, only(TWO_WRITERS.replace("value = 2", "value = 2, value = 3")).code());
        assertEquals(ScenarioCode.POSITIONAL_AFTER_NAMED, only(TWO_WRITERS.replace("value = 2", "value = 2, 3")).code());
        assertEquals(ScenarioCode.BAD_OPERANDS, only(TWO_WRITERS.replace("PROT_READ | PROT_WRITE", "PROT_READ | MAP_SHARED")).code());
        assertEquals(ScenarioCode.NOT_A_PROCEDURE, only(TWO_WRITERS.replace("user_write(mm, a, 1)", "mm_alloc()")).code());
        assertEquals(ScenarioCode.NO_RESULT, only(TWO_WRITERS.replace("a = mmap(", "b = user_write(mm, 0x1000, 1);\n a = mmap(")).code());
        assertEquals(ScenarioCode.NUMBER_TOO_LARGE, only(TWO_WRITERS.replace("value = 2", "value = 99999999999")).code());
    }

    @Test
    void addressArithmeticKeepsTheAddressType() {
        Scenario s = loaded(TWO_WRITERS.replace("PAGE_SIZE, PROT", "2 * PAGE_SIZE, PROT").replace("addr = a,", "addr = a + PAGE_SIZE,"));
        assertEquals(2, s.instantiate(Set.of()).threadCount());
    }

    @Test
    void aSetUpCallThatFailsIsReportedAtItsStatement() {
        ScenarioDiagnostic d = only(TWO_WRITERS.replace("a = mmap(mm, PAGE_SIZE,", "a = mmap(mm, 64 * PAGE_SIZE,"));
        assertEquals(ScenarioCode.SETUP_FAILED, d.code());
        assertEquals(6, d.span().line());
        assertTrue(d.message().contains("mmap returned -12 (ENOMEM)"), d.message());
        ScenarioDiagnostic pfn = only(TWO_WRITERS.replace("    }\n    thread T0", "        p = pfn_at(mm, a);\n    }\n    thread T0"));
        assertTrue(pfn.message().contains("nothing is mapped at"), pfn.message());
    }

    @Test
    void theMachineIsCheckedWhenTheFileIsLoaded() {
        ScenarioDiagnostic d = only(TWO_WRITERS.replace("cpus = 2;", "wmark_min = 5; wmark_low = 1;"));
        assertEquals(ScenarioCode.BAD_MACHINE, d.code());
        assertTrue(d.message().contains("min <= low <= high"), d.message());
        StringBuilder eight = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            eight.append("    thread X").append(i).append(" = user_write(mm, a, 1);\n");
        }
        ScenarioDiagnostic many = only(TWO_WRITERS.replace("    thread T0 = user_write(mm, a, 1);\n", eight));
        assertEquals(ScenarioCode.TOO_MANY_THREADS, many.code());
        assertEquals(ScenarioCode.BAD_VALUE, only(TWO_WRITERS.replace("cpus = 2;", "threads = 2;")).code());
    }

    @Test
    void oneRunReportsEveryError() {
        List<ScenarioDiagnostic> d = rejected(TWO_WRITERS.replace("user_write(mm, a, 1)", "user_wrte(mm, a, 1)")
                .replace("cpus = 2;", "cpu = 2;").replace("strategy dfs;", "strategy sideways;"));
        assertEquals(3, d.size(), ScenarioDiagnostic.renderAll(d));
        assertTrue(d.get(0).span().line() < d.get(1).span().line());
    }

    @Test
    void namesAreDeclaredOnce() {
        assertEquals(ScenarioCode.DUPLICATE, only(TWO_WRITERS.replace("thread T1", "thread T0")).code());
        assertEquals(ScenarioCode.RESERVED_NAME, rejected(TWO_WRITERS.replace("a = mmap", "T0 = mmap")).get(0).code());
        assertEquals(ScenarioCode.DUPLICATE, only(TWO_WRITERS + TWO_WRITERS.replace("// two", "//")).code());
    }

    @Test
    void badBytesAndEmptyFilesAreDiagnostics(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.scenario");
        Files.write(bad, new byte[] {'s', 'c', (byte) 0xff, '\n'});
        ScenarioLoad r = ScenarioFiles.load(bad);
        assertEquals(ScenarioCode.NOT_UTF8, ((ScenarioLoad.Rejected) r).diagnostics().get(0).code());
        Path empty = dir.resolve("empty.scenario");
        Files.writeString(empty, "// nothing\n", StandardCharsets.UTF_8);
        assertEquals(ScenarioCode.NO_SCENARIO, ((ScenarioLoad.Rejected) ScenarioFiles.load(empty)).diagnostics().get(0).code());
        ScenarioLoad missing = ScenarioFiles.load(dir.resolve("none.scenario"));
        assertEquals(ScenarioCode.FILE_UNREADABLE, ((ScenarioLoad.Rejected) missing).diagnostics().get(0).code());
        ScenarioLoad directory = ScenarioFiles.load(dir);
        assertTrue(((ScenarioLoad.Rejected) directory).render().contains("not a regular file"));
    }

    @Test
    void garbageNeverThrows() {
        String[] inputs = {"scenario", "scenario x {", "scenario x { thread }", "}}}}", "scenario x { setup { a = ; } }",
            "scenario x { expect violation; }", "\"unterminated", "/* unterminated", "scenario x { bounds { depth = -1; } }",
            "scenario x { thread t = f(" + "(".repeat(200) + "1" + ")".repeat(200) + "); }", "scenario \u0000 {}",
            "scenario x { thread t = user_write(0x, 1, 2); }"};
        for (String in : inputs) {
            List<ScenarioDiagnostic> d = rejected(in);
            assertFalse(d.isEmpty());
            assertTrue(d.stream().noneMatch(x -> x.code() == ScenarioCode.INTERNAL), ScenarioDiagnostic.renderAll(d));
        }
    }

    @Test
    void theReferenceListsEveryOperationWithItsSignature() throws Exception {
        String doc = Files.readString(Path.of("../docs/scenarios.md"));
        for (org.mmspec.checker.scenario.build.Operation op : org.mmspec.checker.scenario.build.Operations.all()) {
            assertTrue(doc.contains("| `" + op.signature() + "` |"), "docs/scenarios.md lists " + op.signature());
        }
    }

    @Test
    void theBundledScenariosLoad() throws Exception {
        List<Scenario> all = BundledScenarios.all();
        try (var files = Files.list(Path.of("scenarios"))) {
            assertEquals(files.filter(f -> f.toString().endsWith(".scenario")).count(), all.size(), "one per file");
        }
        assertTrue(all.stream().allMatch(s -> s.origin().endsWith(".scenario")), all.get(0).origin());
    }
}
