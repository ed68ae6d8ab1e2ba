package org.mmspec.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmspec.spec.ast.Decl;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.eval.SpecSystem;
import org.mmspec.spec.semantics.Fault;

/**
 * Every scenario of {@code spec/mm} audits clean: every state reachable with the atomicity audit on, in
 * every interleaving (not only those a verdict-directed search visits before it stops at the expected
 * violation or deadlock), is free of audit model errors. And every global of {@code spec/mm} declares its
 * discipline.
 */
class SpecMmAuditTest {

    /** A bound far above every spec/mm scenario's reachable states (a bigger space fails loudly). */
    private static final int MAX_STATES = 200_000;

    static Stream<Path> files() throws IOException {
        return SpecMmTest.files();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyReachableStepOfEveryScenarioAuditsClean(Path file) {
        SpecProgram p = SpecMmTest.load(file);
        for (SpecScenario s : p.scenarios()) {
            SpecSystem audited = s.spec().withAudit(true);
            assertTrue(audited.audited());
            int states = explore(audited, s.name());
            assertTrue(states > 1, s.name() + " explores");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyGlobalDeclaresItsDiscipline(Path file) throws IOException {
        String text = java.nio.file.Files.readString(file);
        org.mmspec.spec.ast.SpecFile ast = org.mmspec.spec.parse.SpecParser.parse(
                new org.mmspec.spec.diag.SourceText(file.getFileName().toString(), text),
                new org.mmspec.spec.diag.Diagnostics());
        assertTrue(ast != null, file + " parses");
        List<String> undeclared = new ArrayList<>();
        for (Decl d : ast.decls()) {
            if (d instanceof Decl.Global g && g.annotations().isEmpty() && !lockType(g)) {
                g.vars().forEach(v -> undeclared.add(v.name().text()));
            }
        }
        assertEquals(List.of(), undeclared, file + ": globals without a discipline annotation");
    }

    private static boolean lockType(Decl.Global g) {
        return g.type() instanceof org.mmspec.spec.ast.TypeNode.NamedType n
                && Set.of("mutex", "spinlock_t", "rwsem").contains(n.name().text());
    }

    /** Breadth-first reachability with every successor; fails on the first audit finding. */
    private static int explore(SpecSystem sys, String scenario) {
        Set<SpecState> seen = new HashSet<>();
        ArrayDeque<SpecState> queue = new ArrayDeque<>();
        seen.add(sys.initialState());
        queue.add(sys.initialState());
        while (!queue.isEmpty()) {
            SpecState s = queue.poll();
            Fault f = sys.fault(s);
            if (f != null) {
                if (f.message().startsWith("atomicity audit")) {
                    fail(scenario + ": " + f.message());
                }
                continue;
            }
            for (int t = 0; t < sys.threadCount(); t++) {
                for (SpecState n : sys.successors(s, t)) {
                    if (seen.add(n)) {
                        if (seen.size() > MAX_STATES) {
                            fail(scenario + ": more than " + MAX_STATES + " states");
                        }
                        queue.add(n);
                    }
                }
            }
        }
        return seen.size();
    }
}
