package org.mmspec.ref.pin;

import static org.mmspec.ref.state.Layout.H_ADDR;
import static org.mmspec.ref.state.Layout.H_FLAGS;
import static org.mmspec.ref.state.Layout.H_MM;
import static org.mmspec.ref.state.Layout.H_PFN;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.state.ScopedLock;
import org.mmspec.ref.sync.Ghost;
import org.mmspec.ref.sync.ModelMisuse;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * The references {@code get_user_pages()} hands out, and the kernel objects that keep them after
 * {@code mmap_sem} is released (include/linux/mm.h, mm/gup.c).
 *
 * <p>Two kinds of reference: {@code FOLL_GET} takes an ordinary page reference ({@code get_page()});
 * {@code FOLL_PIN} (Linux 5.7+, {@code pin_user_pages()}) adds {@link #GUP_PIN_COUNTING_BIAS} to the
 * count ({@code try_grab_page()}), so that {@code page_maybe_dma_pinned()} can tell a page someone may be
 * DMAing into, and is dropped by {@code unpin_user_page()}.
 *
 * <p>Holders: a pipe buffer filled by {@code vmsplice()} and a direct-I/O request keep the page after the
 * system call returned. Each holder records the page and its kind of reference (kernel state: {@code
 * pipe_buffer->page}, the dio's page array) and, as ghost state, the user range the reference was taken
 * from and whether that range has been discarded since ({@code munmap}, {@code MADV_DONTNEED}): what is
 * written through the reference is the pinning process's data at that address unless it was discarded —
 * however the page left the page tables otherwise (reclaim, COW, lazy free).
 */
public final class GupPins {

    /** {@code GUP_PIN_COUNTING_BIAS} (include/linux/mm.h, Linux 5.7): what one {@code FOLL_PIN} adds to the count. */
    public static final int GUP_PIN_COUNTING_BIAS = 1024;

    /** Holder kind: a pipe buffer ({@code vmsplice()}). */
    public static final int PIPE_BUF = 1;
    /** Holder kind: a direct-I/O request. */
    public static final int DIO = 2;
    /** Holder kind: {@code __access_remote_vm()}'s page, between {@code get_user_pages()} and the copy. */
    public static final int REMOTE = 3;
    private static final int KIND_MASK = 3;
    /** The holder's device writes into the page (a direct-I/O read; GUP took it with {@code FOLL_WRITE}). */
    public static final int WRITES_PAGE = 4;
    /** The reference is a {@code FOLL_PIN} pin. */
    public static final int PINNED = 8;
    /** Ghost: the user range has been discarded since the reference was taken. */
    public static final int DETACHED = 16;

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final Pages pages;
    private final Lru lru;
    private final Ghost ghost;
    private final Vmas vmas;
    private final Mms mms;

    public GupPins(Config c, Layout l, Mem m, Pages pages, Lru lru, Ghost ghost, Vmas vmas, Mms mms) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.pages = pages;
        this.lru = lru;
        this.ghost = ghost;
        this.vmas = vmas;
        this.mms = mms;
    }

    // ---- references ----

    /**
     * {@code try_grab_page(page, flags)} (mm/gup.c, Linux 5.7+): a {@code FOLL_PIN} reference adds the
     * bias, a {@code FOLL_GET} one a plain reference. Context: the PTE lock (the page is mapped).
     */
    public void grab(int pfn, boolean pin) {
        if (pin) {
            pages.refs().pageRefAdd(pfn, GUP_PIN_COUNTING_BIAS);
        } else {
            pages.refs().getPage(pfn);
        }
        ghost.pin(pfn);
    }

    /**
     * {@code try_grab_compound_head()} / {@code page_cache_get_speculative()} (mm/gup.c): the lockless
     * fast path's reference, taken unless the page's count is already zero (it is being freed). Returns
     * whether it was taken.
     */
    public boolean grabSpeculative(int pfn, boolean pin) {
        if (!pages.refs().pageRefAddUnless(pfn, pin ? GUP_PIN_COUNTING_BIAS : 1, 0)) {
            return false;
        }
        ghost.pin(pfn);
        return true;
    }

    /**
     * {@code put_page()} / {@code unpin_user_page()} (mm/gup.c, Linux 5.7+) in one go, for sequential
     * callers: the GUP user is done with the page; the last reference frees it. Steps drop the reference
     * with {@code pageref.PutPage} ({@link #references} of them).
     */
    public void release(int pfn, boolean pin) {
        ghost.unpin(pfn);
        if (!pin) {
            lru.putPage(pfn);
            return;
        }
        if (pages.refs().pageRefSubAndTest(pfn, GUP_PIN_COUNTING_BIAS)) {
            lru.putSinglePage(pfn);
        }
    }

    /** Ghost: a GUP caller's reference to {@code pfn} is about to be dropped (its holder is none). */
    public void unpinGhost(int pfn) {
        ghost.unpin(pfn);
    }

    /** How many references a GUP reference of this kind is: the pin bias, or one. */
    public static int references(boolean pin) {
        return pin ? GUP_PIN_COUNTING_BIAS : 1;
    }

    /**
     * {@code page_maybe_dma_pinned(page)} (include/linux/mm.h, Linux 5.7+): the count is at least the
     * bias (false positives are possible for pages with a thousand ordinary references).
     */
    public boolean pageMaybeDmaPinned(int pfn) {
        return pages.pageCount(pfn) >= GUP_PIN_COUNTING_BIAS;
    }

    // ---- holders ----

    /**
     * A free holder slot, or -1 ({@code -ENOMEM}): the allocation of the pipe buffer or dio, the slab
     * allocator's business (not audited).
     */
    public int claim() {
        for (int s = 0; s < c.nrGupHolders(); s++) {
            if (m.peek(l.holder(s, H_PFN)) == 0) {
                return s;
            }
        }
        return -1;
    }

    /** Takes the holder's lock ({@code pipe->mutex} / {@code dio->bio_lock}), inside the step. */
    public void lock(int slot) {
        m.lockScoped(ScopedLock.GUP_HOLDER, slot);
    }

    public void unlock(int slot) {
        m.unlockScoped(ScopedLock.GUP_HOLDER, slot);
    }

    /**
     * Under the holder's lock: it now keeps {@code pfn}, taken for {@code mm} at {@code addr} with the
     * given flags ({@link #PIPE_BUF} or {@link #DIO}, {@link #WRITES_PAGE}, {@link #PINNED}).
     */
    public void hold(int slot, int pfn, int flags, int mm, int addr) {
        lock(slot);
        fill(slot, pfn, flags, mm, addr);
        unlock(slot);
    }

    private void fill(int slot, int pfn, int flags, int mm, int addr) {
        if (m.get(l.holder(slot, H_PFN)) != 0) {
            throw new Oops(OopsKind.MODEL_MISUSE, ModelMisuse.GUP_HOLDER_BUSY_CODE, slot);
        }
        m.set(l.holder(slot, H_PFN), pfn + 1);
        m.set(l.holder(slot, H_FLAGS), flags);
        m.set(l.holder(slot, H_MM), mm);
        m.set(l.holder(slot, H_ADDR), addr);
    }

    /**
     * Ghost: a holder the kernel keeps in a local variable ({@code __access_remote_vm()}'s page array),
     * recorded only so that the ghost can tell whether the range was discarded meanwhile. Returns the slot.
     */
    public int holdGhost(int pfn, int flags, int mm, int addr) {
        int slot = claim();
        if (slot < 0) {
            throw new Oops(OopsKind.MODEL_CAPACITY, 7, 0);
        }
        m.ghostBegin();
        fill(slot, pfn, flags, mm, addr);
        m.ghostEnd();
        return slot;
    }

    /** Ghost: the local holder of {@link #holdGhost} is gone. */
    public void freeGhost(int slot) {
        m.ghostBegin();
        free(slot);
        m.ghostEnd();
    }

    /**
     * Under the holder's lock: the holder lets go of its page, whose reference the caller drops next;
     * returns {@link #taken} — the page and whether the reference is a pin — or -1 if the holder was empty.
     */
    public int take(int slot) {
        lock(slot);
        int pfn = page(slot);
        boolean pin = (flags(slot) & PINNED) != 0;
        if (pfn >= 0) {
            free(slot);
            ghost.unpin(pfn);
        }
        unlock(slot);
        return pfn < 0 ? -1 : pfn << 1 | (pin ? 1 : 0);
    }

    /** The page of a {@link #take} result. */
    public static int takenPage(int taken) {
        return taken >> 1;
    }

    /** Whether the reference of a {@link #take} result is a {@code FOLL_PIN} pin. */
    public static boolean takenPinned(int taken) {
        return (taken & 1) != 0;
    }

    public boolean inUse(int slot) {
        return slot >= 0 && slot < c.nrGupHolders() && m.get(l.holder(slot, H_PFN)) != 0;
    }

    public int page(int slot) {
        return m.get(l.holder(slot, H_PFN)) - 1;
    }

    public int flags(int slot) {
        return m.get(l.holder(slot, H_FLAGS));
    }

    public static int kind(int flags) {
        return flags & KIND_MASK;
    }

    /** Ghost: the mm the reference was taken from. */
    public int mm(int slot) {
        return m.get(l.holder(slot, H_MM));
    }

    /** Ghost: the user address the reference was taken from. */
    public int addr(int slot) {
        return m.get(l.holder(slot, H_ADDR));
    }

    /** The holder lets go of its page (the caller drops the reference). */
    public void free(int slot) {
        m.set(l.holder(slot, H_PFN), 0);
        m.set(l.holder(slot, H_FLAGS), 0);
        m.set(l.holder(slot, H_MM), 0);
        m.set(l.holder(slot, H_ADDR), 0);
    }

    /**
     * Ghost: the user discarded {@code [from, to)} of {@code mm} ({@code munmap}, {@code MADV_DONTNEED}):
     * writes through references taken there no longer belong to the address space.
     */
    public void detach(int mm, int from, int to) {
        m.ghostBegin();
        for (int s = 0; s < c.nrGupHolders(); s++) {
            int addr = m.get(l.holder(s, H_ADDR));
            if (m.get(l.holder(s, H_PFN)) != 0 && m.get(l.holder(s, H_MM)) == mm && addr >= from && addr < to) {
                m.set(l.holder(s, H_FLAGS), m.get(l.holder(s, H_FLAGS)) | DETACHED);
            }
        }
        m.ghostEnd();
    }

    /**
     * Ghost: a device wrote {@code data} into the page of holder {@code slot} (a direct-I/O read's DMA):
     * it is the pinning process's data at the address it pinned, unless the process discarded that range
     * since — record it as the user's last write there, and as a write through the (private or shared)
     * mapping for {@code cow_isolation}.
     */
    public void wroteThrough(int slot, int data, int tid) {
        m.ghostBegin();
        int flags = flags(slot);
        int mm = mm(slot);
        int addr = addr(slot);
        int vma = vmas.findVma(mm, addr);
        boolean shared = vma >= 0 && (vmas.vmFlags(vma) & VmFlags.VM_SHARED) != 0;
        int page = page(slot);
        m.ghostEnd();
        if ((flags & DETACHED) != 0) {
            return;
        }
        if (!shared) {
            mms.setLogical(mm, addr, data);
        }
        ghost.recordWrite(tid, mm, addr, page, Ghost.VIA_GUP | (shared ? 0 : Ghost.VIA_PRIVATE));
    }

    /** Renders holder flags for traces. */
    public static String describe(int flags) {
        if (flags == 0) {
            return "free";
        }
        String kind = switch (kind(flags)) {
            case PIPE_BUF -> "pipe_buffer";
            case DIO -> "dio";
            default -> "access_remote_vm";
        };
        return kind + ((flags & WRITES_PAGE) != 0 ? "|write" : "") + ((flags & PINNED) != 0 ? "|FOLL_PIN" : "|FOLL_GET")
                + ((flags & DETACHED) != 0 ? "|detached" : "");
    }
}
