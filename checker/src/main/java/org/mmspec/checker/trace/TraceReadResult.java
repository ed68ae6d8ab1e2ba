package org.mmspec.checker.trace;

import java.util.Objects;

/** What reading a trace file gave: the document, or why the text is not a trace file. */
public sealed interface TraceReadResult permits TraceReadResult.Read, TraceReadResult.Malformed {

    /** The text is a well-formed trace file. */
    record Read(TraceDocument document) implements TraceReadResult {
        public Read {
            Objects.requireNonNull(document, "document");
        }
    }

    /** The text is not a trace file; {@code problem} says where and why, in one line. */
    record Malformed(String problem) implements TraceReadResult {
        public Malformed {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
