package org.mmspec.checker.scenario.build;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.reclaim.MadvisePageout;
import org.mmspec.ref.vma.VmFlags;

/**
 * The named constants a scenario may use, with their kernel values and types: {@code PAGE_SIZE},
 * {@code PROT_*}, {@code MAP_*}, {@code GFP_*}, the file kinds, {@code MADV_COLD}/{@code MADV_PAGEOUT},
 * and {@code none} (no file).
 */
public final class Constants {

    /** A constant: its value and type. */
    public record Constant(String name, int value, ArgType type) {
    }

    private static final Map<String, Constant> ALL = build();

    private Constants() {
    }

    private static Map<String, Constant> build() {
        Map<String, Constant> m = new LinkedHashMap<>();
        put(m, "PAGE_SIZE", 4096, ArgType.LEN);
        put(m, "PROT_NONE", VmFlags.PROT_NONE, ArgType.PROT);
        put(m, "PROT_READ", VmFlags.PROT_READ, ArgType.PROT);
        put(m, "PROT_WRITE", VmFlags.PROT_WRITE, ArgType.PROT);
        put(m, "PROT_EXEC", VmFlags.PROT_EXEC, ArgType.PROT);
        put(m, "MAP_SHARED", VmFlags.MAP_SHARED, ArgType.MAP);
        put(m, "MAP_PRIVATE", VmFlags.MAP_PRIVATE, ArgType.MAP);
        put(m, "MAP_FIXED", VmFlags.MAP_FIXED, ArgType.MAP);
        put(m, "MAP_ANONYMOUS", VmFlags.MAP_ANONYMOUS, ArgType.MAP);
        put(m, "GFP_KERNEL", Gfp.GFP_KERNEL, ArgType.GFP);
        put(m, "GFP_ATOMIC", Gfp.GFP_ATOMIC, ArgType.GFP);
        put(m, "GFP_NOWAIT", Gfp.GFP_NOWAIT, ArgType.GFP);
        put(m, "GFP_USER", Gfp.GFP_USER, ArgType.GFP);
        put(m, "GFP_HIGHUSER_MOVABLE", Gfp.GFP_HIGHUSER_MOVABLE, ArgType.GFP);
        put(m, "__GFP_COMP", Gfp.__GFP_COMP, ArgType.GFP); // issue 10: compound pages
        for (FileKind k : FileKind.values()) {
            put(m, k.name(), k.ordinal(), ArgType.FILE_KIND);
        }
        put(m, "MADV_COLD", MadvisePageout.MADV_COLD, ArgType.ADVICE);
        put(m, "MADV_PAGEOUT", MadvisePageout.MADV_PAGEOUT, ArgType.ADVICE);
        put(m, "none", -1, ArgType.FILE);
        return Map.copyOf(m);
    }

    private static void put(Map<String, Constant> m, String name, int value, ArgType type) {
        m.put(name, new Constant(name, value, type));
    }

    /** The constant called {@code name}. */
    public static Optional<Constant> byName(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** Every constant's name. */
    public static java.util.Set<String> names() {
        return ALL.keySet();
    }
}
