package org.mmspec.spec.diag;

import java.util.Locale;

/**
 * Every diagnostic the front-end can report. Codes are stable: tests, goldens and users refer to them.
 * The message template takes {@link String#format} arguments.
 */
public enum DiagnosticCode {
    // E01xx: reading and parsing
    INVALID_UTF8("E0100", "file is not valid UTF-8 (bad byte at offset %d)"),
    UNEXPECTED_CHARACTER("E0101", "unexpected character %s"),
    SYNTAX_ERROR("E0102", "syntax error: %s"),
    NESTING_TOO_DEEP("E0103", "nesting deeper than %d levels"),
    NUMBER_TOO_LARGE("E0104", "integer literal %s is too large (the limit is %d)"),
    FILE_TOO_LARGE("E0105", "file has %d characters; the limit is %d"),
    TOO_MANY_ERRORS("E0106", "too many errors; stopping after %d"),
    EXPRESSION_TOO_DEEP("E0107", "expression nested deeper than %d levels"),
    INTERNAL_ERROR("E0199", "internal error in mmspec, please report it: %s"),

    // E02xx: imports
    IMPORT_NOT_FOUND("E0201", "cannot read imported file '%s'"),
    IMPORT_ESCAPES_ROOT("E0202", "import '%s' leaves the spec tree"),
    IMPORT_NOT_RELATIVE("E0203", "import path '%s' must be relative to the importing file"),
    IMPORT_WITHOUT_FILE("E0204", "import '%s' needs a spec tree; this text was not loaded from a file"),
    FILE_NOT_FOUND("E0205", "cannot read spec file '%s'"),
    FILE_REFUSED("E0206", "spec file '%s' %s"),
    IMPORT_REFUSED("E0207", "imported file '%s' %s"),
    LIBRARY_NOT_FOUND("E0208", "no library file <%s> (searched: %s)"),

    // E03xx: names
    UNKNOWN_NAME("E0301", "unknown name '%s'"),
    UNKNOWN_TYPE("E0302", "unknown type '%s'"),
    DUPLICATE_DECLARATION("E0303", "'%s' is already declared"),
    UNKNOWN_PROCEDURE("E0304", "unknown procedure '%s'"),
    UNKNOWN_FIELD("E0305", "%s has no field '%s'"),
    UNKNOWN_INVARIANT("E0306", "unknown invariant '%s'"),
    RECURSION("E0307", "procedure '%s' calls itself through %s (recursion is not supported)"),
    DUPLICATE_LABEL("E0308", "label '%s' is already used in procedure '%s'"),
    NOT_A_VALUE("E0309", "'%s' is a %s, not a value"),
    CYCLIC_DEFINITION("E0310", "'%s' is defined in terms of itself"),
    OUTSIDE_LOOP("E0311", "'%s' outside a loop"),
    UNKNOWN_MEMORY_SIZE("E0312", "unknown memory size '%s' (known: pages, mms, vmas)"),
    UNKNOWN_BOUND("E0313", "unknown bound '%s' (known: preemptions, depth)"),
    UNKNOWN_STRATEGY("E0314", "unknown strategy '%s' (known: bfs, dfs, preempt, random)"),
    UNKNOWN_FAULT_KIND("E0315", "unknown fault kind '%s' (known: assertion, kernel_bug, model_error)"),
    DUPLICATE_SCENARIO_ITEM("E0316", "scenario '%s' already has %s"),
    NO_THREADS("E0317", "scenario '%s' has no threads"),
    NOT_A_TYPE("E0318", "'%s' is a %s, not a type"),
    EXPECTED_NOT_CHECKED("E0319", "scenario '%s' expects a violation of '%s' but does not check it"),
    UNKNOWN_CODE_POINT("E0320", "unknown code point '%s' (a procedure:label or procedure:entry of a procedure with steps)"),
    UNKNOWN_ANNOTATION("E0321", "unknown discipline annotation '%s' (known: %s)"),

    // E04xx: types
    TYPE_MISMATCH("E0401", "expected %s, found %s"),
    NOT_CONSTANT("E0402", "%s must be a constant expression"),
    BAD_OPERAND("E0403", "operator '%s' cannot be applied to %s"),
    BAD_OPERANDS("E0404", "operator '%s' cannot be applied to %s and %s"),
    WRONG_ARG_COUNT("E0405", "'%s' takes %d argument(s), %d given"),
    NOT_ASSIGNABLE("E0406", "cannot assign to %s"),
    NOT_INDEXABLE("E0407", "%s cannot be indexed"),
    NO_FIELDS("E0408", "%s has no fields"),
    NOT_A_DOMAIN("E0409", "%s is not a finite domain"),
    STEP_CALL_IN_EXPRESSION("E0410", "procedure '%s' has atomic steps or side effects; call it as a statement ('x = %s(...);')"),
    BAD_RETURN("E0411", "%s"),
    EMPTY_RANGE("E0412", "empty range %d..%d"),
    DOMAIN_TOO_LARGE("E0413", "%s has %d values; at most %d are allowed here"),
    NOT_IN_PROCEDURE("E0414", "'%s' can only be used inside a procedure"),
    NOT_A_STATEMENT("E0415", "this expression has no effect; only calls may stand alone as statements"),
    AGGREGATE_NOT_PLACE("E0416", "a value of type %s must be a variable, field or element here"),
    NOT_ALLOWED_HERE("E0417", "%s is not allowed in %s"),
    VOID_VALUE("E0418", "procedure '%s' returns no value"),
    VALUE_OUT_OF_RANGE("E0419", "value %d is out of range for %s"),
    STATE_TOO_LARGE("E0420", "scenario '%s' needs %d state slots; the limit is %d"),
    NON_SCALAR("E0421", "%s must have a scalar type, not %s"),
    DIVISION_BY_ZERO("E0422", "division by zero in a constant expression"),
    MISSING_MEMORY_SIZE("E0423", "scenario '%s' uses %s but no memory size '%s' is declared"),
    THREAD_ARGUMENT("E0424", "thread argument %d of '%s' must be a scalar expression over globals and constants"),
    TYPE_TOO_DEEP("E0425", "type nested deeper than %d levels (typedefs, records, array dimensions, sets, maps and"
            + " lists)"),
    DEFINITION_TOO_DEEP("E0426", "constant '%s' is defined through more than %d other constants"),
    LIMIT_EXCEEDED("E0427", "scenario '%s' goes beyond a capacity of the specification: %s"),
    BAD_GUARD("E0432", "guard '%s' is %s; a guard is a lock (held by the accessing thread) or a bool condition"),
    CONFLICTING_DISCIPLINE("E0433", "'%s' conflicts with '%s': a declaration (or a bits group) has one discipline"),
    DISCIPLINE_NOT_APPLICABLE("E0434", "'%s' %s"),
    NOT_A_MEMBER("E0435", "'%s' is not a member of %s"),
    DUPLICATE_ANNOTATION("E0436", "'%s' is given twice");

    private final String id;
    private final String template;

    DiagnosticCode(String id, String template) {
        this.id = id;
        this.template = template;
    }

    /** The stable code, e.g. {@code E0301}. */
    public String id() {
        return id;
    }

    /** The one-line message with {@code args} filled in. */
    public String format(Object... args) {
        return String.format(Locale.ROOT, template, args);
    }
}
