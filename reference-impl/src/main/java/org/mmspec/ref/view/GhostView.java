package org.mmspec.ref.view;

import static org.mmspec.ref.state.Layout.G_LOCKORDER_HELD;
import static org.mmspec.ref.state.Layout.G_LOCKORDER_TAKEN;
import static org.mmspec.ref.state.Layout.G_LOCKORDER_TID;
import static org.mmspec.ref.state.Layout.G_NOREF_PFN;
import static org.mmspec.ref.state.Layout.G_NOREF_TID;
import static org.mmspec.ref.state.Layout.G_PIN_FREED;
import static org.mmspec.ref.state.Layout.G_STALE_TLB_ADDR;
import static org.mmspec.ref.state.Layout.G_STALE_TLB_MM;
import static org.mmspec.ref.state.Layout.G_STALE_TLB_TID;
import static org.mmspec.ref.state.Layout.G_WRITE_ADDR;
import static org.mmspec.ref.state.Layout.G_WRITE_MM;
import static org.mmspec.ref.state.Layout.G_WRITE_PFN;
import static org.mmspec.ref.state.Layout.G_WRITE_TID;
import static org.mmspec.ref.state.Layout.G_WRITE_VIA;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.pin.GupPins;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.LockClass;

/**
 * The ghost part of an {@link MmView}: what the last step did that no kernel structure records (the
 * user-visible write, a lock-order inversion, an access through a revoked TLB entry or to an unreferenced
 * page, a pinned page freed) and who holds {@code get_user_pages()} references, for the invariants that
 * judge them. It reads the state its {@link MmView} was last {@link MmView#reset reset} to.
 */
public final class GhostView {

    private final Kernel k;
    private final Config c;
    private final Mem m;

    GhostView(Kernel k, Config c, Mem m) {
        this.k = k;
        this.c = c;
        this.m = m;
    }

    /** The user-visible write made in the last step. */
    public record WriteEvent(int tid, int mm, int addr, int pfn, int via) {
    }

    public WriteEvent lastWrite() {
        if (m.get(G_WRITE_TID) == 0) {
            return null;
        }
        return new WriteEvent(m.get(G_WRITE_TID) - 1, m.get(G_WRITE_MM), m.get(G_WRITE_ADDR), m.get(G_WRITE_PFN) - 1,
                m.get(G_WRITE_VIA));
    }

    /** A blocking acquisition against the documented lock order. */
    public record LockOrderInversion(int tid, LockClass held, LockClass taken) {
    }

    public LockOrderInversion lockOrderInversion() {
        if (m.get(G_LOCKORDER_TID) == 0) {
            return null;
        }
        return new LockOrderInversion(m.get(G_LOCKORDER_TID) - 1, LockClass.values()[m.get(G_LOCKORDER_HELD)],
                LockClass.values()[m.get(G_LOCKORDER_TAKEN)]);
    }

    /** A user access through a TLB entry whose revocation had completed. */
    public record StaleTlbAccess(int tid, int mm, int addr) {
    }

    /** Ghost: the first access through a revoked TLB entry, or null. */
    public StaleTlbAccess staleTlbAccess() {
        if (m.get(G_STALE_TLB_TID) == 0) {
            return null;
        }
        return new StaleTlbAccess(m.get(G_STALE_TLB_TID) - 1, m.get(G_STALE_TLB_MM), m.get(G_STALE_TLB_ADDR));
    }

    /** Ghost: a page freed while GUP still held it, or -1. */
    public int pinnedPageFreed() {
        return m.get(G_PIN_FREED) - 1;
    }

    /** A step touched a {@code struct page} nobody held a reference to. */
    public record RefLessAccess(int tid, int pfn) {
    }

    /** Ghost: the first access to a page with no reference held on it, or null. */
    public RefLessAccess refLessAccess() {
        int pfn = m.get(G_NOREF_PFN);
        return pfn == 0 ? null : new RefLessAccess(m.get(G_NOREF_TID) - 1, pfn - 1);
    }

    // ---- GUP references that outlive mmap_sem ----

    /**
     * A kernel object holding a {@code get_user_pages()} reference (pipe buffer, direct-I/O request, the
     * page {@code __access_remote_vm()} copies to or from): its page and kind, and — ghost — the user
     * range it was taken from and whether that range was discarded since.
     */
    public record GupHolder(int slot, int pfn, boolean writesPage, boolean pinned, int mm, int addr, boolean detached) {
    }

    /** The GUP holders in use. */
    public List<GupHolder> gupHolders() {
        List<GupHolder> out = new ArrayList<>();
        GupPins g = k.gupPins();
        for (int slot = 0; slot < c.nrGupHolders(); slot++) {
            if (g.inUse(slot)) {
                int f = g.flags(slot);
                out.add(new GupHolder(slot, g.page(slot), (f & GupPins.WRITES_PAGE) != 0, (f & GupPins.PINNED) != 0,
                        g.mm(slot), g.addr(slot), (f & GupPins.DETACHED) != 0));
            }
        }
        return out;
    }

    /** Whether any GUP holder is in use (cheap; no list). */
    public boolean anyGupHolder() {
        GupPins g = k.gupPins();
        for (int slot = 0; slot < c.nrGupHolders(); slot++) {
            if (g.inUse(slot)) {
                return true;
            }
        }
        return false;
    }

    /** Ghost: the task that set {@code PG_writeback} on {@code pfn} and has not submitted the I/O, or -1. */
    public int writebackOwner(int pfn) {
        return k.writeback().owner(pfn);
    }
}
