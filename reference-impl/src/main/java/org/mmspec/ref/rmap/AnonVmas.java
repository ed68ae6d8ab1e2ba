package org.mmspec.ref.rmap;

import static org.mmspec.ref.state.Layout.AV_LOCK_READERS;
import static org.mmspec.ref.state.Layout.AV_REFS;
import static org.mmspec.ref.state.Layout.AV_ROOT;

import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.state.ScopedLock;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.sync.Locks;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code anon_vma} objects and their chains (mm/rmap.c). Each anonymous VMA that has faulted owns an
 * anon_vma; {@code fork} links the child VMA into every anon_vma of the parent's chain and gives it a
 * new one under the same root. The chain of a VMA is kept as a bitmask of anon_vma ids in the VMA;
 * an anon_vma's refcount is the number of VMAs chained to it. The rwsem lives on the root.
 */
public final class AnonVmas {

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final Vmas vmas;
    private final Locks locks;

    public AnonVmas(Config c, Layout l, Mem m, Vmas vmas, Locks locks) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.vmas = vmas;
        this.locks = locks;
    }

    public boolean inUse(int av) {
        return m.get(l.anonVma(av, AV_REFS)) > 0;
    }

    public int root(int av) {
        return m.get(l.anonVma(av, AV_ROOT));
    }

    public int refs(int av) {
        return m.get(l.anonVma(av, AV_REFS));
    }

    /**
     * {@code anon_vma_alloc()}: a fresh anon_vma that is its own root (or has {@code root}); BUGs when out
     * of slots. Finding a free slot is the slab allocator's business, not an access to anon_vmas.
     */
    int alloc(int root) {
        m.ghostBegin();
        int free = -1;
        for (int av = 0; av < c.nrAnonVmas() && free < 0; av++) {
            if (!inUse(av)) {
                free = av;
            }
        }
        m.ghostEnd();
        if (free < 0) {
            throw new Oops(OopsKind.MODEL_CAPACITY, 2, c.nrAnonVmas());
        }
        m.set(l.anonVma(free, AV_ROOT), root < 0 ? free : root);
        return free;
    }

    /** Links {@code vma} into {@code av}'s chain ({@code anon_vma_chain_link}). */
    void link(int vma, int av) {
        Vmas v = vmas;
        if ((v.avc(vma) & (1 << av)) == 0) {
            v.setAvc(vma, v.avc(vma) | (1 << av));
            m.add(l.anonVma(av, AV_REFS), 1);
        }
    }

    /**
     * {@code anon_vma_prepare(vma)} (mm/rmap.c): makes sure the VMA has an anon_vma before its first
     * anonymous page is mapped. Context: {@code mmap_sem} held for read; takes the new anon_vma's lock
     * and {@code mm->page_table_lock} (uncontended: the anon_vma is new), one atomic step here.
     */
    public void anonVmaPrepare(int vma) {
        if (vmas.anonVma(vma) >= 0) {
            return;
        }
        anonVmaPrepareLocked(vma);
    }

    /**
     * {@code __anon_vma_prepare(vma)}: a new anon_vma, and under {@code mm->page_table_lock} (held only inside
     * the step), unless another thread prepared one meanwhile, the VMA gets it and is chained to it.
     * (The new anon_vma's own rwsem, uncontended, is not modelled.) Context: {@code mmap_sem} for read.
     */
    public void anonVmaPrepareLocked(int vma) {
        int mm = vmas.mmOf(vma);
        m.lockScoped(ScopedLock.PAGE_TABLE_LOCK, mm);
        if (vmas.anonVma(vma) < 0) {
            int av = alloc(-1);
            vmas.setAnonVma(vma, av);
            link(vma, av);
        }
        m.unlockScoped(ScopedLock.PAGE_TABLE_LOCK, mm);
    }

    /**
     * {@code anon_vma_fork(vma, pvma)} (mm/rmap.c): links the child {@code vma} into every anon_vma of
     * the parent's chain ({@code anon_vma_clone}) and gives it its own anon_vma under the parent's root.
     * Context: {@code mmap_sem} of both mms held for write; takes the root's rwsem for write, which may
     * block the step (an rmap walk holds it for read). Returns false when it blocked.
     */
    public boolean anonVmaFork(int vma, int pvma) {
        Vmas v = vmas;
        int parentAv = v.anonVma(pvma);
        v.setAnonVma(vma, -1);
        v.setAvc(vma, 0);
        if (parentAv < 0) {
            return true;
        }
        int root = root(parentAv);
        if (!lockWrite(root)) {
            return false;
        }
        int chain = v.avc(pvma);
        for (int av = 0; av < c.nrAnonVmas(); av++) {
            if ((chain & (1 << av)) != 0) {
                link(vma, av);
            }
        }
        int mine = alloc(root);
        v.setAnonVma(vma, mine);
        link(vma, mine);
        unlockWrite(root);
        return true;
    }

    /**
     * {@code unlink_anon_vmas(vma)} (mm/rmap.c): removes the VMA from every chain; an anon_vma no VMA
     * links any more is freed. Context: {@code mmap_sem} for write; the root lock, taken inside this
     * step (the caller checked it is free).
     */
    public void unlinkAnonVmas(int vma) {
        Vmas v = vmas;
        int chain = v.avc(vma);
        for (int av = 0; av < c.nrAnonVmas(); av++) {
            if ((chain & (1 << av)) != 0) {
                m.add(l.anonVma(av, AV_REFS), -1);
                if (refs(av) == 0) {
                    m.set(l.anonVma(av, AV_ROOT), 0);
                }
            }
        }
        v.setAvc(vma, 0);
        v.setAnonVma(vma, -1);
    }

    /** Whether the root rwsem of {@code av} is free (nobody holds it). */
    public boolean rootUnlocked(int av) {
        return locks.idle(rwsem(root(av)));
    }

    /** The words of {@code anon_vma->rwsem} of anon_vma {@code av} (itself, not its root). */
    public Locks.Rwsem rwsem(int av) {
        return new Locks.Rwsem(l.anonVma(av, AV_LOCK_READERS));
    }

    /** {@code anon_vma_lock_read()}: the root's rwsem for read; false when the step must block. */
    public boolean lockRead(int av) {
        int root = root(av);
        return locks.downRead(rwsem(root), LockClass.ANON_VMA, BlockKind.ANON_VMA_READ, root);
    }

    /** {@code anon_vma_unlock_read()}. */
    public void unlockRead(int av) {
        locks.upRead(rwsem(root(av)), LockClass.ANON_VMA);
    }

    /** {@code anon_vma_lock_write()}: false when the step must block. */
    public boolean lockWrite(int av) {
        int root = root(av);
        return locks.downWrite(rwsem(root), LockClass.ANON_VMA, BlockKind.ANON_VMA_WRITE, root);
    }

    /** {@code anon_vma_unlock_write()}. */
    public void unlockWrite(int av) {
        locks.upWrite(rwsem(root(av)), LockClass.ANON_VMA);
    }

    /**
     * {@code anon_vma_unlock_write()} on a root named directly: for {@code unlink_anon_vmas()}, whose step
     * may have freed the anon_vma (clearing its root field) before the lock is released.
     */
    public void unlockWriteRoot(int root) {
        locks.upWrite(rwsem(root), LockClass.ANON_VMA);
    }

    /** A VMA was duplicated ({@code __split_vma}'s {@code anon_vma_clone}): each chained anon_vma gains a link. */
    public void chainCopied(int avcMask) {
        for (int av = 0; av < c.nrAnonVmas(); av++) {
            if ((avcMask & (1 << av)) != 0) {
                m.add(l.anonVma(av, AV_REFS), 1);
            }
        }
    }
}
