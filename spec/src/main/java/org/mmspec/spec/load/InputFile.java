package org.mmspec.spec.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Reads a file a user named (a spec file, an import, a trace) without trusting it: only a regular file is
 * opened — never a FIFO (which would block), a device such as {@code /dev/zero} (endless), a socket or a
 * directory — its size is checked before a byte is read, and never more than the limit is read even if
 * the file grows meanwhile.
 */
public final class InputFile {

    /** The outcome of {@link #read}. */
    public sealed interface Result {
    }

    /** The file's bytes. */
    public record Read(byte[] bytes) implements Result {
        public Read {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** The file was not read; {@code reason} completes "'file' ...", e.g. {@code is a FIFO, not a regular file}. */
    public record Refused(String reason) implements Result {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private InputFile() {
    }

    /** Reads {@code file} if it is a regular file of at most {@code maxBytes} bytes. */
    public static Result read(Path file, long maxBytes) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return new Refused("cannot be read (" + (e instanceof java.nio.file.NoSuchFileException
                    ? "no such file" : e.getClass().getSimpleName() + ": " + e.getMessage()) + ")");
        }
        if (!attributes.isRegularFile()) {
            return new Refused("is " + kind(file, attributes) + ", not a regular file");
        }
        if (attributes.size() > maxBytes) {
            return new Refused("is " + attributes.size() + " bytes long; the limit is " + maxBytes + " bytes");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                return new Refused("grew beyond the limit of " + maxBytes + " bytes while it was read");
            }
            return new Read(bytes);
        } catch (IOException | SecurityException e) {
            return new Refused("cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** {@code a directory}, {@code a FIFO}, {@code a character device}, ... as far as the platform tells. */
    private static String kind(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            return switch (mode & 0170000) {
                case 0010000 -> "a FIFO";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | RuntimeException e) {
            return "a special file";
        }
    }
}
