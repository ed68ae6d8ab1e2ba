/**
 * The invariant catalog: one small class per invariant of the design's table, each checking a
 * read-only {@link org.mmspec.ref.view.MmView} of a reference-implementation state and naming the
 * violating objects (which page, which PTE) in kernel vocabulary. {@link org.mmspec.invariants.Catalog}
 * lists them in the design's order, looks them up by id and adapts them to whole
 * {@link org.mmspec.ref.state.KernelState}s for the explorer.
 *
 * <p>Every check is deterministic (objects are visited in index order and the first violation is
 * reported), range-checks the pfns, swap offsets, list links and VMA bounds it reads from the state
 * before using them (a corrupt value is reported, not thrown), and avoids allocation when the invariant
 * holds. Instances may keep scratch buffers: use one instance per thread.
 */
package org.mmspec.invariants;
