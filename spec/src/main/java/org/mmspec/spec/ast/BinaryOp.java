package org.mmspec.spec.ast;

/** Binary operators with their precedence (higher binds tighter); all are left-associative except {@code ==>}. */
public enum BinaryOp {
    IMPLIES("==>", 1), OR("||", 2), AND("&&", 3),
    EQ("==", 4), NE("!=", 4),
    LT("<", 5), LE("<=", 5), GT(">", 5), GE(">=", 5), IN("in", 5),
    UNION("|", 6), INTERSECT("&", 7),
    ADD("+", 8), SUB("-", 8),
    MUL("*", 9), DIV("/", 9), MOD("%", 9);

    private final String symbol;
    private final int precedence;

    BinaryOp(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public String symbol() {
        return symbol;
    }

    public int precedence() {
        return precedence;
    }

    public boolean rightAssociative() {
        return this == IMPLIES;
    }

    /** The operator spelt {@code symbol}, or null. */
    public static BinaryOp of(String symbol) {
        for (BinaryOp op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        return null;
    }
}
