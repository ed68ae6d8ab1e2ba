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
    S state;

    /** Notes {@code v} on state {@code s} (id {@code id}) of rank {@code rank} if it is the least so far. */
    void offer(long rank, Violation v, long id, S s, AtomicLong least) {
        if (rank < this.rank) {
            this.rank = rank;
            this.violation = v;
            this.id = id;
            this.state = s;
        }
        least.accumulateAndGet(rank, Math::min);
    }
}
