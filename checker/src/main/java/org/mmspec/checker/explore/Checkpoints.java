package org.mmspec.checker.explore;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.store.StateStore;

/**
 * The checkpoints of one search in one directory: {@code DIR/current/} holds the latest ({@code meta.properties}
 * with the search's signature and counters, {@code store.bin}, {@code frontier.bin}: the BFS queue or the DFS stack). A new checkpoint is
 * written to {@code DIR/incoming/} and then renamed into place (the one it replaces is first renamed to
 * {@code DIR/previous/}, deleted last), so a crash while writing leaves the last complete checkpoint.
 *
 * <p>The signature names the system (thread count, vector length, initial fingerprint), the strategy, the
 * bounds and the invariants: a checkpoint resumes only the same search, which then continues exactly where
 * the checkpointed one was, giving the same verdict and trace as a search that was never interrupted.
 */
final class Checkpoints {

    /** The format's name: 2 since the BFS queue's records became byte-aligned ({@code RecordCodec}). */
    static final String FORMAT = "mmspec-checkpoint-2";
    static final String STORE = "store.bin";
    static final String FRONTIER = "frontier.bin";
    private static final String META = "meta.properties";

    /** Writes one part of a checkpoint. */
    @FunctionalInterface
    interface Part {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads one part of a checkpoint. */
    @FunctionalInterface
    interface Reading<T> {
        T read(DataInputStream in) throws IOException;
    }

    private final Path dir;
    private final String signature;
    private final long intervalNanos;
    private long nextNanos;

    Checkpoints(Path dir, String signature, Duration interval) {
        this.dir = dir;
        this.signature = signature;
        this.intervalNanos = interval.toNanos();
        this.nextNanos = System.nanoTime() + intervalNanos;
    }

    /** True when the interval since the last checkpoint (or the start) has passed. */
    boolean due() {
        return System.nanoTime() - nextNanos >= 0;
    }

    /** Writes a checkpoint: {@code meta} (the signature is added), the store and the frontier. */
    void write(Properties meta, Part store, Part frontier) throws IOException {
        Path incoming = dir.resolve("incoming");
        Path current = dir.resolve("current");
        Path previous = dir.resolve("previous");
        deleteTree(incoming);
        Files.createDirectories(incoming);
        meta.setProperty("format", FORMAT);
        meta.setProperty("signature", signature);
        try (Writer w = Files.newBufferedWriter(incoming.resolve(META), StandardCharsets.UTF_8)) {
            meta.store(w, "mmspec checkpoint");
        }
        writePart(incoming.resolve(STORE), store);
        writePart(incoming.resolve(FRONTIER), frontier);
        deleteTree(previous);
        if (Files.exists(current)) {
            Files.move(current, previous);
        }
        Files.move(incoming, current);
        deleteTree(previous);
        nextNanos = System.nanoTime() + intervalNanos;
    }

    private static void writePart(Path file, Part part) throws IOException {
        try (OutputStream os = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 20))) {
            part.write(out);
        }
    }

    /** The latest checkpoint's meta data, checked against this search's signature. */
    Properties readMeta() {
        Path meta = latest().resolve(META);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new CheckpointException(dir + ": cannot read the checkpoint (" + e.getMessage() + ")");
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new CheckpointException(dir + ": not an mmspec checkpoint of this version");
        }
        if (!signature.equals(p.getProperty("signature"))) {
            throw new CheckpointException(dir + ": the checkpoint is of another search ("
                    + p.getProperty("signature") + "); this one is " + signature
                    + " (resume with the same scenario, strategy, bounds and invariants)");
        }
        return p;
    }

    /** Reads part {@code name} of the latest checkpoint. */
    <T> T readPart(String name, Reading<T> reading) {
        Path file = latest().resolve(name);
        try (InputStream is = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 20))) {
            return reading.read(in);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(dir + ": the checkpoint is damaged (" + name + ": " + e.getMessage() + ")");
        }
    }

    private Path latest() {
        Path current = dir.resolve("current");
        if (Files.isDirectory(current)) {
            return current;
        }
        Path previous = dir.resolve("previous");
        if (Files.isDirectory(previous)) {
            return previous;
        }
        throw new CheckpointException(dir + ": no checkpoint to resume (write one with --checkpoint " + dir + ")");
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /**
     * Writes a search's checkpoint: its meter's counters, whether it was truncated and whether the
     * interleaving self-check saw an overlap, its store and its frontier (queue or stack); false when the
     * disk refused it.
     */
    boolean save(SearchContext<?> ctx, boolean truncated, StateStore store, Part frontier) {
        return save(ctx, truncated, new long[0], store::save, frontier);
    }

    /**
     * {@link #save(SearchContext, boolean, StateStore, Part)} for a search with its own position
     * ({@code search}: numbers it reads back with {@link #restoreSearch()}) and its own store part.
     */
    boolean save(SearchContext<?> ctx, boolean truncated, long[] search, Part store, Part frontier) {
        Properties meta = new Properties();
        putLongs(meta, "counters", ctx.meter().counters());
        if (search.length > 0) {
            putLongs(meta, "search", search);
        }
        meta.setProperty("truncated", Boolean.toString(truncated));
        meta.setProperty("overlap", Boolean.toString(ctx.selfCheck().overlapSeen()));
        try {
            write(meta, store, frontier);
            return true;
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** The numbers a search saved as its position ({@link #save(SearchContext, boolean, long[], Part, Part)}). */
    long[] restoreSearch() {
        return getLongs(readMeta(), "search");
    }

    /** Restores what {@link #save} wrote of the meter and the self-check; returns whether it was truncated. */
    boolean restoreCounters(SearchContext<?> ctx) {
        Properties meta = readMeta();
        ctx.meter().restore(getLongs(meta, "counters"));
        ctx.selfCheck().restoreOverlap(Boolean.parseBoolean(meta.getProperty("overlap")));
        return Boolean.parseBoolean(meta.getProperty("truncated"));
    }

    /** The store {@link #save} wrote, within the search's state budget. */
    StateStore readStore(SearchContext<?> ctx) {
        return readPart(STORE, in -> StateStore.load(in, ctx.threads(), ctx.options().budget().maxStates(),
                ctx.options().files().fingerprintMemoryBytes(), ctx.fingerprintDisk()));
    }

    /**
     * The outcome of a budget that ran out between two steps (a point a search can be resumed from): the
     * search is checkpointed first when it checkpoints at all ({@code checkpoints} not null), and a
     * checkpoint the disk refused makes it {@code DISK_FULL}.
     */
    static SearchOutcome stopped(IncompleteReason budget, Checkpoints checkpoints, BooleanSupplier checkpoint) {
        if (checkpoints != null && budget != IncompleteReason.DISK_FULL && !checkpoint.getAsBoolean()) {
            return new SearchOutcome.Stopped(IncompleteReason.DISK_FULL);
        }
        return new SearchOutcome.Stopped(budget);
    }

    /** Stores {@code counters} under {@code key} in {@code meta}, comma-separated. */
    static void putLongs(Properties meta, String key, long[] counters) {
        StringBuilder b = new StringBuilder();
        for (long c : counters) {
            b.append(b.isEmpty() ? "" : ",").append(c);
        }
        meta.setProperty(key, b.toString());
    }

    /** The longs {@link #putLongs} stored under {@code key}. */
    static long[] getLongs(Properties meta, String key) {
        String v = meta.getProperty(key);
        if (v == null) {
            throw new CheckpointException("the checkpoint lacks " + key);
        }
        try {
            return Stream.of(v.split(",")).mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException e) {
            throw new CheckpointException("the checkpoint's " + key + " is damaged");
        }
    }
}
