package org.mmspec.checker.explore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Not a test: the child process of {@link KilledSearchResumesTest}. Searches the five counters of
 * {@link SpillAndResumeTest#counters()} breadth-first, checkpointing into {@code args[0]} every 20 ms and
 * sleeping a little per expansion, so that it is still searching when the parent kills it.
 */
public final class CheckpointKillProbe {

    private CheckpointKillProbe() {}

    public static void main(String[] args) {
        SearchOptions options = SearchOptions.defaults().withFiles(SearchFiles.defaults()
                .withCheckpoint(Path.of(args[0]), Duration.ofMillis(20)));
        Explorer.check(new CheckRequest<>(SpillAndResumeTest.counters(), List.of(), options), new org.mmspec.checker
                .observe.SearchListener() {
                    @Override
                    public void onProgress(org.mmspec.checker.observe.ProgressSnapshot s) {
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }, Duration.ofMillis(1));
        System.out.println("finished before it was killed");
    }
}
