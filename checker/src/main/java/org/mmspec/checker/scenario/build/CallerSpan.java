package org.mmspec.checker.scenario.build;

import org.mmspec.spec.diag.SourceSpan;

/** Where in the user's Java code a {@link ScenarioBuilder} call was made: {@code TwoWritersTest.java:31:1}. */
final class CallerSpan {

    private static final StackWalker WALKER = StackWalker.getInstance();
    /** The builder's own classes, whose frames are not the caller's. */
    private static final java.util.Set<String> OWN = java.util.Set.of(CallerSpan.class.getName(),
            ScenarioBuilder.class.getName(), KernelCall.class.getName(), Handles.class.getName());

    private CallerSpan() {
    }

    static SourceSpan here() {
        return WALKER.walk(frames -> frames
                .filter(f -> !OWN.contains(f.getClassName().replaceAll("\\$.*", "")))
                .findFirst()
                .map(f -> SourceSpan.point(f.getFileName() == null ? "java" : f.getFileName(), Math.max(1, f.getLineNumber()), 1))
                .orElse(SourceSpan.point("java", 1, 1)));
    }
}
