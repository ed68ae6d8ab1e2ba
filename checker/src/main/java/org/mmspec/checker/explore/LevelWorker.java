package org.mmspec.checker.explore;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.mmspec.checker.frontier.SpillSpace;
import org.mmspec.checker.frontier.StateQueue;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.result.Violation;
import org.mmspec.checker.store.Admission;
import org.mmspec.checker.store.OwnedStores;
import org.mmspec.checker.store.StateStore;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * One worker of a {@link ParallelBreadthFirstSearch}, and the owner of the fingerprints {@code fp mod N ==
 * owner}: it expands the states of the current level it owns (in rank order), routes each successor not
 * yet stored to the successor's owner, then admits the candidates routed to it in ascending key order
 * (so the first candidate of a fingerprint is the one with the least key: the sequential search's parent
 * link), then ranks its new states among every owner's.
 */
final class LevelWorker<S> {

    /** What the workers of one search share. */
    record Shared<S>(OwnedStores stores, SpillSpace space, AtomicLong minViolation,
            AtomicReference<IncompleteReason> stop, int maxDepth, int threadBits, int choiceLimit,
            List<LevelWorker<S>> workers) {}

    final int owner;
    private final Shared<S> shared;
    private final TransitionSystem<S> system;
    private final StateJudge<S> judge;
    final InterleavingSelfCheck<S> selfCheck;
    private final boolean deterministic;
    /** Successors are taken transient ({@link TransitionSystem#stepTransient}) and inboxes keep their words. */
    private final boolean transientSteps;
    /** The inboxes copy every candidate's words: its successors are transient ({@link Moves#take}). */
    private final boolean copyWords;
    private final Moves<S> moves = new Moves<>();
    private final DiscoveryKey keys;
    /** Fingerprints routed in this level: later copies of a successor are dropped here. */
    private final RoutedSet routed = new RoutedSet();
    /** Partial-order reduction, or null when it does not apply. */
    private final LocalSteps<S> reduction;
    private StateQueue<S> level;
    private LongList ranks = new LongList();
    private Inbox<S>[] out;
    private StateQueue<S> next;
    private final LongList nextKeys = new LongList();
    private LongList nextRanks = new LongList();
    /** Ranks of the states expanded in this level, and how many successors each had. */
    final LongList doneRanks = new LongList();
    final LongList doneCounts = new LongList();
    /** Successors generated in the levels before this one. */
    long generatedBefore;
    /** Successors generated so far in this level (read by the coordinator for progress, racily). */
    volatile long generatedNow;
    boolean truncated;
    /** This worker's violation of least rank in the level. */
    final LeastViolation<S> least = new LeastViolation<>();
    /** The store refused a new state for the state budget. */
    boolean full;

    LevelWorker(int owner, Shared<S> shared, TransitionSystem<S> system, StateJudge<S> judge,
            InterleavingSelfCheck<S> selfCheck, boolean deterministic, boolean reduce) {
        this.owner = owner;
        this.shared = shared;
        this.system = system;
        this.judge = judge;
        this.selfCheck = selfCheck;
        this.keys = new DiscoveryKey(shared.threadBits());
        this.deterministic = deterministic;
        this.transientSteps = deterministic && SearchContext.stepsTransiently(system);
        // with reduction too: LocalSteps takes successors transiently where the system gives them
        this.copyWords = transientSteps || SearchContext.givesTransientSuccessors(system);
        this.reduction = reduce ? new LocalSteps<>(system) : null;
        this.level = StateQueue.create(system, shared.space());
    }

    /** Puts the initial state, of global id {@code id}, in this owner's first level. */
    void seed(S initial, long id) {
        level.add(initial, id, -1, 0, 0);
        ranks.add(0);
    }

    long levelSize() {
        return level.size();
    }

    long nextSize() {
        return nextKeys.size();
    }

    /** Phase 1: visit and expand this owner's states of the level at {@code depth}. */
    @SuppressWarnings("unchecked")
    void expand(int depth) {
        int n = shared.workers().size();
        out = new Inbox[n];
        for (int o = 0; o < n; o++) {
            out[o] = new Inbox<>(system, shared.space(), copyWords);
        }
        doneRanks.clear();
        doneCounts.clear();
        routed.clear();
        generatedNow = 0;
        for (int i = 0; !level.isEmpty(); i++) {
            S s = level.headTransient();        // expanded before the next head is loaded
            long id = level.headNode();
            level.removeHead();
            long rank = ranks.get(i);
            if (shared.stop().get() != null) {
                return;
            }
            if (rank > shared.minViolation().get()) {
                continue;
            }
            Violation v = judge.check(s);
            if (v != null) {
                least.offer(rank, v, id, system.fingerprint(s), shared.minViolation());
            } else if (depth == shared.maxDepth()) {
                truncated |= !judge.allFinished(s);
            } else if (!expandOne(s, id, rank, depth)) {
                return;
            }
        }
    }

    /** Generates and routes {@code s}'s successors; false when the search must stop. */
    private boolean expandOne(S s, long id, long rank, int depth) {
        selfCheck.expanding(s);
        int count = 0;
        // in phase 1 the stores hold exactly the levels up to this one: the proviso's question
        OwnedStores stores = shared.stores();
        int only = reduction == null ? -1 : reduction.choose(s, fp -> stores.store(stores.owner(fp)).contains(fp));
        for (int t = only < 0 ? 0 : only; t < (only < 0 ? system.threadCount() : only + 1); t++) {
            Moves<S> moves = movesOf(s, t);
            for (int c = 0; c < moves.size(); c++) {
                count++;
                selfCheck.moved(t);
                if (c >= shared.choiceLimit()) {
                    shared.stop().compareAndSet(null, IncompleteReason.STORE_CAPACITY);
                    return false;
                }
                S next = moves.get(c);
                long fp = system.fingerprint(next);
                int o = shared.stores().owner(fp);
                if (shared.stores().store(o).contains(fp) || !routed.firstTime(fp)) {
                    continue;
                }
                long key = keys.of(rank, t, c);
                if (!out[o].add(next, fp, key, id, t, c, depth + 1)) {
                    shared.stop().compareAndSet(null, shared.space().failure());
                    return false;
                }
            }
        }
        moves.clear();
        if (reduction != null) {
            if (only >= 0) {
                reduction.observeSkipped(s, only, selfCheck);
            }
            reduction.clear();
        }
        doneRanks.add(rank);
        doneCounts.add(count);
        generatedNow += count;
        if (count == 0 && !judge.allFinished(s)) {
            least.offer(rank, judge.deadlock(s), id, system.fingerprint(s), shared.minViolation());
        }
        return true;
    }

    /** Thread {@code t}'s successors from {@code s}: the reduction's (taken while choosing, or now), else now. */
    private Moves<S> movesOf(S s, int t) {
        if (reduction != null) {
            return reduction.moves(s, t);
        }
        // a transient successor is routed at once (its inbox copies the words)
        return moves.take(system, s, t, transientSteps, deterministic);
    }

    /** Successors generated in this level by states of rank below {@code bound}. */
    long generatedBelow(long bound) {
        long sum = 0;
        for (int i = 0; i < doneRanks.size() && doneRanks.get(i) < bound; i++) {
            sum += doneCounts.get(i);
        }
        return sum;
    }

    /** Phase 2: admit the candidates every worker routed here, in ascending key order. */
    void admit(int depth) {
        StateStore store = shared.stores().store(owner);
        List<LevelWorker<S>> workers = shared.workers();
        next = StateQueue.create(system, shared.space());
        nextKeys.clear();
        full = false;
        // after a violation in this level only what the sequential search admits before visiting it: the
        // successors of states ranked below it (so the stores, and their bytes, do not depend on timing)
        long min = shared.minViolation().get();
        long bound = min == Long.MAX_VALUE ? Long.MAX_VALUE : DiscoveryKey.first(min);
        while (shared.stop().get() == null) {
            Inbox<S> in = null;
            for (LevelWorker<S> w : workers) {
                Inbox<S> candidate = w.out[owner];
                if (candidate.hasNext() && (in == null || candidate.headKey() < in.headKey())) {
                    in = candidate;
                }
            }
            if (in == null || in.headKey() >= bound) {
                return;
            }
            long fp = in.headFingerprint();
            if (full) {
                in.next();
                continue;
            }
            StateQueue<S> q = in.queue();
            Admission a = store.admit(fp, q.headNode(), q.headThread(), q.headChoice());
            if (a == Admission.NEW) {
                if (!q.transferHead(next, shared.stores().globalId(owner, store.lastId()), q.headThread(),
                        q.headChoice(), depth + 1)) {
                    shared.stop().compareAndSet(null, shared.space().failure());
                }
                nextKeys.add(in.headKey());
            } else if (a == Admission.FULL) {
                if (store.outOfMemory() || store.choiceOverflow()) {
                    shared.stop().compareAndSet(null, store.outOfMemory() ? IncompleteReason.MEMORY_BUDGET
                            : IncompleteReason.STORE_CAPACITY);
                }
                full = true;
            }
            in.next();
        }
    }

    /** Phase 3: the rank of each new state among every owner's new states (their keys in one order). */
    void rank() {
        List<LevelWorker<S>> workers = shared.workers();
        nextRanks = new LongList();
        int[] at = new int[workers.size()];
        for (int i = 0; i < nextKeys.size(); i++) {
            long key = nextKeys.get(i);
            long rank = i;
            for (int w = 0; w < workers.size(); w++) {
                if (w == owner) {
                    continue;
                }
                LongList other = workers.get(w).nextKeys;
                while (at[w] < other.size() && other.get(at[w]) < key) {
                    at[w]++;
                }
                rank += at[w];
            }
            nextRanks.add(rank);
        }
    }

    /** Number of this owner's new states whose key is below {@code bound}. */
    long newBelow(long bound) {
        return nextKeys.countBelow(bound);
    }

    /** The key of this owner's new state of global rank {@code rank}, or -1 when another owner has it. */
    long keyOfRank(long rank) {
        for (int i = 0; i < nextRanks.size(); i++) {
            if (nextRanks.get(i) == rank) {
                return nextKeys.get(i);
            }
        }
        return -1;
    }

    /** Closes this level's inboxes and makes the new states the next level. */
    void advance() {
        closeInboxes();
        level.close();
        level = next;
        next = null;
        ranks = nextRanks;
        nextRanks = new LongList();
        generatedBefore += generatedNow;
        generatedNow = 0;
    }

    private void closeInboxes() {
        if (out != null) {
            for (Inbox<S> in : out) {
                in.close();
            }
            out = null;
        }
    }

    /** Gives every queue's memory and files back. */
    void release() {
        closeInboxes();
        level.close();
        if (next != null) {
            next.close();
        }
    }
}
