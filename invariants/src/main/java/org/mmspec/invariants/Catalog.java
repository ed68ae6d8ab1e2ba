package org.mmspec.invariants;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * The invariant catalog: the design's invariants in the design's order, by stable id.
 *
 * <p>Every call hands out fresh invariant instances: an instance may keep scratch buffers, so one
 * instance (and one {@link MmView}) serves one thread. {@link #forStates} adapts a selection to whole
 * {@link KernelState}s for the explorer; the invariants of one returned list share one view, which each
 * check points at its state ({@link MmView#reset}, no copy).
 */
public final class Catalog {

    /** The catalog entries, in the order of the design's invariant table. */
    private enum Entry {
        MAPCOUNT_LE_REFCOUNT(MapcountLeRefcount.ID, MapcountLeRefcount::new),
        NO_PTE_TO_FREED_PAGE(NoPteToFreedPage.ID, NoPteToFreedPage::new),
        WATERMARK_CONSISTENCY(WatermarkConsistency.ID, WatermarkConsistency::new),
        REFCOUNT_SANE(RefcountSane.ID, RefcountSane::new),
        MAPCOUNT_MATCHES_PTES(MapcountMatchesPtes.ID, MapcountMatchesPtes::new),
        RMAP_COMPLETE(RmapComplete.ID, RmapComplete::new),
        LRU_CONSISTENT(LruConsistent.ID, LruConsistent::new),
        PAGE_LOCK_SANE(PageLockSane.ID, PageLockSane::new),
        BUDDY_WELL_FORMED(BuddyWellFormed.ID, BuddyWellFormed::new),
        VMA_WELL_FORMED(VmaWellFormed.ID, VmaWellFormed::new),
        COW_ISOLATION(CowIsolation.ID, CowIsolation::new),
        ANON_WRITE_EXCLUSIVE(AnonWriteExclusive.ID, AnonWriteExclusive::new),
        SLAB_CONSISTENT(SlabConsistent.ID, SlabConsistent::new),
        LOCK_ORDER(LockOrder.ID, LockOrder::new),
        PINNED_PAGE_STABLE(PinnedPageStable.ID, PinnedPageStable::new),
        DIRTY_NOT_LOST(DirtyNotLost.ID, DirtyNotLost::new),
        VMALLOC_CONSISTENT(VmallocConsistent.ID, VmallocConsistent::new),
        NO_STALE_TLB_ACCESS(NoStaleTlbAccess.ID, NoStaleTlbAccess::new),
        PAGE_REF_HELD(PageRefHeld.ID, PageRefHeld::new);

        private final String id;
        private final Supplier<Invariant<MmView>> factory;

        Entry(String id, Supplier<Invariant<MmView>> factory) {
            this.id = id;
            this.factory = factory;
        }

        static Optional<Entry> byId(String id) {
            for (Entry e : values()) {
                if (e.id.equals(id)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }
    }

    /** What {@link #forStates(Config, List)} resolved a list of ids to. */
    public sealed interface Selection {
    }

    /** Every id was known: the invariants, in the order asked for (repeats dropped). */
    public record Selected(List<Invariant<KernelState>> invariants) implements Selection {

        public Selected {
            invariants = List.copyOf(invariants);
        }
    }

    /** Some ids are not in the catalog: those, in the order given, and the ids there are. */
    public record UnknownIds(List<String> unknown, List<String> known) implements Selection {

        public UnknownIds {
            unknown = List.copyOf(unknown);
            known = List.copyOf(known);
        }
    }

    private Catalog() {
    }

    /** Every id, in the design's order. */
    public static List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (Entry e : Entry.values()) {
            ids.add(e.id);
        }
        return List.copyOf(ids);
    }

    /** Fresh instances of every invariant, in the design's order. */
    public static List<Invariant<MmView>> all() {
        List<Invariant<MmView>> all = new ArrayList<>();
        for (Entry e : Entry.values()) {
            all.add(e.factory.get());
        }
        return List.copyOf(all);
    }

    /** A fresh instance of the invariant with this id, or empty for an unknown id. */
    public static Optional<Invariant<MmView>> byId(String id) {
        return Entry.byId(id).map(e -> e.factory.get());
    }

    /**
     * The invariants with the given ids, as invariants of whole states of machines built from
     * {@code config}, sharing one view; or the unknown ids.
     */
    public static Selection forStates(Config config, List<String> ids) {
        return forStates(config, ids, List.of());
    }

    /**
     * As {@link #forStates(Config, List)}, with witnesses naming threads by {@code threadNames} (thread
     * {@code i} is {@code threadNames.get(i)}) instead of {@code T0}, {@code T1}, ...
     */
    public static Selection forStates(Config config, List<String> ids, List<String> threadNames) {
        List<String> unknown = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            Entry.byId(id).ifPresentOrElse(entries::add, () -> unknown.add(id));
        }
        if (!unknown.isEmpty()) {
            return new UnknownIds(unknown, ids());
        }
        MmView view = new MmView(config);
        List<Invariant<KernelState>> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(new OnState(e.factory.get(), view, List.copyOf(threadNames)));
        }
        return new Selected(out);
    }

    /** Every invariant, as invariants of whole states of machines built from {@code config}, sharing one view. */
    public static List<Invariant<KernelState>> forStates(Config config) {
        return switch (forStates(config, ids())) {
            case Selected s -> s.invariants();
            case UnknownIds u -> throw new IllegalStateException("the catalog does not know its own ids " + u.unknown());
        };
    }

    /**
     * An invariant of views, checked on a state through a view shared with its siblings; its witness
     * names threads by {@code threadNames} when given.
     */
    private record OnState(Invariant<MmView> inner, MmView view, List<String> threadNames)
            implements Invariant<KernelState> {

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public String statement() {
            return inner.statement();
        }

        /**
         * A fresh instance of the same catalog invariant through a view of its own: instances keep scratch
         * buffers (e.g. {@link MapcountMatchesPtes}'s PTE counts), so a replica shares neither.
         */
        @Override
        public Invariant<KernelState> replica() {
            Invariant<MmView> fresh = Entry.byId(inner.id()).orElseThrow().factory.get();
            return new OnState(fresh, new MmView(view.config()), threadNames);
        }

        @Override
        public Witness check(KernelState s) {
            Witness w = inner.check(view.reset(s));
            return w == null || threadNames.isEmpty() ? w : Names.renameThreads(w, threadNames);
        }
    }
}
