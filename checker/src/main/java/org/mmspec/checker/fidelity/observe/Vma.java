package org.mmspec.checker.fidelity.observe;

import java.util.Optional;

/**
 * The VMA that covers a page, as {@code /proc/<pid>/maps} prints its permissions ({@code rw-p}), or no
 * VMA at all. In model terms: {@code find_vma(mm, addr)} returns a VMA with {@code vm_start <= addr};
 * read/write/exec are {@code VM_READ}/{@code VM_WRITE}/{@code VM_EXEC}; shared is {@code VM_SHARED}
 * ({@code s}), otherwise private ({@code p}).
 *
 * @param mapped whether a VMA covers the address
 * @param read {@code VM_READ}
 * @param write {@code VM_WRITE}
 * @param exec {@code VM_EXEC}
 * @param shared {@code VM_SHARED}
 */
public record Vma(boolean mapped, boolean read, boolean write, boolean exec, boolean shared) {

    /** No VMA covers the address. */
    public static final Vma NONE = new Vma(false, false, false, false, false);

    public Vma {
        if (!mapped && (read || write || exec || shared)) {
            throw new IllegalArgumentException("an absent VMA has no permissions");
        }
    }

    /** A VMA with these permissions. */
    public static Vma of(boolean read, boolean write, boolean exec, boolean shared) {
        return new Vma(true, read, write, exec, shared);
    }

    /** Parses {@code rw-p} / {@code r--s} / {@code -}; empty when malformed. */
    public static Optional<Vma> parse(String perms) {
        if (perms.equals("-")) {
            return Optional.of(NONE);
        }
        if (!perms.matches("[r-][w-][x-][ps]")) {
            return Optional.empty();
        }
        return Optional.of(of(perms.charAt(0) == 'r', perms.charAt(1) == 'w', perms.charAt(2) == 'x',
                perms.charAt(3) == 's'));
    }

    /** {@code rw-p} style, or {@code -} when unmapped. */
    @Override
    public String toString() {
        if (!mapped) {
            return "-";
        }
        return (read ? "r" : "-") + (write ? "w" : "-") + (exec ? "x" : "-") + (shared ? "s" : "p");
    }
}
