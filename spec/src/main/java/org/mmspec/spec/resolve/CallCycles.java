package org.mmspec.spec.resolve;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The procedures that lie on a call cycle: members of a strongly connected component of the call graph
 * with more than one procedure, or that call themselves. Tarjan's algorithm with an explicit stack, so a
 * call chain of any length costs linear time and no Java stack.
 */
final class CallCycles {

    private final Map<String, Set<String>> callees;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> component = new ArrayDeque<>();
    private final Set<String> onComponentStack = new HashSet<>();
    private final Set<String> cyclic = new HashSet<>();
    private int next;

    CallCycles(Map<String, Set<String>> callees) {
        this.callees = callees;
    }

    /** The procedures on some cycle. */
    Set<String> onCycles() {
        for (String p : callees.keySet().stream().sorted().toList()) {
            if (!index.containsKey(p)) {
                visit(p);
            }
        }
        return cyclic;
    }

    /** One depth-first search from {@code root}; each frame is a procedure and its remaining callees. */
    private void visit(String root) {
        Deque<Map.Entry<String, Iterator<String>>> stack = new ArrayDeque<>();
        open(root, stack);
        while (!stack.isEmpty()) {
            Map.Entry<String, Iterator<String>> top = stack.peek();
            String p = top.getKey();
            if (top.getValue().hasNext()) {
                String c = top.getValue().next();
                if (!index.containsKey(c)) {
                    open(c, stack);
                } else if (onComponentStack.contains(c)) {
                    low.merge(p, index.get(c), Math::min);
                }
                continue;
            }
            stack.pop();
            if (!stack.isEmpty()) {
                low.merge(stack.peek().getKey(), low.get(p), Math::min);
            }
            if (low.get(p).equals(index.get(p))) {
                closeComponent(p);
            }
        }
    }

    private void open(String p, Deque<Map.Entry<String, Iterator<String>>> stack) {
        index.put(p, next);
        low.put(p, next);
        next++;
        component.push(p);
        onComponentStack.add(p);
        stack.push(Map.entry(p, callees.getOrDefault(p, Set.of()).iterator()));
    }

    private void closeComponent(String root) {
        Set<String> members = new HashSet<>();
        String m;
        do {
            m = component.pop();
            onComponentStack.remove(m);
            members.add(m);
        } while (!m.equals(root));
        if (members.size() > 1 || callees.getOrDefault(root, Set.of()).contains(root)) {
            cyclic.addAll(members);
        }
    }
}
