/**
 * The visited-state store: a hand-written open-addressing set of 64-bit fingerprints
 * ({@link org.mmspec.checker.store.FingerprintSet}, off the Java heap once large; or, past a memory budget,
 * {@link org.mmspec.checker.store.DiskFingerprintSet}: a table in front of a sorted file on disk) and parent links
 * ({@link org.mmspec.checker.store.ParentLinks}) joined in {@link org.mmspec.checker.store.StateStore}.
 * States themselves are never stored; traces are rebuilt by replaying the schedule a state's parent chain
 * spells out. A store can be saved and loaded for checkpoints.
 */
package org.mmspec.checker.store;
