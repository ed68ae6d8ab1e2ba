package org.mmspec.ref.sync;

import java.util.Locale;

/**
 * The named causes of {@link OopsKind#MODEL_MISUSE}: a step machine driven outside its domain or a step
 * that breaks the step rules. Each is a defect in a scenario or in the model, never a kernel bug. The
 * oops carries a code ({@code obj}) and one number ({@code aux}); this class turns them into a name and a
 * sentence, so that reports never show a bare number.
 *
 * <p>Codes as raised: 1 from the step executor, 2-39 and 41-49 from a step machine's {@code default}
 * branch (one code per procedure; the oops names the procedure), 3 from {@code page_add_new_anon_rmap}, 40
 * from the sequential {@code do_wp_page} entry, 50-59 from the I/O and GUP-holder objects (issue 10), 100 +
 * a {@link BlockKind} ordinal from {@code Ctx.block}.
 */
public enum ModelMisuse {
    /** The executor ran a thread's procedures for {@code aux} internal transitions without the step ending. */
    STEP_NEVER_ENDS("step-never-ends", "a step ran %d internal transitions without yielding or blocking"
            + " (a procedure loops without ending its step)"),
    /** A step machine was resumed at a program counter it does not have. */
    UNKNOWN_PC("unknown-pc", "the step machine was resumed at program counter %d, which it does not have"),
    /** {@code page_add_new_anon_rmap()} outside the VMA, or on a VMA without {@code anon_vma}. */
    NEW_ANON_RMAP_OUTSIDE_VMA("new-anon-rmap-outside-vma", "page_add_new_anon_rmap at %#x: the address is"
            + " outside the VMA or the VMA has no anon_vma (anon_vma_prepare was not called)"),
    /** The sequential {@code do_wp_page()} entry called where the PTE is not present and read-only. */
    WP_PAGE_WITHOUT_READONLY_PTE("wp-page-without-readonly-pte", "do_wp_page at %#x: the PTE is not present"
            + " and read-only, so there is no write-protect fault to handle"),
    /** {@code set_page_writeback()} on a page already under write-back (its caller checked under the page lock). */
    WRITEBACK_ALREADY_SET("writeback-already-set", "set_page_writeback on pfn %d, which is already under write-back"),
    /** A GUP holder (pipe buffer, direct-I/O request) was filled while it still held a page. */
    GUP_HOLDER_BUSY("gup-holder-busy", "GUP holder %d already holds a page"),
    /** A direct-I/O completion found its GUP holder empty. */
    GUP_HOLDER_EMPTY("gup-holder-empty", "the direct-I/O request's GUP holder %d holds no page"),
    /** The I/O completion context took a block request of an operation it does not know. */
    UNKNOWN_BIO_OP("unknown-bio-op", "the block request has operation %d, which the completion does not know"),
    /** A step that already took a lock would block on another: the half-done step would be lost. */
    BLOCK_AFTER_LOCK("block-after-lock", "the step already took %d lock(s) and would now block on %s;"
            + " end the step before the second acquisition");

    public static final int WRITEBACK_ALREADY_SET_CODE = 50;
    public static final int GUP_HOLDER_BUSY_CODE = 51;
    public static final int GUP_HOLDER_EMPTY_CODE = 52;
    public static final int UNKNOWN_BIO_OP_CODE = 53;

    /** The first code {@code Ctx.block} raises: this plus the {@link BlockKind} ordinal. */
    public static final int BLOCK_CODE_BASE = 100;

    private final String id;
    private final String template;

    ModelMisuse(String id, String template) {
        this.id = id;
        this.template = template;
    }

    /** Stable short name, e.g. {@code block-after-lock}. */
    public String id() {
        return id;
    }

    /** The cause an oops code stands for. */
    public static ModelMisuse of(int code) {
        if (code >= BLOCK_CODE_BASE) {
            return BLOCK_AFTER_LOCK;
        }
        return switch (code) {
            case 1 -> STEP_NEVER_ENDS;
            case 3 -> NEW_ANON_RMAP_OUTSIDE_VMA;
            case 40 -> WP_PAGE_WITHOUT_READONLY_PTE;
            case WRITEBACK_ALREADY_SET_CODE -> WRITEBACK_ALREADY_SET;
            case GUP_HOLDER_BUSY_CODE -> GUP_HOLDER_BUSY;
            case GUP_HOLDER_EMPTY_CODE -> GUP_HOLDER_EMPTY;
            case UNKNOWN_BIO_OP_CODE -> UNKNOWN_BIO_OP;
            default -> UNKNOWN_PC;
        };
    }

    /** {@code <id>: <sentence>} for an oops with this {@code code} and {@code aux}. */
    public static String describe(int code, int aux) {
        ModelMisuse m = of(code);
        String text = m == BLOCK_AFTER_LOCK
                ? String.format(Locale.ROOT, m.template, aux, blockKind(code - BLOCK_CODE_BASE))
                : String.format(Locale.ROOT, m.template, aux);
        return m.id + ": " + text;
    }

    private static String blockKind(int ordinal) {
        BlockKind[] kinds = BlockKind.values();
        return ordinal >= 0 && ordinal < kinds.length
                ? kinds[ordinal].name().toLowerCase(Locale.ROOT).replace('_', ' ') : "wait kind " + ordinal;
    }
}
