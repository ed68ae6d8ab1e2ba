package org.mmspec.spec.parse;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.TokenStream;
import org.mmspec.spec.syntax.MmSpecParser;

/**
 * The generated parser with a bound on rule nesting, so that deeply nested input ends in a diagnostic
 * instead of a {@link StackOverflowError}. The generated code is not edited; this subclass only counts
 * rule entries and exits.
 */
final class DepthLimitedParser extends MmSpecParser {

    private final int limit;
    private int depth;

    DepthLimitedParser(TokenStream input, int limit) {
        super(input);
        this.limit = limit;
    }

    @Override
    public void enterRule(ParserRuleContext localctx, int state, int ruleIndex) {
        if (++depth > limit) {
            depth = 0;
            throw new TooDeep(getCurrentToken());
        }
        super.enterRule(localctx, state, ruleIndex);
    }

    @Override
    public void exitRule() {
        depth = Math.max(0, depth - 1);
        super.exitRule();
    }

    /** Thrown out of the parser when the nesting bound is crossed; caught by {@link SpecParser}. */
    static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient org.antlr.v4.runtime.Token at;

        TooDeep(org.antlr.v4.runtime.Token at) {
            super("nesting too deep", null, false, false);
            this.at = at;
        }
    }
}
