package org.mmspec.checker.cli;

import org.mmspec.checker.result.CheckResult;

/** The CLI's exit codes. */
final class ExitCodes {

    static final int PASSED = 0;
    static final int VIOLATION = 1;
    static final int USAGE = 2;
    static final int INCOMPLETE = 3;
    static final int INTERNAL = 4;

    private ExitCodes() {
    }

    static int of(CheckResult result) {
        return switch (result) {
            case CheckResult.Passed p -> PASSED;
            case CheckResult.Violated v -> VIOLATION;
            case CheckResult.Incomplete i -> INCOMPLETE;
        };
    }
}
