package org.mmspec.ref.sync;

import static org.mmspec.ref.state.Layout.G_LOCKORDER_HELD;
import static org.mmspec.ref.state.Layout.G_LOCKORDER_TAKEN;
import static org.mmspec.ref.state.Layout.G_LOCKORDER_TID;
import static org.mmspec.ref.state.Layout.G_NOREF_PFN;
import static org.mmspec.ref.state.Layout.G_NOREF_TID;
import static org.mmspec.ref.state.Layout.G_PIN_FREED;
import static org.mmspec.ref.state.Layout.G_WRITE_ADDR;
import static org.mmspec.ref.state.Layout.G_WRITE_MM;
import static org.mmspec.ref.state.Layout.G_WRITE_PFN;
import static org.mmspec.ref.state.Layout.G_WRITE_TID;
import static org.mmspec.ref.state.Layout.G_WRITE_VIA;
import static org.mmspec.ref.state.Layout.PG_PINS;
import static org.mmspec.ref.state.Layout.TH_HELD;

import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;

/**
 * Ghost state: variables the kernel does not have, kept so that invariants can state properties of
 * events (a write, a lock acquisition, a free) as properties of states. Events last one step: the
 * executor clears them before each step.
 */
public final class Ghost {

    /** {@link #recordWrite} via bits: the write went through a private (COW) mapping. */
    public static final int VIA_PRIVATE = 1;
    /** The write was made by {@code get_user_pages} on behalf of another task ({@code /proc/pid/mem}). */
    public static final int VIA_GUP = 2;

    private final Layout l;
    private final Mem m;

    public Ghost(Layout l, Mem m) {
        this.l = l;
        this.m = m;
    }

    /**
     * Opens a ghost section: what a procedure reads and writes between this and {@link #end} is the
     * model's own bookkeeping (what the user expects to read back), not a kernel access — the audit skips it.
     */
    public void begin() {
        m.ghostBegin();
    }

    /** Closes the section {@link #begin} opened. */
    public void end() {
        m.ghostEnd();
    }

    /** Clears the one-step events before a new step. */
    public void clearEvents() {
        if (m.get(G_WRITE_TID) != 0) {
            m.set(G_WRITE_TID, 0);
            m.set(G_WRITE_MM, 0);
            m.set(G_WRITE_ADDR, 0);
            m.set(G_WRITE_PFN, 0);
            m.set(G_WRITE_VIA, 0);
        }
    }

    /** A user-visible write of data to {@code pfn} through {@code mm} at {@code addr}. */
    public void recordWrite(int tid, int mm, int addr, int pfn, int via) {
        m.set(G_WRITE_TID, tid + 1);
        m.set(G_WRITE_MM, mm);
        m.set(G_WRITE_ADDR, addr);
        m.set(G_WRITE_PFN, pfn + 1);
        m.set(G_WRITE_VIA, via);
    }

    /**
     * A blocking acquisition of class {@code cls} by {@code tid}: if the thread holds a lock of a later
     * class, the first such inversion is recorded.
     */
    public void checkLockOrder(int tid, LockClass cls) {
        if (tid < 0 || m.get(G_LOCKORDER_TID) != 0) {
            return;
        }
        int held = m.get(l.thread(tid, TH_HELD));
        for (LockClass h : LockClass.values()) {
            if (h.rank() > cls.rank() && ((held >>> h.shift()) & LockClass.MAX_HELD) != 0) {
                m.set(G_LOCKORDER_TID, tid + 1);
                m.set(G_LOCKORDER_HELD, h.ordinal());
                m.set(G_LOCKORDER_TAKEN, cls.ordinal());
                return;
            }
        }
    }

    /** A page went back to the buddy allocator: a GUP pin still counted on it is recorded. */
    public void pageFreed(int pfn) {
        int w = l.page(pfn, PG_PINS);
        if (m.get(w) != 0) {
            if (m.get(G_PIN_FREED) == 0) {
                m.set(G_PIN_FREED, pfn + 1);
            }
            m.set(w, 0);
        }
    }

    /**
     * Thread {@code tid} accessed {@code pfn} while nobody held a reference to it (a use of a freed page):
     * the first such access is recorded for the {@code page_ref_held} invariant.
     */
    public void accessWithoutReference(int tid, int pfn) {
        if (m.get(G_NOREF_PFN) == 0) {
            m.set(G_NOREF_PFN, pfn + 1);
            m.set(G_NOREF_TID, tid + 1);
        }
    }

    /** {@code get_user_pages(FOLL_GET)} handed out a reference. */
    public void pin(int pfn) {
        m.add(l.page(pfn, PG_PINS), 1);
    }

    /** The GUP caller released its reference. */
    public void unpin(int pfn) {
        int w = l.page(pfn, PG_PINS);
        if (m.get(w) > 0) {
            m.add(w, -1);
        }
    }
}
