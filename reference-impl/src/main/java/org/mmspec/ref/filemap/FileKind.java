package org.mmspec.ref.filemap;

/** What backs an inode in the model. */
public enum FileKind {
    /** A regular file opened read-write: shared writable mappings are allowed. */
    REGULAR_RW,
    /** A regular file opened read-only ({@code O_RDONLY}): {@code MAP_SHARED} loses {@code VM_MAYWRITE}. */
    REGULAR_RO,
    /** The shmem object behind a shared anonymous mapping; its pages are swap-backed. */
    SHMEM;

    private static final FileKind[] VALUES = values();

    public static FileKind of(int ordinal) {
        return VALUES[ordinal];
    }
}
