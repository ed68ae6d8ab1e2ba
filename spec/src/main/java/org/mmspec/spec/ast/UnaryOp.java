package org.mmspec.spec.ast;

/** Prefix operators. */
public enum UnaryOp {
    NEG("-"), NOT("!"), COMPLEMENT("~");

    private final String symbol;

    UnaryOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
