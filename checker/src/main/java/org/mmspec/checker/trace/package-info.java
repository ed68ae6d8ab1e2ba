/**
 * Counterexample traces: a {@link org.mmspec.checker.trace.Schedule} (which thread moved at each step) is
 * all a search keeps; the {@link org.mmspec.checker.trace.Replayer} rebuilds the
 * {@link org.mmspec.checker.trace.Trace} (labels and changes) by running the schedule through the same
 * transition system. Writers render a trace as text or JSON; the JSON reader gives back the schedule for
 * replay.
 */
package org.mmspec.checker.trace;
