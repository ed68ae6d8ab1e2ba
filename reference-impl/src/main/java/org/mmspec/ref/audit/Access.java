package org.mmspec.ref.audit;

import org.mmspec.ref.state.AccessKind;
import org.mmspec.ref.state.ScopedLock;

/**
 * One recorded access of a step: the word (negative for a lock held only inside the step, see
 * {@link #scopedLock}), the bits it touched ({@code -1}: the whole word), its kind and mover, and the code
 * point that made it (procedure number and program counter).
 *
 * @param word the state word, or {@code -1 - encoded} for a {@link ScopedLock}
 * @param mask the bits accessed, {@code -1} for the whole word
 * @param kind what the access was
 * @param mover its mover class ({@code null} for a blocking attempt that was not itself an access)
 * @param procId the procedure ({@code Procedures} number) of the running frame
 * @param pc the program point within it
 */
public record Access(int word, int mask, AccessKind kind, Mover mover, int procId, int pc) {

    /** Whether this is a lock held only inside steps rather than a state word. */
    public boolean isScoped() {
        return word < 0;
    }

    /** The encoded scoped lock ({@link ScopedLock#encode}) of a scoped access. */
    public int scopedLock() {
        return -1 - word;
    }

    /** The lowest bit of {@link #mask}, or -1 for a whole-word access. */
    public int bit() {
        return mask == -1 || mask == 0 ? -1 : Integer.numberOfTrailingZeros(mask);
    }

    /** Packs kind, bit and mover into one int (the audit report in the state). */
    int info() {
        return kind.ordinal() | (bit() + 1) << 8 | (mover == null ? 0 : mover.ordinal() + 1) << 16;
    }

    /** Packs the code point into one int. */
    int point() {
        return (procId + 1) << 16 | pc & 0xFFFF;
    }

    /** The access a report holds: the inverse of {@link #info} and {@link #point}. */
    static Access decode(int word, int info, int point) {
        AccessKind kind = AccessKind.values()[info & 0xFF];
        int bit = ((info >>> 8) & 0xFF) - 1;
        int m = (info >>> 16) & 0xFF;
        return new Access(word, bit < 0 ? -1 : 1 << bit, kind, m == 0 ? null : Mover.values()[m - 1],
                (point >>> 16) - 1, point & 0xFFFF);
    }
}
