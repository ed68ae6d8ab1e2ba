package org.mmspec.checker.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void isAValue() {
        int[] threads = {0, 1, 1};
        Schedule schedule = new Schedule(threads);
        threads[0] = 5;
        schedule.threads()[1] = 7;
        assertArrayEquals(new int[] {0, 1, 1}, schedule.threads());
        assertEquals(Schedule.of(0, 1, 1), schedule);
        assertEquals(Schedule.of(0, 1, 1).hashCode(), schedule.hashCode());
        assertNotEquals(Schedule.of(0, 1), schedule);
        assertEquals("[0, 1, 1]", schedule.toString());
        assertThrows(IllegalArgumentException.class, () -> Schedule.of(0, -1));
    }

    @Test
    void countsContextSwitches() {
        assertEquals(0, Schedule.of().contextSwitches());
        assertEquals(0, Schedule.of(1, 1, 1).contextSwitches());
        assertEquals(3, Schedule.of(0, 1, 0, 0, 1).contextSwitches());
    }

    @Test
    void aTraceMatchesItsSchedule() {
        assertThrows(IllegalArgumentException.class, () -> new Trace(Schedule.of(0), List.of(), 0));
        assertEquals(0, Trace.empty().length());
    }
}
