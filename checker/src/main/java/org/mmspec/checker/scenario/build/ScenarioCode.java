package org.mmspec.checker.scenario.build;

/**
 * The stable codes of scenario-file diagnostics, with their message templates ({@code %s} filled in
 * order). {@code S01xx} reading and syntax, {@code S02xx} names, {@code S03xx} types and values,
 * {@code S04xx} the machine, the search and the set-up.
 */
public enum ScenarioCode {
    FILE_UNREADABLE("S0101", "cannot read %s: %s"),
    FILE_TOO_LARGE("S0102", "%s is larger than %s bytes"),
    NOT_UTF8("S0103", "the file is not UTF-8 (bad byte at offset %s)"),
    BAD_CHARACTER("S0104", "unexpected character %s"),
    UNTERMINATED("S0105", "unterminated %s"),
    SYNTAX("S0106", "expected %s, found %s"),
    TOO_DEEP("S0107", "nesting deeper than %s"),
    NO_SCENARIO("S0108", "the file declares no scenario"),
    TOO_MANY_ERRORS("S0109", "too many errors; stopping after %s"),
    DUPLICATE("S0201", "%s '%s' is declared twice"),
    UNKNOWN_OPERATION("S0202", "unknown operation '%s'"),
    UNKNOWN_NAME("S0203", "unknown name '%s'"),
    UNKNOWN_PARAMETER("S0204", "%s has no parameter '%s'"),
    UNKNOWN_INVARIANT("S0205", "unknown invariant '%s'"),
    UNKNOWN_BUG("S0206", "unknown historic bug '%s'"),
    UNKNOWN_SETTING("S0207", "unknown %s setting '%s'"),
    UNKNOWN_STRATEGY("S0208", "unknown strategy '%s' (bfs, dfs, preempt, random)"),
    UNKNOWN_CODE_POINT("S0209", "unknown code point '%s'"),
    RESERVED_NAME("S0210", "'%s' is %s and cannot name a variable"),
    TYPE_MISMATCH("S0301", "%s expects %s, but this is %s"),
    MISSING_ARGUMENT("S0302", "%s needs its argument '%s' (%s)"),
    TOO_MANY_ARGUMENTS("S0303", "%s takes %s argument%s"),
    POSITIONAL_AFTER_NAMED("S0304", "a positional argument after a named one"),
    DUPLICATE_ARGUMENT("S0305", "argument '%s' given twice"),
    NO_RESULT("S0306", "%s returns nothing to keep in '%s'"),
    NOT_A_PROCEDURE("S0307", "%s is a set-up action; a thread runs a kernel procedure"),
    BAD_OPERANDS("S0308", "'%s' cannot combine %s and %s"),
    NUMBER_TOO_LARGE("S0309", "%s does not fit in 32 bits"),
    BAD_MACHINE("S0401", "bad machine: %s"),
    BAD_VALUE("S0402", "%s must be %s"),
    NO_THREADS("S0403", "a scenario needs at least one thread (two to race)"),
    TOO_MANY_THREADS("S0404", "%s threads; the model has at most %s"),
    SETUP_FAILED("S0405", "set-up failed: %s"),
    INTERNAL("S0499", "internal error of mmspec: %s (please report it)");

    private final String id;
    private final String template;

    ScenarioCode(String id, String template) {
        this.id = id;
        this.template = template;
    }

    /** {@code S0202}. */
    public String id() {
        return id;
    }

    /** The message with {@code args} filled in. */
    public String format(Object... args) {
        return String.format(java.util.Locale.ROOT, template, args);
    }
}
