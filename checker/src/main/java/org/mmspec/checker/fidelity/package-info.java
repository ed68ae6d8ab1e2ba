/**
 * Fidelity: differential testing of a model of Linux memory management against the live kernel.
 *
 * <p>A {@link org.mmspec.checker.fidelity.scenario.Scenario} runs on the kernel through the C probe
 * ({@link org.mmspec.checker.fidelity.kernel}) and on a model through a {@link ModelRunner}; both
 * produce {@link org.mmspec.checker.fidelity.observe.Observations}, which are labelled into
 * {@link org.mmspec.checker.fidelity.observe.CellTable}s and compared
 * ({@link org.mmspec.checker.fidelity.compare}). {@link FidelityCheck} ties the pieces together.
 * See {@code docs/fidelity.md}.
 */
package org.mmspec.checker.fidelity;
