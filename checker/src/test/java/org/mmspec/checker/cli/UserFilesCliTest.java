package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A user's own files from the command line: a scenario file and a spec file written outside the
 * repository, checked and explored, several at once, with JSON and JUnit reports, the column view,
 * coverage, the library search path, and replay of a user scenario's trace with a full-state view.
 */
class UserFilesCliTest {

    static final String TWO_WRITERS = """
            // two threads of one process write-fault the same fresh anonymous page
            scenario two-writers "two write faults on one fresh page" {
                setup {
                    mm = mm_alloc();
                    a = mmap(mm, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
                }
                thread T0 = user_write(mm, a, 1);
                thread T1 = user_write(mm, a, 2);
                expect pass;
                cover "do_anonymous_page:set_pte_at";
            }
            """;

    static final String COW_RACE = """
            scenario cow-race "Dirty COW, as a user would write it" {
                setup {
                    mm = mm_alloc();
                    f = create_file(REGULAR_RO, {100});
                    cache_file_page(f, 0);               // in the page cache: no read I/O to complete
                    a = mmap(mm, PAGE_SIZE, PROT_READ, MAP_PRIVATE, file = f);
                }
                thread writer = access_remote_vm(mm, a, value = 666, write = true);
                thread madvise = madvise_dontneed(mm, a, PAGE_SIZE);
                bug dirty-cow expect violation cow_isolation | violation dirty_not_lost;
            }
            """;

    static final String MY_FAULTS = """
            import <mm/fault.mmspec>;

            scenario two_writers {
                memory { pages = 2; mms = 1; vmas = 1; }
                init {
                    setup_vma(0, 0, {VM_READ, VM_WRITE, VM_MAYWRITE}, false);
                    mem_init(0, 0, 0);
                }
                thread T1 = user_write(0, 0);
                thread T2 = user_write(0, 0);
                expect pass;
            }
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void aScenarioFileAndASpecFileAreCheckedTogetherWithJsonAndJunitReports() throws Exception {
        Path json = dir.resolve("r.json");
        Path xml = dir.resolve("r.xml");
        CliRun run = CliRun.of("check", write("two-writers.scenario", TWO_WRITERS).toString(),
                write("my_faults.mmspec", MY_FAULTS).toString(), write("cow.scenario", COW_RACE).toString(),
                "--report", "json:" + json, "--report", "junit:" + xml);
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("scenario two-writers.scenario:two-writers, strategy bfs, expect pass"), run::toString);
        assertTrue(run.out().contains("scenario my_faults.mmspec:two_writers, strategy bfs, partial-order reduction,"
                + " symmetry: T1, T2 interchangeable, expect pass"), run::toString);
        assertTrue(run.out().contains("scenario cow.scenario:cow-race with dirty-cow on, strategy bfs, expect cow_isolation"
                + " | dirty_not_lost"), run::toString);
        assertTrue(run.out().contains("4 checks: 4 as expected"), run::toString);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals("mmspec-report", report.get("format").asText());
        assertEquals(4, report.get("checks").size());
        assertEquals("pass", report.get("checks").get(0).get("verdict").asText());
        JsonNode cow = report.get("checks").get(3);
        assertEquals("violation", cow.get("verdict").asText());
        assertEquals("as_expected", cow.get("judgement").asText());
        assertEquals("cow_isolation", cow.get("violation").get("invariant").asText());
        assertTrue(cow.get("trace").size() > 10);
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suite = (Element) junit.getElementsByTagName("testsuite").item(0);
        assertEquals("4", suite.getAttribute("tests"));
        assertEquals("0", suite.getAttribute("failures"));
        NodeList cases = junit.getElementsByTagName("testcase");
        assertEquals("cow-race [dirty-cow]", ((Element) cases.item(3)).getAttribute("name"));
    }

    @Test
    void aVerdictNotAsExpectedIsAJunitFailureWithTheTrace() throws Exception {
        Path xml = dir.resolve("r.xml");
        CliRun run = CliRun.of("check", write("cow.scenario", COW_RACE.replace("bug dirty-cow expect violation cow_isolation"
                + " | violation dirty_not_lost;", "bug dirty-cow expect pass;")).toString(), "--report", "junit:" + xml);
        assertEquals(1, run.code(), run::toString);
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertEquals("1", ((Element) junit.getElementsByTagName("testsuite").item(0)).getAttribute("failures"));
        Element failure = (Element) junit.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").startsWith("expected pass, got invariant cow_isolation violated"),
                failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("#1 writer __access_remote_vm:down_read_mmap_sem"),
                failure.getTextContent());
    }

    @Test
    void aReportWithoutAFileReplacesTheTextOnStandardOutput() throws Exception {
        CliRun run = CliRun.of("explore", "fault-vs-fault", "--report", "json");
        assertEquals(0, run.code(), run::toString);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals("explore", report.get("command").asText());
        assertEquals("pass", report.get("checks").get(0).get("verdict").asText());
        assertEquals(org.mmspec.checker.junit.Mmspec.check("fault-vs-fault").statistics().distinctStates(),
                report.get("checks").get(0).get("statistics").get("distinctStates").asLong());
        CliRun two = CliRun.of("explore", "fault-vs-fault", "--report", "json", "--report", "junit");
        assertEquals(2, two.code(), two::toString);
        assertEquals(2, CliRun.of("explore", "fault-vs-fault", "--report", "jsn").code());
        assertTrue(CliRun.of("explore", "fault-vs-fault", "--report", "jsn").err().contains("did you mean 'json'?"));
    }

    @Test
    void theSuiteWritesAJunitReportOfEveryVerdict() throws Exception {
        Path xml = dir.resolve("suite.xml");
        CliRun run = CliRun.of("--report", "junit:" + xml);
        assertEquals(0, run.code(), run::toString);
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suite = (Element) junit.getElementsByTagName("testsuite").item(0);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("all (\\d+) verdicts as expected").matcher(run.out());
        assertTrue(m.find(), run::toString);
        assertEquals(m.group(1), suite.getAttribute("tests"), "one test case per verdict of the table");
        assertEquals("0", suite.getAttribute("failures"));
    }

    @Test
    void exploreRunsAScenarioFileWithABugAndPrintsTheRaceInColumns() throws IOException {
        CliRun run = CliRun.of("explore", write("cow.scenario", COW_RACE).toString(), "--bug", "dirty-cow", "--view", "columns");
        assertEquals(1, run.code(), run::toString);
        String[] lines = run.out().split("\n");
        int header = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].trim().startsWith("writer") && lines[i].contains("madvise")) {
                header = i;
            }
        }
        assertTrue(header >= 0, run::toString);
        int madviseColumn = lines[header].indexOf("madvise");
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("#") && l.indexOf("madvise_dontneed") == madviseColumn),
                "madvise's steps sit in its column:\n" + run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("#1 ") && l.contains("__access_remote_vm")), run::toString);
    }

    @Test
    void exploreRunsTheScenariosOfASpecFileWithoutJudgingThem() throws IOException {
        CliRun run = CliRun.of("explore", write("my_faults.mmspec", MY_FAULTS).toString());
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().startsWith("scenario my_faults.mmspec:two_writers, strategy bfs, partial-order reduction,"
                + " symmetry: T1, T2 interchangeable\nPASSED"), run::toString);
        CliRun bug = CliRun.of("explore", dir.resolve("my_faults.mmspec").toString(), "--bug", "dirty-cow");
        assertEquals(2, bug.code(), bug::toString);
        assertTrue(bug.err().contains("--bug and --invariants are for the reference implementation"), bug::toString);
    }

    @Test
    void coverageSaysWhereTheSearchWentAndAMissedCoverPointFailsTheCheck() throws IOException {
        CliRun run = CliRun.of("check", write("two-writers.scenario", TWO_WRITERS).toString(), "--coverage");
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("coverage ("), run::toString);
        assertTrue(run.out().contains("T0 \u00d7 T1 together at"), run::toString);
        assertTrue(run.out().contains("cover do_anonymous_page:set_pte_at: reached"), run::toString);
        CliRun missed = CliRun.of("check", write("missed.scenario", TWO_WRITERS.replace("do_anonymous_page:set_pte_at",
                "do_swap_page:swap_readpage")).toString());
        assertEquals(1, missed.code(), missed::toString);
        assertTrue(missed.out().contains("FLAGGED: never reached do_swap_page:swap_readpage (a cover point)"), missed::toString);
        assertTrue(missed.out().contains("NOT as expected"), missed::toString);
    }

    /** A spec file's cover points are checked by {@code check} too (they were dropped on the way once). */
    @Test
    void aSpecFilesMissedCoverPointFailsTheCheck() throws IOException {
        String spec = """
                int<0..2> x;
                void bump() {
                first:
                    x = 1;
                second:
                    if (x == 2) {
                never:
                        x = 0;
                    }
                }
                scenario s {
                    thread T = bump();
                    thread U = bump();
                    cover "bump:COVER";
                    expect pass;
                }
                """;
        CliRun reached = CliRun.of("check", write("covered.mmspec", spec.replace("COVER", "second")).toString());
        assertEquals(0, reached.code(), reached::toString);
        CliRun missed = CliRun.of("check", write("missed.mmspec", spec.replace("COVER", "never")).toString());
        assertEquals(1, missed.code(), missed::toString);
        assertTrue(missed.out().contains("never reached bump:never (a cover point)"), missed::toString);
    }

    @Test
    void threadsSerialisedByALockAreReportedAsSuchNotAsAViolation() throws IOException {
        CliRun run = CliRun.of("check", write("serial.mmspec", """
                mutex m;
                int<0..2> x;
                void work() {
                take:
                    lock(m);
                inc:
                    x++;
                release:
                    unlock(m);
                }
                scenario serial {
                    thread A = work();
                    thread B = work();
                    expect pass;
                }
                """).toString());
        assertEquals(1, run.code(), run::toString);
        assertTrue(run.out().contains("PASSED"), run::toString);
        assertFalse(run.out().contains("VIOLATED"), run::toString);
        assertTrue(run.out().contains("FLAGGED: serialised: the threads never interleave"), run::toString);
        assertTrue(run.out().contains("B waits for m (held by A)"), run::toString);
        assertTrue(run.out().contains("the lock serialises them"), run::toString);
    }

    @Test
    void theLibrarySearchPathFindsTheBundledSpecAndUserDirectories() throws IOException {
        CliRun run = CliRun.of("check", write("my_faults.mmspec", MY_FAULTS).toString());
        assertEquals(0, run.code(), run::toString);
        write("lib/mine/counter.mmspec", "int<0..4> counter;\nvoid bump() {\nstep:\n    counter++;\nnext:\n    counter++;\n}\n");
        Path user = write("uses.mmspec", """
                import <mine/counter.mmspec>;
                scenario bumps { thread A = bump(); thread B = bump(); expect violation small; }
                invariant small: counter <= 3;
                """);
        CliRun without = CliRun.of("check", user.toString());
        assertEquals(2, without.code(), without::toString);
        assertTrue(without.err().contains("error[E0208]: no library file <mine/counter.mmspec>"), without::toString);
        CliRun typo = CliRun.of("check", write("typo.mmspec", MY_FAULTS.replace("mm/fault.mmspec", "mm/faults.mmspec"))
                .toString());
        assertTrue(typo.err().contains("did you mean 'mm/fault.mmspec'?"), typo::toString);
        CliRun with = CliRun.of("check", user.toString(), "--lib", dir.resolve("lib").toString());
        assertEquals(0, with.code(), with::toString);
    }

    @Test
    void aUserScenarioTraceReplaysWithTheWholeStateAtAStep() throws IOException {
        Path cow = write("cow.scenario", COW_RACE);
        Path json = dir.resolve("cow.json");
        assertEquals(1, CliRun.of("explore", cow.toString(), "--bug", "dirty-cow", "--json", json.toString()).code());
        CliRun replay = CliRun.of("replay", json.toString(), "--state", "3");
        assertEquals(1, replay.code(), replay::toString);
        assertTrue(replay.out().contains("the state after step #3:"), replay::toString);
        assertTrue(replay.out().contains("  writer: RUNNING in __access_remote_vm"), replay::toString);
        assertTrue(replay.out().contains("pte(mm1, 0x1000)") || replay.out().contains("mm1.vma[0].vm_start = 0x1000"),
                replay::toString);
        CliRun initial = CliRun.of("replay", json.toString(), "--state", "0");
        assertTrue(initial.out().contains("the initial state:"), initial::toString);
        assertTrue(initial.out().contains("  madvise: READY in madvise_dontneed"), initial::toString);
        assertEquals(2, CliRun.of("replay", json.toString(), "--state", "99").code());
    }
}
