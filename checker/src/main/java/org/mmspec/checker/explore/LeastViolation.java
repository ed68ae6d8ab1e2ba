package org.mmspec.checker.explore;

import java.util.concurrent.atomic.AtomicLong;
import org.mmspec.checker.result.Violation;

/**
 * A parallel BFS worker's violation on the state of least rank in the level it expands (both engines report
 * the least-rank one of the first level that has one, whichever worker found it), and the search-wide least
 * rank that every worker lowers.
 */
final class LeastViolation<S> {

    long rank = Long.MAX_VALUE;
    Violation violation;
    long id;
    /** The state's fingerprint (not the state: a worker's head state is a view its queue reuses). */
    long fingerprint;

    /** Notes {@code v} on the state of id {@code id}, rank {@code rank}, fingerprint {@code fp}, if least so far. */
    void offer(long rank, Violation v, long id, long fp, AtomicLong least) {
        if (rank < this.rank) {
            this.rank = rank;
            this.violation = v;
            this.id = id;
            this.fingerprint = fp;
        }
        least.accumulateAndGet(rank, Math::min);
    }
}
