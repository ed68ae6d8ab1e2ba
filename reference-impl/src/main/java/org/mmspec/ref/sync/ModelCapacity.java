package org.mmspec.ref.sync;

import java.util.Locale;

/**
 * The fixed-size tables of the modelled machine that {@link OopsKind#MODEL_CAPACITY} reports as full: the
 * oops carries the table's code ({@code obj}) and one number ({@code aux}); this turns them into the
 * region of the state vector that ran out and the scenario's {@code machine { ... }} setting that sizes it,
 * so that a scenario that outgrows its machine is told what to raise, never shown a bare table number.
 *
 * <p>Codes as raised: -1 a thread's stack ({@code Ctx.call}), -2 a thread's lock-hold counter
 * ({@code Current.held}), -3 a frame's locals ({@code Ctx.set}/{@code Ctx.local}), 1 an mm's VMA slots, 2
 * {@code anon_vma} objects, 3 a file's pages, 4 files, 5 the page wait queue, 6 user mms, 7 slab caches or
 * GUP holders, 9 an rwsem's per-thread read holds, 10 an rwsem's waiters.
 */
public final class ModelCapacity {

    /** The table code of a thread's stack frames. */
    public static final int STACK = -1;
    /** The table code of a frame's locals. */
    public static final int LOCALS = -3;

    private ModelCapacity() {
    }

    /** What ran out and what to raise, for the table {@code code} and its number {@code aux}. */
    public static String describe(int code, int aux) {
        return switch (code) {
            case STACK -> String.format(Locale.ROOT, "a thread's stack is full (%d frames, the machine's stack_depth):"
                    + " raise stack_depth in the scenario's machine block", aux);
            case -2 -> "a thread holds one lock class too many times (the model counts at most 7 holds)";
            case LOCALS -> String.format(Locale.ROOT, "a frame has no local %d (the machine's locals):"
                    + " raise locals in the scenario's machine block", aux);
            case 1 -> "the mm has no free VMA slot: raise vmas in the scenario's machine block";
            case 2 -> "no free anon_vma: raise anon_vmas in the scenario's machine block";
            case 3 -> "the file is larger than the machine's file_pages: raise file_pages in the scenario's machine block";
            case 4 -> "no free file: raise files in the scenario's machine block";
            case 5 -> "the page wait queue is full: raise wait_queue_slots in the scenario's machine block";
            case 6 -> "no free mm: raise mms in the scenario's machine block";
            case 7 -> "no free slab cache or GUP holder slot (enlarge the configuration)";
            case 9 -> "a thread holds an rwsem for read 15 times (the model's most)";
            case 10 -> "an rwsem has more waiters than the model queues";
            default -> String.format(Locale.ROOT, "table %d full (enlarge the configuration)", code);
        };
    }
}
