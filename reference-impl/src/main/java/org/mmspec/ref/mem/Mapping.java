package org.mmspec.ref.mem;

/**
 * Encoding of {@code page->mapping}. In the kernel the pointer's low bits say what it points to:
 * {@code PAGE_MAPPING_ANON} (an {@code anon_vma}) and {@code PAGE_MAPPING_KSM} (a KSM stable node);
 * otherwise it is a file's {@code address_space}. The model keeps the same tagging over object ids:
 * {@code (id + 1) << 2 | tag}, 0 being {@code NULL}.
 */
public final class Mapping {

    public static final int NULL = 0;
    public static final int PAGE_MAPPING_ANON = 0x1;
    public static final int PAGE_MAPPING_MOVABLE = 0x2;
    public static final int PAGE_MAPPING_KSM = PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE;
    public static final int PAGE_MAPPING_FLAGS = PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE;

    private Mapping() {
    }

    public static int anon(int anonVma) {
        return ((anonVma + 1) << 2) | PAGE_MAPPING_ANON;
    }

    public static int ksm(int stableNode) {
        return ((stableNode + 1) << 2) | PAGE_MAPPING_KSM;
    }

    public static int file(int file) {
        return (file + 1) << 2;
    }

    public static boolean isAnon(int mapping) {
        return (mapping & PAGE_MAPPING_ANON) != 0;
    }

    public static boolean isKsm(int mapping) {
        return (mapping & PAGE_MAPPING_FLAGS) == PAGE_MAPPING_KSM;
    }

    public static boolean isFile(int mapping) {
        return mapping != NULL && (mapping & PAGE_MAPPING_FLAGS) == 0;
    }

    /** The anon_vma, KSM node or file id the mapping points to; -1 for {@code NULL}. */
    public static int target(int mapping) {
        return mapping == NULL ? -1 : (mapping >>> 2) - 1;
    }

    public static String describe(int mapping) {
        if (mapping == NULL) {
            return "NULL";
        }
        if (isKsm(mapping)) {
            return "ksm" + target(mapping);
        }
        return (isAnon(mapping) ? "anon_vma" : "file") + target(mapping);
    }
}
