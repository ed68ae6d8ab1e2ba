package org.mmspec.checker.fidelity.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.mmspec.checker.fidelity.scenario.ParseResult;
import org.mmspec.checker.fidelity.scenario.Scenario;
import org.mmspec.checker.fidelity.scenario.ScenarioParser;

class ProbeProgramTest {

    @Test
    void compilesEveryOperationIntoTheProbesInstructionList() {
        Scenario s = assertInstanceOf(ParseResult.Parsed.class, ScenarioParser.parse("t", """
                file f1 "AB"
                mmap r1 2 anon private rw
                mmap r2 1 file f1 offset 1 shared r
                write r1 0
                read r2 0
                fork p1
                in p1: mprotect r1 1 none
                in p1: madvise r1 pageout
                munmap r1 0
                pwrite f1 1
                observe
                in p1: exit
                """)).scenario();
        assertEquals("""
                mmspec-probe-program 1
                F 0 2 65 66
                G 0 10000000
                G 1 11000000
                S 1 M 0 0 2 -1 0 0 3
                S 1 L 1 0 0 2
                S 2 M 0 1 1 0 1 1 1
                S 2 L 2 0 0 2 0 1 1
                S 3 W 0 0 0 97
                S 3 L 2 0 0 2 0 1 1
                S 4 R 0 1 0
                S 4 L 2 0 0 2 0 1 1
                S 5 K 0 1
                S 5 L 4 0 0 2 0 1 1 1 0 2 1 1 1
                S 6 X 1 0 1 1 0
                S 6 L 4 0 0 2 0 1 1 1 0 2 1 1 1
                S 7 A 1 0 0 2 2
                S 7 L 4 0 0 2 0 1 1 1 0 2 1 1 1
                S 8 U 0 0 0 1
                S 8 L 4 0 0 2 0 1 1 1 0 2 1 1 1
                S 9 T 0 0 1 98
                S 9 L 4 0 0 2 0 1 1 1 0 2 1 1 1
                S 10 O 4 0 0 2 0 1 1 1 0 2 1 1 1
                S 11 E 1
                S 11 L 2 0 0 2 0 1 1
                end
                """, ProbeProgram.compile(s).text());
    }

    @Test
    void factsOnlyProgramRunsNothing() {
        assertEquals("mmspec-probe-program 1\nend\n", ProbeProgram.factsOnly());
        assertEquals("mmspec-probe-program 1\nZ\nend\n", ProbeProgram.factsOnly(true));
    }

    @Test
    void withoutTheZeroPageOnlyReadsOfPrivateAnonymousMemoryBecomeZSteps() {
        Scenario s = assertInstanceOf(ParseResult.Parsed.class, ScenarioParser.parse("t", """
                file f1 "A"
                mmap r1 1 anon private rw
                mmap r2 1 anon shared rw
                mmap r3 1 file f1 private r
                read r1 0
                read r2 0
                read r3 0
                write r1 0
                observe
                """)).scenario();
        String text = ProbeProgram.compile(s, true).text();
        assertEquals(true, text.startsWith("mmspec-probe-program 1\nZ\n"), text);
        assertEquals(true, text.contains("S 4 Z 0 0 0\n") && text.contains("S 5 R 0 1 0\n")
                && text.contains("S 6 R 0 2 0\n") && text.contains("S 7 W 0 0 0 97\n"), text);
        assertEquals(ProbeProgram.compile(s).text(), text.replace("Z\n", "").replace(" Z ", " R "));
    }
}
