package org.mmspec.checker.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.system.KernelSystem;

/**
 * A step of the reference implementation allocates its successor and nearly nothing else: no working copy
 * of the state, nothing for a step that cannot move. Measured by the JVM's count of bytes this thread
 * allocated ({@code com.sun.management.ThreadMXBean}), not by time.
 */
class StepAllocationTest {

    @Test
    void aStepAllocatesLittleMoreThanItsSuccessor() {
        KernelSystem system = ScenarioCatalog.standard().byName("anon-fault-vs-reclaim").orElseThrow()
                .instantiate(Set.of());
        List<KernelState> states = new ArrayList<>(List.of(system.initialState()));
        for (int i = 0; i < states.size() && states.size() < 2000; i++) {
            for (int t = 0; t < system.threadCount(); t++) {
                KernelState next = system.step(states.get(i), t);
                if (next != null) {
                    states.add(next);
                }
            }
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long successorBytes = 4L * system.initialState().size() + 16 + 24; // the words' array and the state object
        double perStep = 0;
        for (int round = 0; round < 3; round++) {
            long moved = 0;
            long before = mx.getCurrentThreadAllocatedBytes();
            for (KernelState s : states) {
                for (int t = 0; t < system.threadCount(); t++) {
                    if (system.step(s, t) != null) {
                        moved++;
                    }
                }
            }
            perStep = (double) (mx.getCurrentThreadAllocatedBytes() - before) / moved;
        }
        assertTrue(perStep < 1.05 * successorBytes, perStep + " bytes allocated per step; the successor takes "
                + successorBytes);
    }
}
