package org.mmspec.checker.scenario.build;

/**
 * The types of scenario values: what a kernel procedure's argument or a set-up result means. Integer
 * literals may stand for {@link #INT}, {@link #ADDR}, {@link #LEN}, {@link #PFN} and {@link #ZONE}; an
 * mm, a file or a thread must come from the set-up ({@code mm_alloc()}, {@code fork()},
 * {@code create_file()}) or the scenario's {@code thread} declarations, so that a swapped argument is a
 * type error rather than a different scenario.
 */
public enum ArgType {
    MM("an mm (from mm_alloc() or fork())"),
    ADDR("a user address"),
    LEN("a length in bytes"),
    PFN("a page frame number"),
    FILE("a file (from create_file())"),
    ZONE("a zone number"),
    INT("an integer"),
    BOOL("true or false"),
    PROT("PROT_* flags"),
    MAP("MAP_* flags"),
    GFP("GFP_* flags"),
    FILE_KIND("a file kind (REGULAR_RW, REGULAR_RO, SHMEM)"),
    ADVICE("an madvise advice (MADV_COLD, MADV_PAGEOUT)"),
    THREAD("a thread of the scenario"),
    INTS("a list of integers {a, b, ...}"),
    NONE("nothing");

    private final String description;

    ArgType(String description) {
        this.description = description;
    }

    /** In words, for messages: {@code "an mm (from mm_alloc() or fork())"}. */
    public String describe() {
        return description;
    }

    /** The name used in the scenario-file reference ({@code mm}, {@code addr}, ...). */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether an integer literal may stand for a value of this type. */
    public boolean acceptsLiteral() {
        return this == INT || this == ADDR || this == LEN || this == PFN || this == ZONE;
    }

    /** Whether a value of type {@code actual} may be passed where this type is expected. */
    public boolean accepts(ArgType actual) {
        if (actual == this) {
            return true;
        }
        return switch (this) {
            case LEN, ZONE -> actual == INT;
            case INT -> actual == LEN || actual == ZONE;
            default -> false;
        };
    }

    /** Whether values of this type combine with {@code |} (flag sets). */
    public boolean isFlags() {
        return this == PROT || this == MAP || this == GFP;
    }
}
