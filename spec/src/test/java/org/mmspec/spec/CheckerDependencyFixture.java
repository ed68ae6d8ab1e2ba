package org.mmspec.spec;

import org.mmspec.checker.archfixture.StandIn;

/** A spec class that uses the checker: {@link SpecRules} must reject it. */
final class CheckerDependencyFixture {

    private CheckerDependencyFixture() {
    }

    static int ask() {
        return StandIn.answer();
    }
}
