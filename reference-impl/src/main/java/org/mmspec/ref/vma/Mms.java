package org.mmspec.ref.vma;

import static org.mmspec.ref.state.Layout.MM_HAS_PINNED;
import static org.mmspec.ref.state.Layout.MM_RSS_ANON;
import static org.mmspec.ref.state.Layout.MM_RSS_FILE;
import static org.mmspec.ref.state.Layout.MM_RSS_SWAP;
import static org.mmspec.ref.state.Layout.MM_SEM_READERS;
import static org.mmspec.ref.state.Layout.MM_USERS;
import static org.mmspec.ref.state.Layout.MM_WP_SEQ;

import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.sync.Locks;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * {@code mm_struct}: users, {@code mmap_sem}, RSS counters (include/linux/mm_types.h, kernel/fork.c).
 * mm 0 is {@code init_mm}. Also the ghost "logical contents" of each user page, which invariants use
 * to check that no write is lost and none leaks between address spaces.
 */
public final class Mms {

    public static final int MM_FILEPAGES = 0;
    public static final int MM_ANONPAGES = 1;
    public static final int MM_SWAPENTS = 2;

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final Locks locks;

    public Mms(Config c, Layout l, Mem m, Locks locks) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.locks = locks;
    }

    /**
     * {@code mm_alloc()}: a new, empty user address space; returns its id. The search for a free slot and
     * the new object's initialisation are the slab allocator's business on an object nobody else can see
     * yet: not audited accesses.
     */
    public int mmAlloc() {
        m.ghostBegin();
        try {
            for (int mm = 1; mm < c.nrMms(); mm++) {
                if (m.get(l.mm(mm, MM_USERS)) == 0) {
                    m.set(l.mm(mm, MM_USERS), 1);
                    return mm;
                }
            }
        } finally {
            m.ghostEnd();
        }
        throw new Oops(OopsKind.MODEL_CAPACITY, 6, c.nrUserMms());
    }

    public boolean inUse(int mm) {
        return mm >= 0 && mm < c.nrMms() && m.get(l.mm(mm, MM_USERS)) > 0;
    }

    public void setUsers(int mm, int users) {
        m.set(l.mm(mm, MM_USERS), users);
    }

    // ---- mmap_sem ----

    /** {@code down_read(&mm->mmap_sem)}: false when the step must block (a writer holds it). */
    public boolean downRead(int mm) {
        return locks.downRead(mmapSem(mm), LockClass.MMAP_SEM, BlockKind.MMAP_SEM_READ, mm);
    }

    /** The words of {@code mm->mmap_sem}. */
    public Locks.Rwsem mmapSem(int mm) {
        return new Locks.Rwsem(l.mm(mm, MM_SEM_READERS));
    }

    /** {@code up_read(&mm->mmap_sem)}. */
    public void upRead(int mm) {
        locks.upRead(mmapSem(mm), LockClass.MMAP_SEM);
    }

    /** {@code down_write(&mm->mmap_sem)}: false when the step must block. */
    public boolean downWrite(int mm) {
        return locks.downWrite(mmapSem(mm), LockClass.MMAP_SEM, BlockKind.MMAP_SEM_WRITE, mm);
    }

    /** {@code up_write(&mm->mmap_sem)}. */
    public void upWrite(int mm) {
        locks.upWrite(mmapSem(mm), LockClass.MMAP_SEM);
    }

    // ---- FOLL_PIN bookkeeping (Linux 5.9, 5.13) ----

    /** {@code atomic_set(&mm->has_pinned, 1)}: a {@code FOLL_PIN} reference is being taken in this mm. */
    public void setHasPinned(int mm) {
        m.set(l.mm(mm, MM_HAS_PINNED), 1);
    }

    /** {@code atomic_read(&mm->has_pinned)}. */
    public boolean hasPinned(int mm) {
        return m.get(l.mm(mm, MM_HAS_PINNED)) != 0;
    }

    /**
     * {@code raw_read_seqcount(&mm->write_protect_seq)}. The model keeps the count modulo 4: a reader
     * compares it once, across at most one fork.
     */
    public int writeProtectSeq(int mm) {
        return m.get(l.mm(mm, MM_WP_SEQ));
    }

    /** {@code raw_write_seqcount_begin/end(&mm->write_protect_seq)}. Context: {@code mmap_sem} for write. */
    public void writeProtectSeqBump(int mm) {
        m.set(l.mm(mm, MM_WP_SEQ), (m.get(l.mm(mm, MM_WP_SEQ)) + 1) & 3);
    }

    // ---- RSS counters ----

    /** {@code add_mm_counter(mm, member, value)}: an {@code atomic_long_add}. */
    public void addMmCounter(int mm, int member, int value) {
        m.atomicAdd(l.mm(mm, rssField(member)), value);
    }

    /** {@code get_mm_counter(mm, member)}: an {@code atomic_long_read}. */
    public int getMmCounter(int mm, int member) {
        return m.atomicRead(l.mm(mm, rssField(member)));
    }

    private static int rssField(int member) {
        return switch (member) {
            case MM_FILEPAGES -> MM_RSS_FILE;
            case MM_ANONPAGES -> MM_RSS_ANON;
            default -> MM_RSS_SWAP;
        };
    }

    // ---- ghost: logical contents of user pages ----

    /** Ghost marker: the page shows its backing (the file's contents, or zeroes for anonymous memory). */
    public static final int FOLLOWS_BACKING = -1;
    /**
     * Ghost bit on a logical token: the user gave the page up with {@code MADV_FREE} — until it writes
     * again, reading it back may give the token or zeroes (the kernel may have discarded the page).
     */
    public static final int LAZY_FREE = 1 << 28;

    /** The data the user last wrote at {@code addr} of {@code mm}, or {@link #FOLLOWS_BACKING}. */
    public int logical(int mm, int addr) {
        int v = m.get(l.logical(mm, addr >>> Geometry.PAGE_SHIFT));
        return v == 0 ? FOLLOWS_BACKING : v - 1;
    }

    /** Records what the user wrote (or {@link #FOLLOWS_BACKING} when the page is discarded). */
    public void setLogical(int mm, int addr, int token) {
        m.set(l.logical(mm, addr >>> Geometry.PAGE_SHIFT), token == FOLLOWS_BACKING ? 0 : token + 1);
    }

    /** Ghost: {@code MADV_FREE} made the contents at {@code addr} disposable (see {@link #LAZY_FREE}). */
    public void markLazyFree(int mm, int addr) {
        int token = logical(mm, addr);
        if (token != FOLLOWS_BACKING) {
            setLogical(mm, addr, token | LAZY_FREE);
        }
    }

    /**
     * Ghost: a COW copy is now mapped at {@code addr}: if the page followed its backing (a private file
     * page not yet written), the user now sees the copy's snapshot, whatever the file does next.
     */
    public void snapshotLogical(int mm, int addr, int token) {
        if (logical(mm, addr) == FOLLOWS_BACKING) {
            setLogical(mm, addr, token);
        }
    }
}
