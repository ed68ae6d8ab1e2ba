package org.mmspec.invariants;

import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.view.MmView;
import org.mmspec.ref.view.GhostView.LockOrderInversion;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code lock_order}: no thread blocks on a lock of an earlier class while holding one of a later class,
 * in the documented order {@code mmap_sem} → page lock → {@code i_mmap_rwsem} → {@code anon_vma->rwsem}
 * → PTE lock → {@code lru_lock} → {@code zone->lock} ({@link LockClass}); trylocks are exempt. The model
 * records the first inversion as a ghost ({@code lockOrderInversion()}).
 *
 * <p>Kernel: the lock-ordering comments at the top of mm/rmap.c and mm/filemap.c; lockdep enforces the
 * same. Bug A16 ({@code madv-remove-deadlock}: page lock taken under {@code i_mmap_rwsem}) breaks it.
 */
public final class LockOrder implements Invariant<MmView> {

    public static final String ID = "lock_order";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "lock acquisitions follow the documented order (mmap_sem -> page lock -> i_mmap -> anon_vma -> PTE lock"
                + " -> LRU lock -> zone lock)";
    }

    @Override
    public Witness check(MmView v) {
        LockOrderInversion inv = v.ghosts().lockOrderInversion();
        if (inv == null) {
            return null;
        }
        String t = Names.thread(inv.tid());
        return Witness.of(t + " blocked on " + inv.taken().kernelName() + " while holding " + inv.held().kernelName()
                + ", against the order " + order(), t, inv.held().kernelName(), inv.taken().kernelName());
    }

    private static String order() {
        StringBuilder sb = new StringBuilder();
        for (LockClass c : LockClass.values()) {
            if (!sb.isEmpty()) {
                sb.append(" -> ");
            }
            sb.append(c.kernelName());
        }
        return sb.toString();
    }
}
