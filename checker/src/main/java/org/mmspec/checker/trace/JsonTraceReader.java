package org.mmspec.checker.trace;

import static org.mmspec.checker.trace.JsonTraceFormat.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmspec.checker.result.AssertionFailure;
import org.mmspec.checker.result.BlockedThread;
import org.mmspec.checker.result.Deadlock;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.result.KernelBug;
import org.mmspec.checker.result.ModelError;
import org.mmspec.checker.result.Violation;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.Witness;

/**
 * Reads a trace file written by {@link JsonTraceWriter}. Bad input is a value
 * ({@link TraceReadResult.Malformed}), never an exception.
 */
public final class JsonTraceReader {

    /** Immutable and thread-safe. */
    private static final ObjectReader READER = new ObjectMapper().reader();

    private JsonTraceReader() {}

    /** Parses {@code json} as a trace file. */
    public static TraceReadResult read(String json) {
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            String at = where == null ? "" : where.getLineNr() + ":" + where.getColumnNr() + ": ";
            return new TraceReadResult.Malformed(at + "not JSON (" + e.getOriginalMessage()
                    + "); give a file written by `mmspec explore --json` or `mmspec check --json`");
        }
        try {
            return new TraceReadResult.Read(document(root));
        } catch (MalformedTrace e) {
            return new TraceReadResult.Malformed(e.getMessage());
        }
    }

    private static TraceDocument document(JsonNode root) throws MalformedTrace {
        if (root == null || !root.isObject()) {
            throw new MalformedTrace("a trace file is a JSON object");
        }
        if (!FORMAT.equals(text(root, F_FORMAT)) || integer(root, F_VERSION) < OLDEST_READABLE_VERSION
                || integer(root, F_VERSION) > VERSION) {
            throw new MalformedTrace("not a " + FORMAT + " file of version " + OLDEST_READABLE_VERSION + " to "
                    + VERSION);
        }
        Map<String, String> header = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : field(root, F_HEADER).properties()) {
            if (!e.getValue().isTextual()) {
                throw new MalformedTrace("header." + e.getKey() + " must be a string");
            }
            header.put(e.getKey(), e.getValue().textValue());
        }
        int[] threads = naturals(array(root, F_SCHEDULE), F_SCHEDULE, "a thread id");
        int[] choices = root.has(F_CHOICES) ? naturals(array(root, F_CHOICES), F_CHOICES, "a choice")
                : new int[threads.length];
        if (choices.length != threads.length) {
            throw new MalformedTrace("the schedule has " + threads.length + " steps but choices has " + choices.length);
        }
        Schedule schedule = new Schedule(threads, choices);
        List<TraceStep> steps = new ArrayList<>();
        JsonNode stepNodes = array(root, F_STEPS);
        for (int i = 0; i < stepNodes.size(); i++) {
            steps.add(step(stepNodes.get(i), i, schedule));
        }
        if (steps.size() != schedule.length()) {
            throw new MalformedTrace("the schedule has " + schedule.length() + " steps but steps has " + steps.size());
        }
        return new TraceDocument(header, schedule, steps, violation(field(root, F_VIOLATION)));
    }

    /** The integers {@code >= 0} of {@code array}; {@code what} names one of them in messages. */
    private static int[] naturals(JsonNode array, String name, String what) throws MalformedTrace {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode n = array.get(i);
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < 0) {
                throw new MalformedTrace(name + "[" + i + "] must be " + what + " (an integer >= 0)");
            }
            out[i] = n.intValue();
        }
        return out;
    }

    private static TraceStep step(JsonNode node, int i, Schedule schedule) throws MalformedTrace {
        int thread = integer(node, F_THREAD);
        if (integer(node, F_INDEX) != i + 1 || i >= schedule.length() || thread != schedule.thread(i)) {
            throw new MalformedTrace("steps[" + i + "] does not match schedule position " + (i + 1));
        }
        int choice = node.has(F_CHOICE) ? integer(node, F_CHOICE) : 0;
        int choices = node.has(F_CHOICES) ? integer(node, F_CHOICES) : 1;
        if (choice != schedule.choice(i) || choices < 1 || choice < 0 || choice >= choices) {
            throw new MalformedTrace("steps[" + i + "]: choice " + choice + " of " + choices
                    + " does not match the schedule's choice " + schedule.choice(i));
        }
        ActionLabel label = new ActionLabel(thread, text(node, F_THREAD_NAME), text(node, F_STEP), text(node, F_DETAIL),
                optionalText(node, F_SOURCE));
        List<Change> changes = new ArrayList<>();
        for (JsonNode c : array(node, F_CHANGES)) {
            changes.add(new Change(text(c, F_VARIABLE), text(c, F_BEFORE), text(c, F_AFTER), optionalText(c, F_AT),
                    optionalText(c, F_SOURCE)));
        }
        return new TraceStep(i + 1, label, choice, choices, changes);
    }

    private static Violation violation(JsonNode node) throws MalformedTrace {
        String kind = text(node, F_KIND);
        return switch (kind) {
            case K_INVARIANT -> {
                List<String> objects = new ArrayList<>();
                for (JsonNode o : array(node, F_OBJECTS)) {
                    objects.add(textValue(o, F_OBJECTS));
                }
                yield new InvariantViolation(text(node, F_INVARIANT), new Witness(text(node, F_SUMMARY), objects));
            }
            case K_DEADLOCK -> {
                List<BlockedThread> threads = new ArrayList<>();
                for (JsonNode t : array(node, F_THREADS)) {
                    threads.add(new BlockedThread(integer(t, F_THREAD), text(t, F_NAME), text(t, F_REASON)));
                }
                if (threads.isEmpty()) {
                    throw new MalformedTrace("a deadlock lists at least one thread");
                }
                yield new Deadlock(threads);
            }
            case K_KERNEL_BUG -> new KernelBug(fault(node, Fault.Kind.KERNEL_BUG));
            case K_ASSERTION -> new AssertionFailure(fault(node, Fault.Kind.ASSERTION));
            case K_MODEL_ERROR -> new ModelError(text(node, F_MESSAGE));
            default -> throw new MalformedTrace("unknown violation kind '" + kind + "'");
        };
    }

    private static Fault fault(JsonNode node, Fault.Kind kind) throws MalformedTrace {
        List<String> dump = new ArrayList<>();
        if (node.has(F_DUMP)) {
            for (JsonNode line : array(node, F_DUMP)) {
                dump.add(textValue(line, F_DUMP));
            }
        }
        return new Fault(kind, integer(node, F_THREAD), text(node, F_MESSAGE), dump);
    }

    private static String optionalText(JsonNode node, String name) throws MalformedTrace {
        return node.has(name) ? text(node, name) : "";
    }

    private static JsonNode field(JsonNode node, String name) throws MalformedTrace {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new MalformedTrace("missing field '" + name + "'");
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String name) throws MalformedTrace {
        JsonNode value = field(node, name);
        if (!value.isArray()) {
            throw new MalformedTrace("field '" + name + "' must be an array");
        }
        return value;
    }

    private static String text(JsonNode node, String name) throws MalformedTrace {
        return textValue(field(node, name), name);
    }

    private static String textValue(JsonNode value, String name) throws MalformedTrace {
        if (!value.isTextual()) {
            throw new MalformedTrace("field '" + name + "' must hold strings");
        }
        return value.textValue();
    }

    private static int integer(JsonNode node, String name) throws MalformedTrace {
        JsonNode value = field(node, name);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new MalformedTrace("field '" + name + "' must be an integer");
        }
        return value.intValue();
    }

    /** Bad input found while walking the tree; turned into {@link TraceReadResult.Malformed} by {@link #read}. */
    private static final class MalformedTrace extends Exception {
        MalformedTrace(String message) {
            super(message, null, false, false);
        }
    }
}
