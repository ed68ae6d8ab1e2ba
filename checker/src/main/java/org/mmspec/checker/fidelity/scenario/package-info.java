/**
 * Fidelity scenarios: a small, line-oriented language of user-level memory operations on a few pages
 * (mmap, read and write touches, fork, munmap, mprotect, madvise, write() to a file, exit) with
 * {@code observe} points, run alike on the live kernel and on the model.
 *
 * <p>{@link org.mmspec.checker.fidelity.scenario.ScenarioParser} turns text into a
 * {@link org.mmspec.checker.fidelity.scenario.Scenario} or into diagnostics with line and column; bad
 * input is a value, never an exception. {@link org.mmspec.checker.fidelity.scenario.ObservationPlan} says
 * which pages every observation reports, so the kernel and the model report the same pages.
 */
package org.mmspec.checker.fidelity.scenario;
