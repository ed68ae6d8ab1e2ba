package org.mmspec.spec.types;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The built-in type names and the page-flag enum, as a reader of {@code include/linux} expects them. */
public final class Builtins {

    /** The enum of page flags; {@code pageflags_t} is a set of it. */
    public static final String PAGEFLAG = "pageflag";

    /** The page flags a protocol-level spec needs ({@code include/linux/page-flags.h}). */
    public static final List<String> PAGE_FLAGS = List.of("PG_locked", "PG_referenced", "PG_uptodate",
            "PG_dirty", "PG_lru", "PG_active", "PG_waiters", "PG_writeback", "PG_swapbacked", "PG_swapcache",
            "PG_reclaim", "PG_anon", "PG_mlocked");

    /** The constant {@code PTE_NONE}: the empty PTE. */
    public static final String PTE_NONE = "PTE_NONE";

    private Builtins() {
    }

    /** Every built-in type by name. */
    public static Map<String, Type> types() {
        Type.Enum flag = new Type.Enum(PAGEFLAG, PAGE_FLAGS);
        Map<String, Type> m = new LinkedHashMap<>();
        for (Type.IdKind k : Type.IdKind.values()) {
            m.put(k.typeName(), new Type.Id(k));
        }
        m.put("pte_t", new Type.Pte());
        m.put(PAGEFLAG, flag);
        m.put("pageflags_t", new Type.SetOf(flag));
        for (Type.LockKind k : Type.LockKind.values()) {
            m.put(k.typeName(), new Type.Lock(k));
        }
        return m;
    }
}
