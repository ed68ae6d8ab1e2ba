package org.mmspec.checker.fidelity.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioParserTest {

    private static Scenario parsed(String text) {
        return assertInstanceOf(ParseResult.Parsed.class, ScenarioParser.parse("t", text)).scenario();
    }

    private static List<Diagnostic> invalid(String text) {
        return assertInstanceOf(ParseResult.Invalid.class, ScenarioParser.parse("t", text)).diagnostics();
    }

    @Test
    void parsesEveryOperation() {
        Scenario s = parsed("""
                # a comment line
                file f1 "AB"
                mmap r1 3 anon private rw      # trailing comment
                mmap r2 2 file f1 offset 1 shared r
                read r1 0
                write r1 1
                fork p1
                in p1: write r1 2
                in p1 : munmap r1 1
                mprotect r1 0-1 none
                madvise r2 pageout
                madvise r1 2 cold
                madvise r1 dontneed
                pwrite f1 1
                in p1: exit
                observe
                """);
        assertEquals(List.of("p0", "p1"), s.processes());
        assertEquals(List.of(new FileSpec("f1", 0, "AB")), s.files());
        assertEquals(new Region("r2", 1, 2, new Backing.File("f1", 1), Sharing.SHARED, Prot.READ), s.regions().get(1));
        List<Op> ops = s.steps().stream().map(Step::op).toList();
        assertEquals(List.of(new Op.Mmap(s.regions().get(0)), new Op.Mmap(s.regions().get(1)),
                new Op.Touch(false, "r1", 0, 0), new Op.Touch(true, "r1", 1, 'a'), new Op.Fork("p1"),
                new Op.Touch(true, "r1", 2, 'b'), new Op.Munmap("r1", new PageRange(1, 1)),
                new Op.Mprotect("r1", new PageRange(0, 2), Prot.NONE),
                new Op.Madvise("r2", new PageRange(0, 2), Advice.PAGEOUT),
                new Op.Madvise("r1", new PageRange(2, 1), Advice.COLD),
                new Op.Madvise("r1", new PageRange(0, 3), Advice.DONTNEED), new Op.FileWrite("f1", 1, 'c'),
                new Op.Exit(), new Op.Observe()), ops);
        assertEquals(List.of("p0", "p0", "p0", "p0", "p0", "p1", "p1", "p0", "p0", "p0", "p0", "p0", "p1", "p0"),
                s.steps().stream().map(Step::process).toList());
        assertEquals(List.of(3, 4, 5), s.steps().subList(0, 3).stream().map(Step::line).toList());
        assertEquals(Set.of(HostFeature.MADV_PAGEOUT, HostFeature.MADV_COLD), s.requiredFeatures());
    }

    @Test
    void stepsPrintAsScenarioSyntax() {
        Scenario s = parsed("mmap r1 2 file f1 offset 1 private rw\nfork p1\nin p1: madvise r1 1 cold\nobserve\n"
                .replace("mmap", "file f1 \"ABC\"\nmmap"));
        assertEquals(List.of("in p0: mmap r1 2 file f1 offset 1 private rw", "in p0: fork p1",
                "in p1: madvise r1 1 cold", "observe"), s.steps().stream().map(Step::toString).toList());
    }

    @Test
    void writesStoreDistinctValuesInOrder() {
        Scenario s = parsed("file f1 \"A\"\nmmap r1 1 anon private rw\nwrite r1 0\npwrite f1 0\nwrite r1 0\nobserve");
        assertEquals(List.of('a', 'b', 'c'), s.steps().stream().map(Step::op).map(op -> switch (op) {
            case Op.Touch t -> (char) t.value();
            case Op.FileWrite w -> (char) w.value();
            default -> '-';
        }).filter(c -> c != '-').toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', textBlock = """
            unknown operation       ~ mmap r1 1 anon private rw;jump r1 0                ~ 2 ~ 1 ~ expected an operation (mmap | read | write | fork | munmap | mprotect | madvise | pwrite | exit | observe), found 'jump'
            missing argument        ~ mmap r1 1 anon private rw;read r1                  ~ 2 ~ 8 ~ expected page index but the line ended
            extra argument          ~ mmap r1 1 anon private rw;read r1 0 0              ~ 2 ~ 11 ~ unexpected '0' at the end of the step
            unknown region          ~ mmap r1 1 anon private rw;write r9 0               ~ 2 ~ 7 ~ unknown region 'r9'
            page outside region     ~ mmap r1 2 anon private rw;write r1 2               ~ 2 ~ 10 ~ page 2 is outside region r1 (pages 0..1)
            bad range               ~ mmap r1 2 anon private rw;munmap r1 1-2            ~ 2 ~ 11 ~ page range 1-2 is outside the region's pages 0..1
            bad page count          ~ mmap r1 17 anon private rw                         ~ 1 ~ 9 ~ page count 17 is out of range 1..16
            bad protection          ~ mmap r1 1 anon private rwx                         ~ 1 ~ 24 ~ expected protection (none | r | rw), found 'rwx'
            bad sharing             ~ mmap r1 1 anon public rw                           ~ 1 ~ 16 ~ expected sharing (private | shared), found 'public'
            unknown file            ~ mmap r1 1 file f2 private r                        ~ 1 ~ 16 ~ unknown file 'f2' (declare it with: file f2 "AB")
            duplicate region        ~ mmap r1 1 anon private rw;mmap r1 1 anon private rw ~ 2 ~ 6 ~ 'r1' is already declared
            unknown process         ~ mmap r1 1 anon private rw;in p7: read r1 0         ~ 2 ~ 4 ~ unknown process 'p7' (processes are made by 'fork')
            exited process          ~ mmap r1 1 anon private rw;fork p1;in p1: exit;in p1: read r1 0 ~ 4 ~ 4 ~ process 'p1' exited at line 3
            region of another proc  ~ fork p1;in p1: mmap r1 1 anon private rw;read r1 0 ~ 3 ~ 6 ~ process 'p0' does not have region 'r1' (it was mapped by another process after the fork)
            observe with process    ~ fork p1;in p1: observe                             ~ 2 ~ 8 ~ 'observe' takes no process: it observes every live process
            missing colon           ~ fork p1;in p1 exit                                 ~ 2 ~ 7 ~ expected ':' after 'in p1'
            fork name taken         ~ mmap r1 1 anon private rw;fork r1                  ~ 2 ~ 6 ~ 'r1' is already declared
            file after step         ~ mmap r1 1 anon private rw;file f1 "A"              ~ 2 ~ 6 ~ files must be declared before the first step
            bad file contents       ~ file f1 "ab"                                       ~ 1 ~ 9 ~ file contents must be 1 to 16 upper-case letters, one per page
            unquoted contents       ~ file f1 AB                                         ~ 1 ~ 9 ~ expected file contents in double quotes, found 'AB'
            unterminated string     ~ file f1 "AB                                        ~ 1 ~ 9 ~ unterminated string
            bad name                ~ mmap R1 1 anon private rw                          ~ 1 ~ 6 ~ expected region name (a name like r1), found 'R1'
            pwrite outside file     ~ file f1 "A";pwrite f1 1                            ~ 2 ~ 11 ~ page 1 is outside file f1 (pages 0..0)
            """)
    void reportsBadInputWithLineAndColumn(String what, String lines, int line, int column, String message) {
        List<Diagnostic> d = invalid(lines.replace(';', '\n') + "\nobserve\n");
        assertEquals(new Diagnostic(line, column, message), d.get(0), what);
    }

    @Test
    void collectsEveryBadLine() {
        List<Diagnostic> d = invalid("mmap r1 1 anon private rw\nread r2 0\nwrite r1 5\nobserve\n");
        assertEquals(List.of(new Diagnostic(2, 6, "unknown region 'r2'"),
                new Diagnostic(3, 10, "page 5 is outside region r1 (pages 0..0)")), d);
    }

    @Test
    void aScenarioMustObserve() {
        assertEquals(List.of(new Diagnostic(2, 1, "the scenario has no 'observe' step")),
                invalid("mmap r1 1 anon private rw\n"));
    }

    @Test
    void limitsAreEnforced() {
        StringBuilder writes = new StringBuilder("mmap r1 1 anon private rw\n");
        for (int i = 0; i < ScenarioParser.MAX_WRITES + 1; i++) {
            writes.append("write r1 0\n");
        }
        assertEquals(new Diagnostic(ScenarioParser.MAX_WRITES + 2, 1, "too many writes (at most 26)"),
                invalid(writes + "observe\n").get(0));
        StringBuilder forks = new StringBuilder();
        for (int i = 1; i <= ScenarioParser.MAX_PROCESSES; i++) {
            forks.append("fork p").append(i).append('\n');
        }
        assertEquals(new Diagnostic(ScenarioParser.MAX_PROCESSES, 6, "too many processes (at most 8)"),
                invalid(forks + "observe\n").get(0));
    }

    @Test
    void invalidDescribesWithFileLineAndColumn() {
        ParseResult.Invalid i = assertInstanceOf(ParseResult.Invalid.class,
                ScenarioParser.parse("demo", "read r1 0\nobserve\n"));
        assertEquals("demo.scn:1:6: unknown region 'r1'", i.describe());
    }
}
