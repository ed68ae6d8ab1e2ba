package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmspec.checker.trace.JsonTraceReader;
import org.mmspec.checker.trace.TraceDocument;
import org.mmspec.checker.trace.TraceReadResult;

/** {@code mmspec check FILE}: verdicts against expect clauses, traces, diagnostics, exit codes, replay. */
class CheckCommandTest {

    /** Two threads increment a counter with a separate read and write; the update can be lost. */
    private static final String RACY = """
            int<0..2> counter;
            int<0..2> seen[2];
            bool done[2];

            void inc(int<0..1> me) {
            read:
                seen[me] = counter;
            write:
                counter = seen[me] + 1;
                done[me] = true;
            }

            invariant no_lost_update "when both are done the counter is 2": !(done[0] && done[1]) || counter == 2;

            scenario racy {
                thread T1 = inc(0);
                thread T2 = inc(1);
                %s
            }
            """;

    private static final String LOCKED = """
            int<0..2> counter;
            int<0..2> arrived;
            mutex m;

            void inc() {
            arrive:
                arrived++;
            take:
                lock(m);
                counter++;
            drop:
                unlock(m);
            }

            invariant bounded: counter <= 2;

            scenario locked {
                thread T1 = inc();
                thread T2 = inc();
                expect pass;
            }
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String racy(String tail) {
        return RACY.formatted(tail);
    }

    @Test
    void aPassingScenarioExitsZero() throws IOException {
        CliRun run = CliRun.of("check", write("locked.mmspec", LOCKED).toString());
        assertEquals(ExitCodes.PASSED, run.code(), run::toString);
        assertTrue(run.out().contains("scenario locked.mmspec:locked, strategy bfs, partial-order reduction,"
                + " symmetry: T1, T2 interchangeable, expect pass"), run::toString);
        assertTrue(run.out().contains("PASSED: no violation in the whole state space"), run::toString);
        assertTrue(run.out().contains("1 check: 1 as expected"), run::toString);
    }

    @Test
    void anUnexpectedViolationPrintsTheTraceWithChangedVariablesAndExitsOne() throws IOException {
        CliRun run = CliRun.of("check", write("racy.mmspec", racy("")).toString());
        assertEquals(ExitCodes.VIOLATION, run.code(), run::toString);
        String out = run.out();
        assertTrue(out.contains("no expect clause (expected to pass)"), out);
        assertTrue(out.contains("VIOLATED: invariant no_lost_update violated: when both are done the counter is 2"), out);
        assertTrue(out.contains("#1 T1 inc:read"), out);
        assertTrue(out.contains("  counter 1→1") || out.contains("  counter 0→1"), "changed variables under the steps: " + out);
        assertFalse(out.contains("  done[0] false→false"), "unchanged variables are not shown: " + out);
        assertTrue(out.contains("NOT as expected"), out);
    }

    @Test
    void anExpectedViolationExitsZero() throws IOException {
        CliRun run = CliRun.of("check", write("racy.mmspec", racy("expect violation no_lost_update;")).toString());
        assertEquals(ExitCodes.PASSED, run.code(), run::toString);
        assertTrue(run.out().contains("as expected"), run::toString);
    }

    @Test
    void theScenariosBoundsApplyUnlessTheCommandLineOverridesThem() throws IOException {
        // the lost update needs one preemption: bound 0 misses it, and says the pass is bounded
        Path file = write("racy.mmspec", racy("bounds { preemptions = 0; }\n    expect pass;"));
        CliRun bounded = CliRun.of("check", file.toString());
        assertEquals(ExitCodes.PASSED, bounded.code(), bounded::toString);
        assertTrue(bounded.out().contains("strategy preempt (at most 0 preemptions)"), bounded::toString);
        assertTrue(bounded.out().contains("PASSED (preemption-bounded)"), bounded::toString);
        CliRun more = CliRun.of("check", file.toString(), "--max-preemptions", "1");
        assertEquals(ExitCodes.VIOLATION, more.code(), more::toString);
        assertTrue(more.out().contains("strategy preempt (at most 1 preemption)"), more::toString);
        CliRun bfs = CliRun.of("check", file.toString(), "--strategy", "bfs");
        assertEquals(ExitCodes.VIOLATION, bfs.code(), bfs::toString);
        assertTrue(bfs.out().contains("strategy bfs,"), bfs::toString);
    }

    @Test
    void severalScenariosGiveOneBlockEachAndTheWorstExitCode() throws IOException {
        Path file = write("two.mmspec", racy("expect pass;") + """

                mutex m;
                int<0..2> arrived;

                void locked_inc() {
                arrive:
                    arrived++;
                take:
                    lock(m);
                    counter++;
                drop:
                    unlock(m);
                }

                scenario locked {
                    thread T1 = locked_inc();
                    thread T2 = locked_inc();
                    expect pass;
                }
                """);
        CliRun run = CliRun.of("check", file.toString());
        assertEquals(ExitCodes.VIOLATION, run.code(), run::toString);
        assertTrue(run.out().contains("scenario two.mmspec:locked,"), run::toString);
        assertTrue(run.out().contains("scenario two.mmspec:racy,"), run::toString);
        assertTrue(run.out().indexOf("scenario two.mmspec:racy,") < run.out().indexOf("scenario two.mmspec:locked,"),
                "in file order: " + run);
        assertTrue(run.out().contains("2 checks: 1 as expected, 1 NOT as expected"), run::toString);
        CliRun one = CliRun.of("check", file.toString(), "--scenario", "locked");
        assertEquals(ExitCodes.PASSED, one.code(), one::toString);
        assertFalse(one.out().contains("two.mmspec:racy"), one::toString);
        CliRun starved = CliRun.of("check", file.toString(), "--scenario", "locked", "--max-states", "2");
        assertEquals(ExitCodes.INCOMPLETE, starved.code(), starved::toString);
        assertTrue(starved.out().contains("1 check: 0 as expected, 1 undecided"), starved::toString);
    }

    @Test
    void aMalformedSpecPrintsDiagnosticsAndExitsTwo() throws IOException {
        Path file = write("broken.mmspec", LOCKED.replace("counter++;", "countr++;"));
        CliRun run = CliRun.of("check", file.toString());
        assertEquals(ExitCodes.USAGE, run.code(), run::toString);
        assertTrue(run.err().contains("broken.mmspec:10:5: error[E0301]"), run::toString);
        assertTrue(run.err().contains("^^^^^^"), "a caret under the name: " + run);
        assertTrue(run.err().contains("did you mean 'counter'?"), run::toString);
        assertTrue(run.err().contains("has errors; nothing was checked"), run::toString);
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), "no stack trace: " + run);
        assertEquals("", run.out());
    }

    @Test
    void aMissingFileExitsTwo() {
        CliRun run = CliRun.of("check", dir.resolve("nowhere.mmspec").toString());
        assertEquals(ExitCodes.USAGE, run.code(), run::toString);
        assertTrue(run.err().contains("cannot read spec file"), run::toString);
    }

    @Test
    void anUnknownScenarioExitsTwoWithASuggestion() throws IOException {
        CliRun run = CliRun.of("check", write("locked.mmspec", LOCKED).toString(), "--scenario", "lockd");
        assertEquals(ExitCodes.USAGE, run.code(), run::toString);
        assertTrue(run.err().contains("unknown scenario 'lockd' in locked.mmspec (did you mean 'locked'?)"), run::toString);
    }

    @Test
    void aTraceThroughAChoiceRoundTripsThroughJsonAndReplay() throws IOException {
        Path spec = write("choice.mmspec", """
                int<0..2> x;
                bool seen_x;

                void writer() {
                pick:
                    either {
                        x = 1;
                    } or {
                        x = 2;
                    }
                done:
                    seen_x = true;
                }

                void observer() {
                look:
                    seen_x = false;
                }

                invariant x_not_two: x != 2;

                scenario second_branch {
                    thread W = writer();
                    thread R = observer();
                    expect violation x_not_two;
                }
                """);
        Path json = dir.resolve("trace.json");
        CliRun check = CliRun.of("check", spec.toString(), "--json", json.toString());
        assertEquals(ExitCodes.PASSED, check.code(), check::toString);
        assertTrue(check.out().contains("#1 W writer:pick either:2  [choice 2 of 2]"), check::toString);
        TraceDocument doc = assertInstanceOf(TraceReadResult.Read.class,
                JsonTraceReader.read(Files.readString(json))).document();
        assertEquals("spec", doc.header().get("model"));
        assertEquals(spec.toString().replace('\\', '/'), doc.header().get("file"));
        assertEquals("second_branch", doc.header().get("scenario"));
        assertEquals("local-steps", doc.header().get("reduction"), "the trace says it comes from a reduced search");
        assertEquals(1, doc.schedule().choice(0));

        CliRun replay = CliRun.of("replay", json.toString());
        assertEquals(ExitCodes.VIOLATION, replay.code(), replay::toString);
        assertTrue(replay.out().contains("scenario second_branch, 1 steps"), replay::toString);
        assertTrue(replay.out().contains("[choice 2 of 2]"), replay::toString);
        assertTrue(replay.out().contains("as recorded: invariant x_not_two violated"), replay::toString);

        Files.writeString(json, Files.readString(json).replace("\"choices\": [ 1 ]", "\"choices\": [ 0 ]")
                .replace("\"choice\": 1,", "\"choice\": 0,"));
        CliRun edited = CliRun.of("replay", json.toString());
        assertEquals(ExitCodes.USAGE, edited.code(), "the first branch leads elsewhere: " + edited);
        assertTrue(edited.err().contains("differs from the recording"), edited::toString);
    }

    @Test
    void aFileWithoutScenariosChecksNothingAndExitsTwo() throws IOException {
        for (String text : List.of("int<0..1> x;\ninvariant small: x <= 1;\n", "", "// half-saved\n")) {
            CliRun run = CliRun.of("check", write("lib.mmspec", text).toString());
            assertEquals(ExitCodes.USAGE, run.code(), run::toString);
            assertTrue(run.err().contains("lib.mmspec declares no scenario, so nothing was checked"), run::toString);
            assertTrue(run.out().isEmpty(), run::toString);
        }
    }

    /** A counter declared atomic, read and then incremented in one step: two non-movers. */
    private static final String COARSE = """
            int<0..2> counter atomic;

            void inc() {
            step:
                int<0..2> v = counter;
                counter += 1;
            done:
                v = 0;
            }

            scenario coarse {
                thread T1 = inc();
                thread T2 = inc();
                %s
            }
            """;

    @Test
    void withAuditATooCoarseStepIsAModelErrorThatReplays() throws IOException {
        Path spec = write("coarse.mmspec", COARSE.formatted("expect pass;"));
        CliRun plain = CliRun.of("check", spec.toString());
        assertEquals(ExitCodes.PASSED, plain.code(), "without --audit nothing is audited: " + plain);

        Path json = dir.resolve("audit.json");
        CliRun run = CliRun.of("check", spec.toString(), "--audit", "--json", json.toString());
        assertEquals(ExitCodes.VIOLATION, run.code(), run::toString);
        String out = run.out();
        assertTrue(out.contains("scenario coarse.mmspec:coarse, strategy bfs, audited, expect pass"), out);
        assertTrue(out.contains("model error: T1: atomicity audit: two non-movers in one step"), out);
        assertTrue(out.contains("first: read of counter at coarse.mmspec:5:19: a non-mover (atomic)"), out);
        assertTrue(out.contains("then:  read-modify-write of counter at coarse.mmspec:6:5: a non-mover (atomic)"), out);
        assertTrue(out.contains("#1 T1 inc:step"), "with its trace: " + out);
        TraceDocument doc = assertInstanceOf(TraceReadResult.Read.class,
                JsonTraceReader.read(Files.readString(json))).document();
        assertEquals("check", doc.header().get("audit"));
        assertNull(doc.header().get("reduction"), "audited searches are not reduced");

        CliRun replay = CliRun.of("replay", json.toString());
        assertEquals(ExitCodes.VIOLATION, replay.code(), replay::toString);
        assertTrue(replay.out().contains(", audited"), replay::toString);
        assertTrue(replay.out().contains("as recorded: model error"), replay::toString);

        CliRun expected = CliRun.of("check", write("coarse2.mmspec", COARSE.formatted("expect fault model_error;"))
                .toString(), "--audit");
        assertEquals(ExitCodes.PASSED, expected.code(), expected::toString);
    }
}
