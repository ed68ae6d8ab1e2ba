/**
 * The small semantics API shared by everything the checker can explore: {@link
 * org.mmspec.spec.semantics.TransitionSystem}, its states' {@link org.mmspec.spec.semantics.Fault
 * faults}, {@link org.mmspec.spec.semantics.Invariant invariants}, and the pieces of a trace ({@link
 * org.mmspec.spec.semantics.ActionLabel}, {@link org.mmspec.spec.semantics.Change}).
 */
package org.mmspec.spec.semantics;
