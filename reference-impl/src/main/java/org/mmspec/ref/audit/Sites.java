package org.mmspec.ref.audit;

import java.util.List;

/** Java source positions of accesses, for reports of re-run steps. */
final class Sites {

    private static final StackWalker WALKER = StackWalker.getInstance();

    private Sites() {
    }

    /** {@code Class.java:line} of the first frame outside the state and audit layers, and the procedure's. */
    static String here() {
        return WALKER.walk(frames -> {
            List<StackWalker.StackFrame> list = frames.filter(f -> {
                String c = f.getClassName();
                return !c.startsWith("org.mmspec.ref.state.") && !c.startsWith("org.mmspec.ref.audit.");
            }).limit(12).toList();
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
