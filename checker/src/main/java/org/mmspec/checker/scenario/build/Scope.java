package org.mmspec.checker.scenario.build;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The names a scenario's values may use: set-up variables (with their slots and types) and threads. */
final class Scope {

    /** A set-up variable: its slot in the variable array and its type. */
    record Var(int slot, ArgType type) {
    }

    private final Map<String, Var> vars = new LinkedHashMap<>();
    private final Map<String, Integer> threads = new LinkedHashMap<>();
    private final Set<String> poisoned = new java.util.HashSet<>();

    Scope(List<String> threadNames) {
        for (String t : threadNames) {
            threads.putIfAbsent(t, threads.size());
        }
    }

    Var var(String name) {
        return vars.get(name);
    }

    Integer thread(String name) {
        return threads.get(name);
    }

    /** Defines {@code name}; returns its slot. */
    int define(String name, ArgType type) {
        Var v = new Var(vars.size(), type);
        vars.put(name, v);
        return v.slot();
    }

    /** Marks {@code name} as a variable whose definition was wrong: uses of it report nothing more. */
    void poison(String name) {
        if (!vars.containsKey(name)) {
            poisoned.add(name);
        }
    }

    boolean isPoisoned(String name) {
        return poisoned.contains(name);
    }

    int size() {
        return vars.size();
    }

    boolean isThread(String name) {
        return threads.containsKey(name);
    }

    /** Every name a value may use here (for did-you-mean). */
    Set<String> known() {
        Set<String> out = new TreeSet<>(vars.keySet());
        out.addAll(threads.keySet());
        out.addAll(Constants.names());
        out.add("true");
        out.add("false");
        return out;
    }
}
