/**
 * Comparing two labelled observation tables (kernel and model; or two kernel runs; or a golden and a
 * kernel run): every differing cell is either explained by a {@link org.mmspec.checker.fidelity.compare.KnownDifference}
 * (a documented rule with a reason) or shown in a side-by-side table.
 */
package org.mmspec.checker.fidelity.compare;
