/**
 * What a fidelity run observed, in terms both the live kernel and the model can produce:
 * {@link org.mmspec.checker.fidelity.observe.Observations} (step outcomes, page states with raw frame
 * numbers, final file contents), the {@link org.mmspec.checker.fidelity.observe.HostFacts} that decide
 * comparisons, and the labelled, flat {@link org.mmspec.checker.fidelity.observe.CellTable} in which raw
 * frame numbers are replaced by stable labels ({@code F1}, {@code F2}, {@code ZERO}, {@code S1}).
 */
package org.mmspec.checker.fidelity.observe;
