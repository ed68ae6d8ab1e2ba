/**
 * Where a search keeps the states waiting to be expanded: {@link org.mmspec.checker.frontier.StateQueue}
 * (FIFO; {@link org.mmspec.checker.frontier.VectorQueue} stores delta-encoded records, LZ4-packed only
 * under memory pressure, and spills blocks to disk through a {@link org.mmspec.checker.frontier.SpillSpace} with a memory and a disk
 * budget; {@link org.mmspec.checker.frontier.ObjectQueue} keeps objects for systems without vectors) and
 * {@link org.mmspec.checker.frontier.DeltaStack} (the depth-first stack as deltas). Nothing here decides
 * what is searched: where a record is kept never changes the order.
 */
package org.mmspec.checker.frontier;
