package org.mmspec.checker.scenario.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.junit.Mmspec;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.scenario.build.Handles.Addr;
import org.mmspec.checker.scenario.build.Handles.FileRef;
import org.mmspec.checker.scenario.build.Handles.Mm;
import org.mmspec.checker.scenario.build.KernelCall.Map;
import org.mmspec.checker.scenario.build.KernelCall.Prot;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.filemap.FileKind;

/** Scenarios built in Java with typed handles: the same scenario as the file, and mistakes at the Java line. */
class ScenarioBuilderTest {

    private static Scenario dirtyCow() {
        ScenarioBuilder b = ScenarioBuilder.scenario("gup-vs-madvise", "Dirty COW, built in Java");
        Mm mm = b.mmAlloc();
        FileRef f = b.createFile(FileKind.REGULAR_RO, 100);
        b.cacheFilePage(f, 0);
        Addr a = b.mmap(mm, ScenarioBuilder.PAGE_SIZE, Set.of(Prot.READ), Set.of(Map.PRIVATE), f);
        b.thread("writer", KernelCall.accessRemoteVm(mm, a, 666, true));
        b.thread("madvise", KernelCall.madviseDontneed(mm, a, ScenarioBuilder.PAGE_SIZE));
        b.bug(BugId.DIRTY_COW, "cow_isolation", "dirty_not_lost");
        return b.build();
    }

    @Test
    void aScenarioBuiltInJavaIsTheScenarioOfTheFile() {
        Scenario built = dirtyCow();
        Scenario file = ScenarioCatalog.standard().byName("gup-vs-madvise").orElseThrow();
        assertEquals(file.config(), built.config());
        for (Set<BugId> bugs : List.of(Set.<BugId>of(), Set.of(BugId.DIRTY_COW))) {
            assertEquals(file.instantiate(bugs).initialState(), built.instantiate(bugs).initialState());
        }
        assertEquals(file.whenBuggy(), built.whenBuggy());
        Mmspec.assertViolates(Mmspec.check(built, BugId.DIRTY_COW), "cow_isolation");
        Mmspec.assertPasses(Mmspec.check(built));
    }

    @Test
    void aMistakeIsReportedAtTheJavaLineThatMadeIt() {
        ScenarioBuilder b = ScenarioBuilder.scenario("bad", "too much memory");
        Mm mm = b.mmAlloc();
        int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
        Addr a = b.mmap(mm, 64 * ScenarioBuilder.PAGE_SIZE, Prot.readWrite(), Set.of(Map.PRIVATE, Map.ANONYMOUS));
        b.thread("T0", KernelCall.userWrite(mm, a, 1));
        b.thread("T1", KernelCall.userWrite(mm, a.plus(ScenarioBuilder.PAGE_SIZE), 2));
        ScenarioBuildException e = assertThrows(ScenarioBuildException.class, b::build);
        assertEquals(ScenarioCode.SETUP_FAILED, e.diagnostics().get(0).code());
        assertEquals("ScenarioBuilderTest.java", e.diagnostics().get(0).span().file());
        assertEquals(line, e.diagnostics().get(0).span().line());
        assertTrue(e.getMessage().contains("mmap returned -12 (ENOMEM)"), e.getMessage());
    }
}
