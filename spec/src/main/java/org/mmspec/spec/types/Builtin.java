package org.mmspec.spec.types;

/**
 * Built-in functions. PURE ones may appear in any expression; EFFECT ones only as statements
 * ({@code lock(m);}, {@code ok = trylock(m);}) inside procedures.
 */
public enum Builtin {
    PTE_NONE("pte_none", 1, true), PTE_PRESENT("pte_present", 1, true), PTE_WRITE("pte_write", 1, true),
    PTE_DIRTY("pte_dirty", 1, true), PTE_YOUNG("pte_young", 1, true), IS_SWAP_PTE("is_swap_pte", 1, true),
    PTE_PFN("pte_pfn", 1, true), MK_PTE("mk_pte", 2, true), PTE_MKWRITE("pte_mkwrite", 1, true),
    PTE_WRPROTECT("pte_wrprotect", 1, true), PTE_MKDIRTY("pte_mkdirty", 1, true),
    PTE_MKCLEAN("pte_mkclean", 1, true), PTE_MKYOUNG("pte_mkyoung", 1, true), PTE_MKOLD("pte_mkold", 1, true),
    SWP_ENTRY_PTE("swp_entry_pte", 1, true), PTE_SWP_OFFSET("pte_swp_offset", 1, true),
    SIZE("size", 1, true), LIST_EMPTY("list_empty", 1, true), LIST_FIRST("list_first", 1, true),
    LOCKED("locked", 1, true), HOLDS("holds", -1, true), MIN("min", 2, true), MAX("max", 2, true),
    LOCK("lock", 1, false), UNLOCK("unlock", 1, false), TRYLOCK("trylock", 1, false),
    DOWN_READ("down_read", 1, false), UP_READ("up_read", 1, false),
    DOWN_WRITE("down_write", 1, false), UP_WRITE("up_write", 1, false),
    LIST_ADD_TAIL("list_add_tail", 2, false), LIST_ADD("list_add", 2, false), LIST_DEL("list_del", 2, false),
    BUG_ON("BUG_ON", 1, false), VM_BUG_ON("VM_BUG_ON", 1, false),
    TEST_AND_SET_BIT("test_and_set_bit", 2, false), TEST_AND_CLEAR_BIT("test_and_clear_bit", 2, false),
    ATOMIC_DEC_AND_TEST("atomic_dec_and_test", 1, false), ATOMIC_INC_NOT_ZERO("atomic_inc_not_zero", 1, false),
    ATOMIC_CMPXCHG("atomic_cmpxchg", 3, false), ATOMIC_XCHG("xchg", 2, false);

    private final String spelling;
    private final int arity;
    private final boolean pure;

    Builtin(String spelling, int arity, boolean pure) {
        this.spelling = spelling;
        this.arity = arity;
        this.pure = pure;
    }

    public String spelling() {
        return spelling;
    }

    /** Number of arguments, or -1 when it varies ({@code holds(lock)} / {@code holds(lock, thread)}). */
    public int arity() {
        return arity;
    }

    public boolean pure() {
        return pure;
    }

    /** True for the lock operations, which need a running thread. */
    public boolean locking() {
        return switch (this) {
            case LOCK, UNLOCK, TRYLOCK, DOWN_READ, UP_READ, DOWN_WRITE, UP_WRITE -> true;
            default -> false;
        };
    }

    /** The builtin spelt {@code name}, or null. */
    public static Builtin named(String name) {
        for (Builtin b : values()) {
            if (b.spelling.equals(name)) {
                return b;
            }
        }
        return null;
    }
}
