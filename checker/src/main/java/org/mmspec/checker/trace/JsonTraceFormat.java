package org.mmspec.checker.trace;

/** Field names and constants of the JSON trace file, shared by writer and reader. */
final class JsonTraceFormat {

    static final String FORMAT = "mmspec-trace";
    /**
     * Written: version 3 (source locations of steps, changes attributed to code points, page dumps).
     * Read: 1 (no choices), 2 (no source locations) and 3.
     */
    static final int VERSION = 3;
    static final int OLDEST_READABLE_VERSION = 1;

    static final String F_FORMAT = "format";
    static final String F_VERSION = "version";
    static final String F_HEADER = "header";
    static final String F_SCHEDULE = "schedule";
    static final String F_CHOICES = "choices";
    static final String F_CONTEXT_SWITCHES = "contextSwitches";
    static final String F_STEPS = "steps";
    static final String F_VIOLATION = "violation";

    static final String F_INDEX = "index";
    static final String F_THREAD = "thread";
    static final String F_THREAD_NAME = "threadName";
    static final String F_CHOICE = "choice";
    static final String F_STEP = "step";
    static final String F_DETAIL = "detail";
    static final String F_CHANGES = "changes";
    static final String F_VARIABLE = "variable";
    static final String F_BEFORE = "before";
    static final String F_AFTER = "after";
    static final String F_SOURCE = "source";
    static final String F_AT = "at";
    static final String F_DUMP = "dump";

    static final String F_KIND = "kind";
    static final String F_DESCRIPTION = "description";
    static final String F_INVARIANT = "invariant";
    static final String F_SUMMARY = "summary";
    static final String F_OBJECTS = "objects";
    static final String F_THREADS = "threads";
    static final String F_NAME = "name";
    static final String F_REASON = "reason";
    static final String F_MESSAGE = "message";

    static final String K_INVARIANT = "invariant";
    static final String K_DEADLOCK = "deadlock";
    static final String K_KERNEL_BUG = "kernel_bug";
    static final String K_ASSERTION = "assertion";
    static final String K_MODEL_ERROR = "model_error";

    private JsonTraceFormat() {}
}
