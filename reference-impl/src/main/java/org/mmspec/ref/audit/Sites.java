package org.mmspec.ref.audit;

import java.util.List;

/** Java source positions of accesses, for reports of re-run steps. */
final class Sites {

    private static final StackWalker WALKER = StackWalker.getInstance();
    /** The classes that record an access, skipped to find the code that made it. */
    private static final java.util.Set<String> RECORDING = java.util.Set.of(Sites.class.getName(),
            StepAudit.class.getName(), org.mmspec.ref.state.Mem.class.getName());

    private Sites() {
    }

    /** {@code Class.java:line} of the code that made the access (the caller of {@code Mem}), and the procedure step's. */
    static String here() {
        return WALKER.walk(frames -> {
            List<StackWalker.StackFrame> list = frames.filter(f -> !RECORDING.contains(f.getClassName())).limit(12)
                    .toList();
            if (list.isEmpty()) {
                return "?";
            }
            String first = list.get(0).getFileName() + ":" + list.get(0).getLineNumber();
            for (StackWalker.StackFrame f : list) {
                if (f.getMethodName().equals("run") && !f.getClassName().endsWith(".Executor")) {
                    String step = f.getFileName() + ":" + f.getLineNumber();
                    return step.equals(first) ? first : first + " (in " + step + ")";
                }
            }
            return first;
        });
    }
}
