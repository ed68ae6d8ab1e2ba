package org.mmspec.checker.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;

/**
 * The spec file of {@code mmspec check FILE.mmspec ...} or {@code mmspec explore FILE.mmspec ...} loaded on a
 * second thread from the start of the JVM, while picocli builds its model of the command line and parses it
 * (issue 14: time to a verdict; both are interpreted code at start-up, each about 0.07 s on the shared workload).
 * A guess from the raw arguments, used only where the command then asks for exactly that load: the same path and
 * no {@code --lib}, once. Loading is a function of the file's text, so the result, its diagnostics and what the
 * command prints are the same as the command's own load ({@code PreloadTest}); anything else loads as before.
 */
final class Preload {

    /** No guess: every load is the command's own. */
    static final Preload NONE = new Preload(null, null);

    private final Path file;
    private final CompletableFuture<LoadResult> result;
    private final AtomicBoolean taken = new AtomicBoolean();

    private Preload(Path file, CompletableFuture<LoadResult> result) {
        this.file = file;
        this.result = result;
    }

    /**
     * Starts loading the file that {@code args} name right after {@code check} or {@code explore}, when it is a
     * spec file ({@code .mmspec}), on a daemon thread (it never delays the JVM's exit); else {@link #NONE}.
     */
    static Preload start(String[] args) {
        if (args.length < 2 || !(args[0].equals("check") || args[0].equals("explore")) || !args[1].endsWith(".mmspec")
                || args[1].startsWith("-")) {
            return NONE;
        }
        Path file;
        try {
            file = Path.of(args[1]);
        } catch (InvalidPathException e) {
            return NONE;
        }
        CompletableFuture<LoadResult> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(SpecLoader.load(file, List.of()));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, "mmspec-preload");
        t.setDaemon(true);
        t.start();
        return new Preload(file, result);
    }

    /** Whether a command has taken the preloaded result (tests). */
    boolean taken() {
        return taken.get();
    }

    /**
     * The load of {@code file} with library directories {@code libs}: the preloaded one (waited for) the first
     * time it is asked for with the path guessed and no library directories, else the command's own.
     */
    LoadResult load(Path file, List<Path> libs) {
        if (result != null && libs.isEmpty() && file.equals(this.file) && taken.compareAndSet(false, true)) {
            try {
                return result.join();
            } catch (RuntimeException e) {                 // the preload failed: the command's own load decides
                return SpecLoader.load(file, libs);
            }
        }
        return SpecLoader.load(file, libs);
    }
}
