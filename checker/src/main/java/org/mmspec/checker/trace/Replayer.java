package org.mmspec.checker.trace;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.BlockReason;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Rebuilds a trace by running a schedule through a transition system (as TLC rebuilds its traces from
 * fingerprints): only the current state is held; each step keeps its label, its choice and diff.
 */
public final class Replayer {

    private Replayer() {}

    /**
     * Replays {@code schedule} from {@code system}'s initial state: at each step, successor
     * {@code schedule.choice(i)} of {@code system.successors(state, schedule.thread(i))}.
     *
     * @return {@link Replay.Fits} with the trace and the final state, or {@link Replay.DoesNotFit} naming
     *     the first step whose thread does not exist or cannot move, or has fewer successors than its choice
     */
    public static <S> Replay<S> replay(TransitionSystem<S> system, Schedule schedule) {
        S state = system.initialState();
        List<TraceStep> steps = new ArrayList<>(schedule.length());
        for (int i = 0; i < schedule.length(); i++) {
            int thread = schedule.thread(i);
            int choice = schedule.choice(i);
            if (thread >= system.threadCount()) {
                return new Replay.DoesNotFit<>(i + 1, thread,
                        "no thread " + thread + " (the system has " + system.threadCount() + ")",
                        prefix(schedule, i, steps));
            }
            List<S> successors = system.successors(state, thread);
            if (successors.isEmpty()) {
                return new Replay.DoesNotFit<>(i + 1, thread, whyStuck(system, state, thread),
                        prefix(schedule, i, steps));
            }
            if (choice >= successors.size()) {
                return new Replay.DoesNotFit<>(i + 1, thread, system.threadName(thread) + "'s step has "
                        + successors.size() + " successor" + (successors.size() == 1 ? "" : "s")
                        + ", so there is no choice " + choice, prefix(schedule, i, steps));
            }
            S next = successors.get(choice);
            ActionLabel label = system.label(state, thread, next);
            steps.add(new TraceStep(i + 1, label, choice, successors.size(), system.changes(state, thread, next)));
            state = next;
        }
        return new Replay.Fits<>(new Trace(schedule, steps, schedule.contextSwitches()), state);
    }

    private static Trace prefix(Schedule schedule, int length, List<TraceStep> steps) {
        Schedule done = schedule.prefix(length);
        return new Trace(done, steps, done.contextSwitches());
    }

    private static <S> String whyStuck(TransitionSystem<S> system, S state, int thread) {
        String name = system.threadName(thread);
        if (system.phase(state, thread) == ThreadPhase.FINISHED) {
            return name + " cannot move: it has finished";
        }
        BlockReason reason = system.blockReason(state, thread);
        return name + " cannot move: " + (reason == null ? "blocked (no reason given)" : reason.describe());
    }
}
