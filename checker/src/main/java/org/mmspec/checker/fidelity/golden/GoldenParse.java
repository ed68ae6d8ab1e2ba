package org.mmspec.checker.fidelity.golden;

import org.mmspec.checker.fidelity.scenario.Diagnostic;

/** The result of reading a golden file. */
public sealed interface GoldenParse {

    /** The file is well formed. */
    record Read(Golden golden) implements GoldenParse {
    }

    /** The file is malformed at {@code problem}. */
    record Malformed(Diagnostic problem) implements GoldenParse {
    }
}
