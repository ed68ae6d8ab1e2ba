/**
 * The visited-state store: a hand-written open-addressing set of 64-bit fingerprints
 * ({@link org.mmspec.checker.store.FingerprintSet}) and compact parent links
 * ({@link org.mmspec.checker.store.ParentLinks}) joined in {@link org.mmspec.checker.store.StateStore}.
 * States themselves are never stored; traces are rebuilt by replaying the schedule a state's parent chain
 * spells out.
 */
package org.mmspec.checker.store;
