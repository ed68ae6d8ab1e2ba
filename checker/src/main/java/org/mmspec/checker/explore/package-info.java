/**
 * The explorer: one entry point, {@link org.mmspec.checker.explore.Explorer#check}, over any
 * {@link org.mmspec.spec.semantics.TransitionSystem}. Four strategies share one notion of visiting a
 * state (fault, then invariants in order, then deadlock) and one state store: breadth-first (shortest
 * counterexample), depth-first (explicit stack), preemption-bounded (fewest preemptions, then shortest,
 * as CHESS's iterative context bounding), and seeded random walks. Searches never print and never exit;
 * a {@link org.mmspec.checker.observe.SearchListener} watches them.
 */
package org.mmspec.checker.explore;
