/**
 * The interpreter: one scenario as a {@link org.mmspec.spec.semantics.TransitionSystem} of immutable {@link org.mmspec.spec.eval.SpecState}s, and spec invariants as {@link org.mmspec.spec.semantics.Invariant}s.
 */
package org.mmspec.spec.eval;
