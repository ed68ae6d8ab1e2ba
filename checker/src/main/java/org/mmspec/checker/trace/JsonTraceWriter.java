package org.mmspec.checker.trace;

import static org.mmspec.checker.trace.JsonTraceFormat.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.mmspec.checker.result.AssertionFailure;
import org.mmspec.checker.result.BlockedThread;
import org.mmspec.checker.result.Deadlock;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.result.KernelBug;
import org.mmspec.checker.result.ModelError;
import org.mmspec.checker.result.Violation;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;

/**
 * Writes a counterexample as JSON that {@link JsonTraceReader} reads back. The output is deterministic
 * byte for byte: fields in a fixed order, header keys sorted, {@code \n} line ends.
 *
 * <pre>{@code
 * { "format" : "mmspec-trace", "version" : 2,
 *   "header" : { "bug" : "A1", "scenario" : "dirty_cow" },
 *   "schedule" : [ 0, 0, 1, 0 ], "choices" : [ 0, 1, 0, 0 ], "contextSwitches" : 2,
 *   "steps" : [ { "index" : 1, "thread" : 0, "threadName" : "T0", "step" : "...", "detail" : "",
 *                 "changes" : [ { "variable" : "...", "before" : "...", "after" : "..." } ] },
 *               { "index" : 2, "thread" : 0, ..., "choice" : 1, "choices" : 2, "changes" : [ ... ] }, ... ],
 *   "violation" : { "kind" : "invariant", "description" : "...", "invariant" : "...", ... } }
 * }</pre>
 *
 * <p>{@code "choices"} (top level) is the successor each step took, 0-based (see {@link Schedule}); it is
 * written only when some step took a successor other than the first, and read as all zeros when absent.
 * A step whose thread had several successors records {@code "choice"} (the one taken, 0-based) and
 * {@code "choices"} (how many); a deterministic step has neither. Version 1 files (before choices) read
 * as traces without choices.
 */
public final class JsonTraceWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Immutable and thread-safe. */
    private static final ObjectWriter WRITER = writer();

    private JsonTraceWriter() {}

    /**
     * The JSON text of a trace file, ending with a newline.
     *
     * @param header what the caller needs to find the system again (scenario name, bug id, ...)
     */
    public static String write(Map<String, String> header, Trace trace, Violation violation) {
        ObjectNode root = NODES.objectNode();
        root.put(F_FORMAT, FORMAT);
        root.put(F_VERSION, VERSION);
        ObjectNode headerNode = root.putObject(F_HEADER);
        new TreeMap<>(header).forEach(headerNode::put);
        ArrayNode schedule = root.putArray(F_SCHEDULE);
        for (int thread : trace.schedule().threads()) {
            schedule.add(thread);
        }
        if (trace.schedule().hasChoices()) {
            ArrayNode choices = root.putArray(F_CHOICES);
            for (int choice : trace.schedule().choices()) {
                choices.add(choice);
            }
        }
        root.put(F_CONTEXT_SWITCHES, trace.contextSwitches());
        ArrayNode steps = root.putArray(F_STEPS);
        trace.steps().forEach(step -> steps.add(stepNode(step)));
        root.set(F_VIOLATION, violationNode(violation));
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise a JSON tree built in memory", e);
        }
    }

    private static ObjectWriter writer() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter);
        return new ObjectMapper().writer(printer);
    }

    private static ObjectNode stepNode(TraceStep step) {
        ObjectNode node = NODES.objectNode();
        node.put(F_INDEX, step.index());
        node.put(F_THREAD, step.label().thread());
        node.put(F_THREAD_NAME, step.label().threadName());
        node.put(F_STEP, step.label().step());
        node.put(F_DETAIL, step.label().detail());
        if (!step.label().source().isEmpty()) {
            node.put(F_SOURCE, step.label().source());
        }
        if (step.choices() > 1) {
            node.put(F_CHOICE, step.choice());
            node.put(F_CHOICES, step.choices());
        }
        ArrayNode changes = node.putArray(F_CHANGES);
        for (Change change : step.changes()) {
            ObjectNode c = changes.addObject();
            c.put(F_VARIABLE, change.variable());
            c.put(F_BEFORE, change.before());
            c.put(F_AFTER, change.after());
            if (!change.at().isEmpty()) {
                c.put(F_AT, change.at());
            }
            if (!change.source().isEmpty()) {
                c.put(F_SOURCE, change.source());
            }
        }
        return node;
    }

    /** The step as a JSON object (as in a trace file), for other writers. */
    public static ObjectNode step(TraceStep step) {
        return stepNode(step);
    }

    /** The violation as a JSON object (as in a trace file), for other writers. */
    public static ObjectNode violation(Violation violation) {
        return violationNode(violation);
    }

    private static ObjectNode violationNode(Violation violation) {
        ObjectNode node = NODES.objectNode();
        switch (violation) {
            case InvariantViolation v -> {
                node.put(F_KIND, K_INVARIANT);
                node.put(F_DESCRIPTION, v.describe());
                node.put(F_INVARIANT, v.invariantId());
                node.put(F_SUMMARY, v.witness().summary());
                ArrayNode objects = node.putArray(F_OBJECTS);
                v.witness().objects().forEach(objects::add);
            }
            case Deadlock d -> {
                node.put(F_KIND, K_DEADLOCK);
                node.put(F_DESCRIPTION, d.describe());
                ArrayNode threads = node.putArray(F_THREADS);
                for (BlockedThread t : d.threads()) {
                    ObjectNode tn = threads.addObject();
                    tn.put(F_THREAD, t.thread());
                    tn.put(F_NAME, t.name());
                    tn.put(F_REASON, t.reason());
                }
            }
            case KernelBug b -> putFault(node, K_KERNEL_BUG, b.describe(), b.fault());
            case AssertionFailure a -> putFault(node, K_ASSERTION, a.describe(), a.fault());
            case ModelError e -> {
                node.put(F_KIND, K_MODEL_ERROR);
                node.put(F_DESCRIPTION, e.describe());
                node.put(F_MESSAGE, e.message());
            }
        }
        return node;
    }

    private static void putFault(ObjectNode node, String kind, String description, Fault fault) {
        node.put(F_KIND, kind);
        node.put(F_DESCRIPTION, description);
        node.put(F_THREAD, fault.thread());
        node.put(F_MESSAGE, fault.message());
        if (!fault.dump().isEmpty()) {
            ArrayNode dump = node.putArray(F_DUMP);
            fault.dump().forEach(dump::add);
        }
    }
}
