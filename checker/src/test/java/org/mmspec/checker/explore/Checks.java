package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.toy.Toys;

/** Shortcuts for explorer tests. */
final class Checks {

    private Checks() {}

    static SearchOptions with(Strategy strategy) {
        return SearchOptions.defaults().withStrategy(strategy);
    }

    static CheckResult check(Toys.Case c, SearchOptions options) {
        return Explorer.check(new CheckRequest<>(c.system(), c.invariants(), options));
    }

    static CheckResult.Violated violated(Toys.Case c, SearchOptions options) {
        return assertInstanceOf(CheckResult.Violated.class, check(c, options));
    }

    static CheckResult.Passed passed(Toys.Case c, SearchOptions options) {
        return assertInstanceOf(CheckResult.Passed.class, check(c, options));
    }
}
