package org.mmspec.checker.fidelity.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the parser knows so far: declared files, regions, processes, and which process has which region. */
final class ParseState {

    final Map<String, FileSpec> files = new LinkedHashMap<>();
    final Map<String, Region> regions = new LinkedHashMap<>();
    final List<String> processes = new ArrayList<>();
    final Map<String, Integer> exitedAtLine = new HashMap<>();
    final Map<String, Set<String>> regionsOf = new HashMap<>();
    final List<Step> steps = new ArrayList<>();
    int writes;

    ParseState() {
        processes.add(Scenario.FIRST_PROCESS);
        regionsOf.put(Scenario.FIRST_PROCESS, new HashSet<>());
    }

    boolean known(String name) {
        return files.containsKey(name) || regions.containsKey(name) || processes.contains(name);
    }

    boolean alive(String process) {
        return processes.contains(process) && !exitedAtLine.containsKey(process);
    }

    /** The next distinct byte a write stores: {@code a}, {@code b}, ... */
    int nextWriteValue() {
        return 'a' + writes++;
    }
}
