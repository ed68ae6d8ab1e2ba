package org.mmspec.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The dynamic tests: a directory of user files as tests, and a failing check failing with its trace. */
class MmspecTestsTest {

    /** What a user writes: every file under a directory, as tests. */
    @TestFactory
    Stream<DynamicNode> theFilesOfADirectoryAreTests() {
        return MmspecTests.files(Path.of("src/test/resources/mmspec"));
    }

    @Test
    void eachFileIsAContainerOfItsChecks() {
        List<DynamicNode> nodes = MmspecTests.files(Path.of("src/test/resources/mmspec")).toList();
        assertEquals(List.of("my_faults.mmspec", "two-writers.scenario"), nodes.stream().map(DynamicNode::getDisplayName).toList());
        DynamicContainer scenario = (DynamicContainer) nodes.get(1);
        assertEquals(List.of("two-writers expects pass"), scenario.getChildren().map(DynamicNode::getDisplayName).toList());
    }

    @Test
    void aCheckNotAsExpectedFailsWithTheCounterexample(@TempDir Path dir) throws Throwable {
        Path cow = dir.resolve("cow.scenario");
        Files.writeString(cow, """
                scenario cow-race "Dirty COW, expected (wrongly) to pass with the bug on" {
                    setup {
                        mm = mm_alloc();
                        f = create_file(REGULAR_RO, {100});
                        cache_file_page(f, 0);               // in the page cache: no read I/O to complete
                        a = mmap(mm, PAGE_SIZE, PROT_READ, MAP_PRIVATE, file = f);
                    }
                    thread writer = access_remote_vm(mm, a, value = 666, write = true);
                    thread madvise = madvise_dontneed(mm, a, PAGE_SIZE);
                    bug dirty-cow expect pass;
                }
                """);
        DynamicContainer file = (DynamicContainer) MmspecTests.files(cow).toList().get(0);
        List<DynamicTest> tests = file.getChildren().map(n -> (DynamicTest) n).toList();
        tests.get(0).getExecutable().execute();
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> tests.get(1).getExecutable().execute());
        assertTrue(e.getMessage().startsWith("cow.scenario:cow-race with dirty-cow on: expected pass, got invariant"
                + " cow_isolation violated"), e.getMessage());
        assertTrue(e.getMessage().contains("#1 writer __access_remote_vm:down_read_mmap_sem"), e.getMessage());
    }

    @Test
    void aFileWithErrorsIsAFailingTestWithItsDiagnostics(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.scenario");
        Files.writeString(bad, "scenario x { thread T = user_wrte(); }\n");
        DynamicTest t = (DynamicTest) MmspecTests.files(bad).toList().get(0);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> t.getExecutable().execute());
        assertTrue(e.getMessage().contains("bad.scenario:1:25: error[S0202]: unknown operation 'user_wrte'"), e.getMessage());
    }
}
