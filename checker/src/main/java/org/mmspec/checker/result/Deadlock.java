package org.mmspec.checker.result;

import java.util.List;
import java.util.stream.Collectors;

/** No thread can move and some thread has not finished: {@code threads} lists every unfinished thread. */
public record Deadlock(List<BlockedThread> threads) implements Violation {

    public Deadlock {
        threads = List.copyOf(threads);
        if (threads.isEmpty()) {
            throw new IllegalArgumentException("a deadlock needs at least one blocked thread");
        }
    }

    @Override
    public String describe() {
        return "deadlock: " + threads.stream().map(BlockedThread::toString).collect(Collectors.joining("; "));
    }
}
